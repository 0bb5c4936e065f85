package io.alignstream.curator.topology;

import io.alignstream.curator.policy.InvalidPolicyException;
import io.alignstream.curator.policy.Policy;
import io.alignstream.curator.policy.PolicyParser;
import io.alignstream.schemas.dataset.CurationPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The policies in force, read from the global store of {@code curation-policies} (which holds only
 * policies that passed validation), parsed once per version.
 */
final class Policies {
  private static final Pattern MEMBER = Pattern.compile("(.+)-(a\\d+|rand)-n\\d+");
  private static final long REFRESH_MS = 1_000;
  private KeyValueStore<String, CurationPolicy> store;
  private final Map<String, Policy> parsed = new HashMap<>();
  private List<Policy> all = List.of();
  private long refreshedAt;
  private boolean loaded;

  void init(KeyValueStore<String, CurationPolicy> store) {
    this.store = store;
  }

  /** The policy with this id (dataset or family id), or null. */
  Policy get(String id) {
    CurationPolicy declared = store.get(id);
    return declared == null ? null : parse(declared);
  }

  /** The policy filling this dataset (a family member's family), or null. */
  Policy ownerOf(String datasetId) {
    Policy p = get(datasetId);
    if (p == null) {
      Matcher m = MEMBER.matcher(datasetId);
      if (m.matches()) {
        p = get(m.group(1));
      }
    }
    return p;
  }

  /** Every policy, re-read from the store at most once a second. */
  List<Policy> all(long nowMs) {
    if (!loaded || nowMs - refreshedAt >= REFRESH_MS) {
      List<Policy> fresh = new ArrayList<>();
      try (KeyValueIterator<String, CurationPolicy> it = store.all()) {
        it.forEachRemaining(kv -> {
          Policy p = parse(kv.value);
          if (p != null) {
            fresh.add(p);
          }
        });
      }
      all = fresh;
      refreshedAt = nowMs;
      loaded = true;
    }
    return all;
  }

  private Policy parse(CurationPolicy declared) {
    Policy cached = parsed.get(declared.getDatasetId());
    if (cached != null && cached.declared().equals(declared)) {
      return cached;
    }
    try {
      Policy p = PolicyParser.parse(declared);
      parsed.put(declared.getDatasetId(), p);
      return p;
    } catch (InvalidPolicyException e) {
      return null; // the updater refused it; only a raw restore could have put it here
    }
  }
}
