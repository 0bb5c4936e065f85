package io.alignstream.curator.topology;

import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.streams.DecodingProcessor;
import io.alignstream.schemas.streams.GlobalStoreUpdater;
import io.alignstream.schemas.streams.Sinks;
import io.alignstream.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The curator.
 *
 * <pre>
 * samples-scored ─► decode ─► fan-out (per policy of the task, stateless rules) ─► curator-by-dataset (key policy id)
 *                      └────────────────────────────────────────────────────────► samples-dead-letter
 * curator-by-dataset ─► decode ─► select (score, dedup, policy state) ─┬─► curated-&lt;dataset&gt; (key sample id)
 *                                                                      └─► datasets (manifests, compacted)
 * curation-policies ─► validate ─► global store of policies in force (read by fan-out and select)
 * datasets ─► global store of manifests (size-matched random controls read other datasets' sizes)
 * </pre>
 *
 * Every policy's state (dataset sizes, sketches, heaps, dedup index) lives on the one task that
 * owns the policy's key, so sizes and seals are exact while policies spread over partitions and
 * instances. Exactly-once: curated records, manifests, state and offsets commit together.
 */
public final class CuratorTopology {
  public static final String DATASET_STORE = "curator-datasets";
  public static final String POLICY_STORE = "curator-policy-state";
  public static final String HELD_STORE = "curator-held";
  public static final String DEDUP_STORE = "curator-dedup";
  public static final String POLICIES_GLOBAL_STORE = "curator-policies";
  public static final String MANIFESTS_GLOBAL_STORE = "curator-manifests";

  static final String BY_DATASET_SINK = "by-dataset-sink";
  static final String CURATED_SINK = "curated-sink";
  static final String DATASETS_SINK = "datasets-sink";
  static final String DEAD_LETTER_SINK = "dead-letter-sink";

  private final TopicSpec<String, ScoredSample> scored;
  private final TopicSpec<String, ScoredSample> byDataset;
  private final TopicSpec<String, CurationPolicy> policies;
  private final TopicSpec<String, DatasetManifest> datasets;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final Function<String, String> curatedTopic;
  private final Duration manifestEvery;
  private final CurationListener listener;

  /**
   * @param curatedTopic dataset id → its curated topic name (the catalogue's)
   * @param manifestEvery how often changed datasets publish their manifest (sealing publishes at once)
   */
  public CuratorTopology(TopicSpec<String, ScoredSample> scored, TopicSpec<String, ScoredSample> byDataset,
      TopicSpec<String, CurationPolicy> policies, TopicSpec<String, DatasetManifest> datasets,
      TopicSpec<String, DeadLetter> deadLetters, Function<String, String> curatedTopic, Duration manifestEvery,
      CurationListener listener) {
    this.scored = scored;
    this.byDataset = byDataset;
    this.policies = policies;
    this.datasets = datasets;
    this.deadLetters = deadLetters;
    this.curatedTopic = curatedTopic;
    this.manifestEvery = manifestEvery;
    this.listener = listener;
  }

  public Topology build() {
    Topology t = new Topology();
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICIES_GLOBAL_STORE), Serdes.String(),
            policies.valueSerde()).withLoggingDisabled(),
        "policies-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), policies.name(),
        "policies-validate", () -> new PolicyStoreUpdater(policies.name(), policies.valueSerde().deserializer(), listener));
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MANIFESTS_GLOBAL_STORE), Serdes.String(),
            datasets.valueSerde()).withLoggingDisabled(),
        "manifests-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), datasets.name(),
        "manifests-update", () -> new GlobalStoreUpdater<>(MANIFESTS_GLOBAL_STORE, datasets.name(),
            datasets.valueSerde().deserializer(), (stored, incoming) -> true));

    t.addSource("scored-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), scored.name());
    t.addProcessor("decode", () -> new DecodingProcessor<>("curator", scored.valueSerde().deserializer(), "fan-out",
        DEAD_LETTER_SINK), "scored-source");
    t.addProcessor("fan-out", () -> new FanOut(new Policies(), listener), "decode");
    t.addSink(BY_DATASET_SINK, byDataset.name(), Serdes.String().serializer(),
        Sinks.untyped(byDataset.valueSerde().serializer()), "fan-out");

    t.addSource("by-dataset-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
        byDataset.name());
    t.addProcessor("decode-routed", () -> new DecodingProcessor<>("curator", byDataset.valueSerde().deserializer(),
        "select", DEAD_LETTER_SINK), "by-dataset-source");
    t.addProcessor("select", () -> new Selector(new Policies(), manifestEvery, listener, curatedTopic), "decode-routed");
    t.addStateStore(bytes(DATASET_STORE), "select");
    t.addStateStore(bytes(POLICY_STORE), "select");
    t.addStateStore(bytes(DEDUP_STORE), "select");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_STORE), Serdes.String(),
        byDataset.valueSerde()).withCachingEnabled(), "select");

    TopicNameExtractor<String, Object> toDataset = (key, value, ctx) -> curatedTopic.apply(datasetOf(ctx.headers()
        .lastHeader(Selector.DATASET_HEADER)));
    t.addSink(CURATED_SINK, toDataset, Serdes.String().serializer(), Sinks.untyped(byDataset.valueSerde().serializer()),
        "select");
    t.addSink(DATASETS_SINK, datasets.name(), Serdes.String().serializer(),
        Sinks.untyped(datasets.valueSerde().serializer()), "select");
    t.addSink(DEAD_LETTER_SINK, deadLetters.name(), Serdes.String().serializer(),
        Sinks.untyped(deadLetters.valueSerde().serializer()), "decode", "fan-out", "decode-routed", "select");
    return t;
  }

  private static String datasetOf(Header header) {
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * The record cache folds the many writes of one commit interval (a dataset's state rewritten per
   * record) into one changelog record per key, flushed inside the exactly-once transaction.
   */
  private static StoreBuilder<KeyValueStore<String, byte[]>> bytes(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled();
  }
}
