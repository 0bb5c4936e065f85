package io.alignstream.schemas.topics;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalogue: its name, how it is created, and the serdes of its records.
 *
 * @param configs topic-level configs besides cleanup.policy (e.g. retention.ms)
 */
public record TopicSpec<K, V>(
    String name,
    int partitions,
    CleanupPolicy cleanupPolicy,
    Map<String, String> configs,
    Serde<K> keySerde,
    Serde<V> valueSerde) {

  public TopicSpec {
    configs = Map.copyOf(configs);
  }

  /** All topic-level configs, cleanup.policy included, as the admin client wants them. */
  public Map<String, String> topicConfigs() {
    Map<String, String> all = new HashMap<>(configs);
    all.put("cleanup.policy", cleanupPolicy.config());
    return Map.copyOf(all);
  }
}
