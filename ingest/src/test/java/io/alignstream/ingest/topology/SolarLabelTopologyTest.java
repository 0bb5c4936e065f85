package io.alignstream.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.TestRegistry;
import io.alignstream.ingest.solar.FlareEvent;
import io.alignstream.ingest.solar.FlareLabeler;
import io.alignstream.ingest.solar.SharpKeywords;
import io.alignstream.ingest.solar.SharpRecord;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The late-label join, driven by wall-clock time in a TopologyTestDriver. */
class SolarLabelTopologyTest {
  private static final Instant T = Instant.parse("2024-05-10T00:00:00Z");
  private static final Duration GRACE = Duration.ofHours(2);
  private static TestRegistry registry;
  private TopicCatalogue topics;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Sample> sharp;
  private TestInputTopic<String, SolarFlare> flares;
  private TestInputTopic<byte[], byte[]> rawSharp;
  private TestOutputTopic<String, Sample> labelled;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeAll
  static void startRegistry() {
    registry = TestRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void setUp() {
    topics = registry.catalogue();
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "solar-label-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(new SolarLabelTopology(topics.solarSharp(), topics.solarFlares(), topics.samplesRaw(),
        topics.deadLetters(), new SolarLabelTopology.Settings(GRACE, Duration.ofMinutes(1)), new FlareLabeler()).build(),
        config, T);
    sharp = driver.createInputTopic(topics.solarSharp().name(), Serdes.String().serializer(),
        topics.solarSharp().valueSerde().serializer());
    rawSharp = driver.createInputTopic(topics.solarSharp().name(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    flares = driver.createInputTopic(topics.solarFlares().name(), Serdes.String().serializer(),
        topics.solarFlares().valueSerde().serializer());
    labelled = driver.createOutputTopic(topics.samplesRaw().name(), Serdes.String().deserializer(),
        topics.samplesRaw().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(),
        topics.deadLetters().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldLabelPositiveOnlyForAMajorFlareInsideTheNext24Hours() {
    // given: an M flare 6 h before t (history), a C flare inside (not major), an X flare after t+24h
    flare("before", "M2.0", T.minus(Duration.ofHours(6)), 12345);
    flare("inside-c", "C5.0", T.plus(Duration.ofHours(3)), 12345);
    flare("after", "X1.0", T.plus(Duration.ofHours(25)), 12345);
    sharp.pipeInput("100", record(100, T, 12345));

    // when: the window closes and the grace passes
    driver.advanceWallClockTime(Duration.ofHours(24).plus(GRACE).plusMinutes(2));

    // then
    Sample out = labelled.readValue();
    Features f = (Features) out.getPayload();
    assertThat(f.getLabel()).isEqualTo(0.0);
    assertThat(value(f, "HIST_M24")).isEqualTo(1.0);
    assertThat(value(f, "HIST_C24")).isEqualTo(0.0);
    assertThat(out.getMetadata()).containsEntry("HARPNUM", "100").containsEntry("FLARE_CLASS", "C5.0");
    assertThat(labelled.isEmpty()).isTrue();
  }

  @Test
  void shouldWaitForTheWindowToCloseAndCountALateFlareReport() {
    sharp.pipeInput("200", record(200, T, 13000));
    driver.advanceWallClockTime(Duration.ofHours(20));
    assertThat(labelled.isEmpty()).as("nothing before the window closes").isTrue();

    // A flare inside the window, reported late (after t+24h but within the grace period)
    driver.advanceWallClockTime(Duration.ofHours(5));
    flare("late", "M1.1", T.plus(Duration.ofHours(23)), 13000);
    driver.advanceWallClockTime(Duration.ofHours(2));

    Features f = (Features) labelled.readValue().getPayload();
    assertThat(f.getLabel()).isEqualTo(1.0);
  }

  @Test
  void shouldIgnoreFlaresOfOtherRegionsAndNotReemitAfterEmission() {
    flare("other-region", "X5.0", T.plus(Duration.ofHours(1)), 99999);
    sharp.pipeInput("300", record(300, T, 14000));
    driver.advanceWallClockTime(Duration.ofHours(27));
    assertThat(((Features) labelled.readValue().getPayload()).getLabel()).isEqualTo(0.0);

    flare("too-late", "X2.0", T.plus(Duration.ofHours(2)), 14000);
    driver.advanceWallClockTime(Duration.ofHours(1));
    assertThat(labelled.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterUndecodableAndInvalidRecordsAndKeepGoing() {
    rawSharp.pipeInput("400".getBytes(), new byte[] {9, 9, 9});
    Sample notSharp = record(401, T, 15000);
    notSharp.setMetadata(Map.of());
    sharp.pipeInput("401", notSharp);
    sharp.pipeInput("402", record(402, T, 15000));
    driver.advanceWallClockTime(Duration.ofHours(27));

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).getErrorMessage()).contains("not in the Confluent wire format");
    assertThat(letters.get(0).getSourceOffset()).isZero();
    assertThat(letters.get(1).getErrorMessage()).contains("HARPNUM and T_REC");
    assertThat(labelled.readValuesToList()).hasSize(1);
  }

  private void flare(String id, String cls, Instant peak, int noaa) {
    flares.pipeInput(id, SolarRecords.avro(new FlareEvent(id, FlareEvent.Source.SWPC, peak.minus(Duration.ofMinutes(10)),
        peak, peak.plus(Duration.ofMinutes(20)), cls, noaa, "16", null, false, null, List.of()), T));
  }

  private static Sample record(int harp, Instant t, int noaa) {
    Map<String, Double> keywords = new HashMap<>();
    SharpKeywords.NAMES.forEach(n -> keywords.put(n, 1.0));
    return SolarRecords.unlabelled(new SharpRecord(harp, t, noaa, 1, List.of(noaa), keywords), Role.POOL, "test");
  }

  private static double value(Features f, String name) {
    return f.getValues().get(f.getNames().indexOf(name));
  }
}
