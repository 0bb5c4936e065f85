package io.alignstream.curator.config;

import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the curated-&lt;dataset&gt; topics of a policy when it comes into force, before any record
 * is routed to them (the policy store updater calls it before storing the policy).
 */
public final class CuratedTopics {
  private final Admin admin;
  private final TopicCatalogue topics;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public CuratedTopics(Admin admin, TopicCatalogue topics) {
    this.admin = admin;
    this.topics = topics;
  }

  /** Creates the missing ones; bounded to 30 s, then a clear error. */
  public void ensure(List<String> datasetIds) {
    List<NewTopic> missing = datasetIds.stream().filter(id -> !known.contains(id)).map(topics::curated)
        .map(CuratedTopics::newTopic).toList();
    if (missing.isEmpty()) {
      return;
    }
    for (var entry : admin.createTopics(missing).values().entrySet()) {
      try {
        entry.getValue().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Cannot create curated topic " + entry.getKey() + ": " + e.getCause(), e);
        }
      } catch (TimeoutException | InterruptedException e) {
        throw new IllegalStateException("Creating curated topic " + entry.getKey() + " took over 30 s", e);
      }
    }
    known.addAll(datasetIds);
  }

  private static NewTopic newTopic(TopicSpec<?, ?> spec) {
    return new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.topicConfigs());
  }
}
