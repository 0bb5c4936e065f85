package io.alignstream.scorer.topology;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.streams.DecodingProcessor;
import io.alignstream.schemas.streams.GlobalStoreUpdater;
import io.alignstream.schemas.streams.Sinks;
import io.alignstream.schemas.topics.TopicSpec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer.
 *
 * <pre>
 * samples-raw ─► decode ─► route ─┬─ TARGET ─► target-samples (key target id) ─► decode ─► build-reference ─► target-embeddings
 *                  │          │   └─ TARGET ─► samples-scored (no scores)                                         │
 *                  │          └── POOL ─► score (micro-batches) ──► samples-scored (key id → ScoredSample)      ▼
 *                  │                    ▲                                                      global store of references
 *                  └────────────────────┴──────── samples-dead-letter                     (read by every score task)
 * </pre>
 *
 * Window and dataset coefficients (alignment-windows, dataset-alignment) are computed outside the
 * topology by the {@link io.alignstream.scorer.coefficient.service.CoefficientService}.
 *
 * All samples of one target meet on one task (re-keyed by target id), which keeps the reference
 * and publishes it, versioned, to {@code target-embeddings}; every scoring task reads all targets
 * from a global store of that topic. POOL samples wait in a changelogged store until their batch
 * is scored. Everything runs inside exactly-once transactions.
 */
public final class ScorerTopology {
  public static final String TARGETS_STORE = "scorer-targets";
  public static final String TARGET_COUNTS_STORE = "scorer-target-dsir-counts";
  public static final String TARGET_SAMPLES_STORE = "scorer-target-samples";
  public static final String POOL_COUNTS_STORE = "scorer-pool-dsir";
  public static final String POOL_REFERENCES_STORE = "scorer-pool-references";
  public static final String PENDING_STORE = "scorer-pending";
  public static final String REFERENCES_GLOBAL_STORE = "scorer-references";

  static final String SCORE = "score";
  static final String SCORED_SINK = "scored-sink";
  static final String TARGET_SAMPLES_SINK = "target-samples-sink";
  static final String REFERENCE_SINK = "reference-sink";
  static final String DEAD_LETTER_SINK = "dead-letter-sink";

  private final TopicSpec<String, Sample> raw;
  private final TopicSpec<String, Sample> targetSamples;
  private final TopicSpec<String, ScoredSample> scored;
  private final TopicSpec<String, TargetReference> references;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final ScorerSettings settings;
  private final java.util.List<EmbeddingScoring> encoders;
  private final EncoderWork work;

  /** {@code work}: where the encoders run (never on a stream thread in the service; see {@link EncoderWork}). */
  public ScorerTopology(TopicSpec<String, Sample> raw, TopicSpec<String, Sample> targetSamples,
      TopicSpec<String, ScoredSample> scored, TopicSpec<String, TargetReference> references,
      TopicSpec<String, DeadLetter> deadLetters, ScorerSettings settings,
      java.util.List<EmbeddingScoring> encoders, EncoderWork work) {
    this.raw = raw;
    this.targetSamples = targetSamples;
    this.scored = scored;
    this.references = references;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.encoders = java.util.List.copyOf(encoders);
    this.work = work;
  }

  public Topology build() {
    Topology t = new Topology();
    t.addSource("raw-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), raw.name());
    t.addProcessor("decode", () -> new DecodingProcessor<>("scorer", raw.valueSerde().deserializer(), "route",
        DEAD_LETTER_SINK), "raw-source");
    t.addProcessor("route", TargetRouter::new, "decode");
    t.addProcessor(SCORE, () -> new BatchScorer(settings, encoders, work), "route");
    t.addStateStore(store(PENDING_STORE, raw), SCORE);
    t.addStateStore(cached(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POOL_COUNTS_STORE),
        Serdes.String(), Serdes.ByteArray())), SCORE);
    t.addStateStore(cached(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POOL_REFERENCES_STORE),
        Serdes.String(), Serdes.ByteArray())), SCORE);

    t.addSource("target-samples-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
        targetSamples.name());
    t.addProcessor("decode-target", () -> new DecodingProcessor<>("scorer", targetSamples.valueSerde().deserializer(),
        "build-reference", DEAD_LETTER_SINK), "target-samples-source");
    t.addProcessor("build-reference", () -> new ReferenceBuilder(settings, encoders, work), "decode-target");
    t.addStateStore(cached(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TARGETS_STORE), Serdes.String(),
        references.valueSerde())), "build-reference");
    t.addStateStore(cached(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TARGET_COUNTS_STORE),
        Serdes.String(), Serdes.Long())), "build-reference");
    t.addStateStore(store(TARGET_SAMPLES_STORE, targetSamples), "build-reference");

    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REFERENCES_GLOBAL_STORE),
            Serdes.String(), references.valueSerde()).withLoggingDisabled(),
        "references-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), references.name(),
        "references-update", () -> new GlobalStoreUpdater<>(REFERENCES_GLOBAL_STORE, references.name(),
            references.valueSerde().deserializer(), (stored, incoming) -> incoming.getVersion() >= stored.getVersion()));

    t.addSink(SCORED_SINK, scored.name(), Serdes.String().serializer(), Sinks.untyped(scored.valueSerde().serializer()),
        "route", SCORE);
    t.addSink(TARGET_SAMPLES_SINK, targetSamples.name(), Serdes.String().serializer(),
        Sinks.untyped(targetSamples.valueSerde().serializer()), "route");
    t.addSink(REFERENCE_SINK, references.name(), Serdes.String().serializer(),
        Sinks.untyped(references.valueSerde().serializer()), "build-reference");
    t.addSink(DEAD_LETTER_SINK, deadLetters.name(), Serdes.String().serializer(),
        Sinks.untyped(deadLetters.valueSerde().serializer()), "decode", "route", "decode-target");
    return t;
  }

  private static StoreBuilder<?> store(String name, TopicSpec<String, Sample> topic) {
    return cached(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), topic.valueSerde()));
  }

  /**
   * The record cache folds the many writes between two commits (a pending sample put and then
   * deleted, one DSIR bucket counted again and again) into one changelog record per key; it is
   * flushed inside the exactly-once transaction at each commit, so nothing is lost.
   */
  private static <K, V> StoreBuilder<KeyValueStore<K, V>> cached(StoreBuilder<KeyValueStore<K, V>> builder) {
    return builder.withCachingEnabled();
  }
}
