package io.alignstream.ingest.topology;

import io.alignstream.ingest.solar.FlareLabeler;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.streams.DecodingProcessor;
import io.alignstream.schemas.streams.GlobalStoreUpdater;
import io.alignstream.schemas.streams.Sinks;
import io.alignstream.schemas.topics.TopicSpec;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The late-label join of live SHARP records with flare events.
 *
 * <pre>
 * solar-sharp (key HARPNUM → Sample, unlabelled) ─► sharp-decode ─► solar-label ─► samples-raw (key id → labelled Sample)
 *                                                         │              │   ▲
 *                                                         └──────────────┴───┼─► samples-dead-letter
 * solar-flares (key flare id → SolarFlare) ─► global store solar-flares-store ┘
 * </pre>
 *
 * A SHARP record at t waits in the changelogged store {@value #PENDING_STORE} until its label window
 * (t, t+24h] has closed plus a grace period for late flare reports (wall clock); it is then labelled
 * from the flares of its NOAA regions ({@link FlareLabeler}: label from (t, t+24h], history from
 * [t−24h, t) only) and emitted. A flare reported after the grace period no longer changes an emitted
 * label. Flares are few (thousands a year), so the global store is scanned at each punctuation.
 */
public final class SolarLabelTopology {
  public static final String PENDING_STORE = "solar-sharp-pending";
  public static final String FLARE_STORE = "solar-flares-store";

  /**
   * @param grace how long after t+24h late flare reports are still waited for
   * @param punctuateEvery how often due records are labelled (wall clock)
   */
  public record Settings(Duration grace, Duration punctuateEvery) {}

  private final TopicSpec<String, Sample> sharp;
  private final TopicSpec<String, SolarFlare> flares;
  private final TopicSpec<String, Sample> labelled;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final Settings settings;
  private final FlareLabeler labeler;

  public SolarLabelTopology(TopicSpec<String, Sample> sharp, TopicSpec<String, SolarFlare> flares,
      TopicSpec<String, Sample> labelled, TopicSpec<String, DeadLetter> deadLetters, Settings settings,
      FlareLabeler labeler) {
    this.sharp = sharp;
    this.flares = flares;
    this.labelled = labelled;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.labeler = labeler;
  }

  public Topology build() {
    Topology t = new Topology();
    t.addSource("sharp-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), sharp.name());
    t.addProcessor("sharp-decode", () -> new DecodingProcessor<>("ingest", sharp.valueSerde().deserializer(),
        "solar-label", "dead-letter-sink"), "sharp-source");
    t.addProcessor("solar-label", () -> new SolarLabelProcessor(labeler, settings, "labelled-sink", "dead-letter-sink"),
        "sharp-decode");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(),
        sharp.valueSerde()), "solar-label");
    t.addSink("labelled-sink", labelled.name(), Serdes.String().serializer(), Sinks.untyped(labelled.valueSerde().serializer()),
        "solar-label");
    t.addSink("dead-letter-sink", deadLetters.name(), Serdes.String().serializer(),
        Sinks.untyped(deadLetters.valueSerde().serializer()), "sharp-decode", "solar-label");
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FLARE_STORE), Serdes.String(),
            flares.valueSerde()).withLoggingDisabled(),
        "flares-source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), flares.name(),
        "flares-update", () -> new GlobalStoreUpdater<>(FLARE_STORE, flares.name(), flares.valueSerde().deserializer(),
            // A DONKI revision with a lower version than the stored one is stale.
            (stored, incoming) -> stored.getVersion() == null || incoming.getVersion() == null
                || incoming.getVersion() >= stored.getVersion()));
    return t;
  }
}
