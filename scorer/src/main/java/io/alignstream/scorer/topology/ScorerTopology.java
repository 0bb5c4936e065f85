package io.alignstream.scorer.topology;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.streams.DecodingProcessor;
import io.alignstream.schemas.topics.TopicSpec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer.
 *
 * <pre>
 * samples-raw ─► decode ─► score ─┬─► samples-scored (key id → ScoredSample) ─► windows ─► alignment-windows
 *                  │               ├─► target-embeddings (key target id → TargetReference, versioned)
 *                  └───────────────┴─► samples-dead-letter
 * </pre>
 *
 * TARGET samples update their target's reference (DSIR counts, gzip reference) and pass through
 * with no scores; POOL samples update their task's DSIR pool counts and wait in the changelogged
 * {@value #PENDING_STORE} store until a micro-batch is full or old enough, then are scored against
 * every target of their task by each configured method. Everything runs inside the exactly-once
 * transaction: a crash neither loses a pending sample nor scores one twice.
 */
public final class ScorerTopology {
  public static final String TARGETS_STORE = "scorer-targets";
  public static final String COUNTS_STORE = "scorer-dsir-counts";
  public static final String PENDING_STORE = "scorer-pending";
  public static final String WINDOWS_STORE = "scorer-window-aggregates";
  public static final String TARGET_SAMPLES_STORE = "scorer-target-samples";

  private final TopicSpec<String, Sample> raw;
  private final TopicSpec<String, ScoredSample> scored;
  private final TopicSpec<String, TargetReference> references;
  private final TopicSpec<String, AlignmentWindow> windows;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final ScorerSettings settings;
  private final Task2VecScoring task2vec;

  public ScorerTopology(TopicSpec<String, Sample> raw, TopicSpec<String, ScoredSample> scored,
      TopicSpec<String, TargetReference> references, TopicSpec<String, AlignmentWindow> windows,
      TopicSpec<String, DeadLetter> deadLetters, ScorerSettings settings, Task2VecScoring task2vec) {
    this.raw = raw;
    this.scored = scored;
    this.references = references;
    this.windows = windows;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.task2vec = task2vec;
  }

  public Topology build() {
    Topology t = new Topology();
    t.addSource("raw-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), raw.name());
    t.addProcessor("decode", () -> new DecodingProcessor<>("scorer", raw.valueSerde().deserializer(), "score",
        "dead-letter-sink"), "raw-source");
    t.addProcessor("score", () -> new ScoringProcessor(settings, task2vec), "decode");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TARGETS_STORE), Serdes.String(),
        references.valueSerde()), "score");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTS_STORE), Serdes.String(),
        Serdes.Long()), "score");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(),
        raw.valueSerde()), "score");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TARGET_SAMPLES_STORE), Serdes.String(),
        raw.valueSerde()), "score");
    t.addProcessor("windows", () -> new WindowProcessor(settings), "score");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS_STORE), Serdes.String(),
        Serdes.ByteArray()), "windows");
    t.addSink("scored-sink", scored.name(), Serdes.String().serializer(), untyped(scored.valueSerde().serializer()),
        "score");
    t.addSink("reference-sink", references.name(), Serdes.String().serializer(),
        untyped(references.valueSerde().serializer()), "score");
    t.addSink("window-sink", windows.name(), Serdes.String().serializer(), untyped(windows.valueSerde().serializer()),
        "windows");
    t.addSink("dead-letter-sink", deadLetters.name(), Serdes.String().serializer(),
        untyped(deadLetters.valueSerde().serializer()), "decode", "score");
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Serializer<Object> untyped(Serializer<?> serializer) {
    return (Serializer<Object>) serializer;
  }
}
