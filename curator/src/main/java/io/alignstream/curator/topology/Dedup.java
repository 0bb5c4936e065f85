package io.alignstream.curator.topology;

import io.alignstream.curator.algo.ContentHash;
import io.alignstream.curator.algo.MinHashLsh;
import io.alignstream.curator.algo.MinHashSignature;
import io.alignstream.curator.algo.TextNormalizer;
import io.alignstream.curator.policy.Policy;
import io.alignstream.schemas.scored.ScoredSample;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Duplicate removal per policy, in {@value CuratorTopology#DEDUP_STORE}: {@code h|policy|hash} for
 * the exact content hash of every curated sample, and {@code b|policy|band} → MinHash signature of
 * the first curated sample in that LSH band. A sample is a near-duplicate when it shares a band with
 * a curated sample whose estimated Jaccard similarity is at least the policy's threshold. The state
 * lives with the policy's other state (one partition per policy), so a duplicate is found wherever
 * its original arrived.
 */
final class Dedup {
  static final String DUPLICATE = "duplicate";
  static final String NEAR_DUPLICATE = "near-duplicate";
  private static final byte[] SEEN = {1};
  private final KeyValueStore<String, byte[]> store;
  private final Map<String, MinHashLsh> lsh = new HashMap<>();
  /** The signature {@link #check} computed last, reused by {@link #remember} for the same sample. */
  private String lastSignedId;
  private MinHashSignature lastSignature;

  Dedup(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /** Null when the sample is new to the policy, else the reason it is a duplicate. */
  String check(Policy p, ScoredSample s) {
    if (p.rules().dedup() == Policy.Dedup.NONE) {
      return null;
    }
    if (store.get(hashKey(p, s)) != null) {
      return DUPLICATE;
    }
    String text = SampleContent.text(s.getSample());
    if (p.rules().dedup() == Policy.Dedup.NEAR && text != null) {
      MinHashLsh l = lsh(p);
      MinHashSignature sig = signature(l, s.getSample().getId(), text);
      for (MinHashLsh.BandKey band : l.bandKeys(sig)) {
        byte[] other = store.get(bandKey(p, band));
        if (other != null && MinHashSignature.fromBytes(other).estimateJaccard(sig) >= p.rules().nearThreshold()) {
          return NEAR_DUPLICATE;
        }
      }
    }
    return null;
  }

  /** Records a curated sample so later copies are recognised. */
  void remember(Policy p, ScoredSample s) {
    if (p.rules().dedup() == Policy.Dedup.NONE) {
      return;
    }
    store.put(hashKey(p, s), SEEN);
    String text = SampleContent.text(s.getSample());
    if (p.rules().dedup() == Policy.Dedup.NEAR && text != null) {
      MinHashLsh l = lsh(p);
      MinHashSignature sig = signature(l, s.getSample().getId(), text);
      byte[] bytes = sig.toBytes();
      for (MinHashLsh.BandKey band : l.bandKeys(sig)) {
        String key = bandKey(p, band);
        if (store.get(key) == null) {
          store.put(key, bytes);
        }
      }
    }
  }

  private MinHashSignature signature(MinHashLsh l, String sampleId, String text) {
    if (!sampleId.equals(lastSignedId) || lastSignature.configId() != l.configId()) {
      lastSignature = l.signature(text);
      lastSignedId = sampleId;
    }
    return lastSignature;
  }

  private MinHashLsh lsh(Policy p) {
    Policy.Rules r = p.rules();
    MinHashLsh.Config config = new MinHashLsh.Config(MinHashLsh.ShingleUnit.CHARACTER, r.shingle(), r.bands(), r.rows(),
        0x5eed, TextNormalizer.LOWER_CASE);
    return lsh.compute(p.id(), (id, old) -> old != null && old.config().equals(config) ? old : new MinHashLsh(config));
  }

  private static String hashKey(Policy p, ScoredSample s) {
    return "h|" + p.id() + "|" + ContentHash.of(SampleContent.bytes(s.getSample())).toHex();
  }

  private static String bandKey(Policy p, MinHashLsh.BandKey band) {
    return "b|" + p.id() + "|" + band;
  }
}
