package io.alignstream.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.TestRegistry;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.topology.EmbeddingScoring;
import io.alignstream.scorer.topology.EncoderWork;
import io.alignstream.scorer.topology.ScorerSettings;
import io.alignstream.scorer.topology.ScorerTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer topology with the pretrained text encoders: references, contrasted and calibrated scores. */
class EncoderScoringTopologyTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final List<String> DATABASE = List.of("could not connect to the database server",
      "the table does not exist in the database", "database query failed with an error",
      "the server closed the database connection", "permission denied for table %s", "invalid database name %s",
      "the query returned no rows", "connection to the database server was lost", "could not open relation %s",
      "the transaction was rolled back", "duplicate key value violates unique constraint", "the index is corrupted",
      "could not read block %u of relation %s", "out of shared memory", "the role %s does not exist",
      "syntax error at or near %s", "could not serialize access due to concurrent update", "the database is shutting down",
      "column %s does not exist", "could not create the replication slot", "the schema %s already exists",
      "the sequence reached its maximum value", "the statement timed out", "the user name is missing");
  private static final List<String> COOKING = List.of("add two cups of flour", "bake the cake for twenty minutes",
      "stir the sauce gently", "preheat the oven to 180 degrees", "chop the onions finely", "season with salt and pepper",
      "whisk the eggs with sugar", "serve the soup hot");
  private static TestRegistry registry;
  @TempDir static Path probes;

  @BeforeAll
  static void startRegistry() {
    System.setProperty("ai.djl.offline", "true");
    registry = TestRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void scoresPoolSamplesOfTheTargetsDomainAboveOthersByTask2VecAndEmbedding() {
    TopicCatalogue topics = registry.catalogue();
    ScorerSettings settings = new ScorerSettings(8, Duration.ofMillis(100), Duration.ofSeconds(1), 16, Map.of("mt", Set.of("task2vec", "embedding", "dsir")), Set.of(),
        Duration.ofSeconds(5), Duration.ZERO);
    TextTask2VecScoring task2vec = new TextTask2VecScoring(
        () -> new EncoderTextProbe(MiniLm.shared(), EncoderTextProbe.Options.defaults(), probes),
        new ProbeTask2VecScoring(probes, 32, 4, ProbeConfig.ciSized()));
    TextEmbeddingScoring embedding = new TextEmbeddingScoring(
        () -> new SentenceEncoder(MiniLm.shared(), TextInput.DEFAULT, 64));
    List<EmbeddingScoring> encoders = List.of(task2vec, embedding);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-encoders-" + UUID.randomUUID());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(new ScorerTopology(topics.samplesRaw(), topics.targetSamples(),
        topics.samplesScored(), topics.targetEmbeddings(), topics.deadLetters(), settings, encoders, EncoderWork.inline()).build(), config, T0)) {
      TestInputTopic<String, Sample> raw = driver.createInputTopic(topics.samplesRaw().name(),
          Serdes.String().serializer(), topics.samplesRaw().valueSerde().serializer());
      TestOutputTopic<String, ScoredSample> scored = driver.createOutputTopic(topics.samplesScored().name(),
          Serdes.String().deserializer(), topics.samplesScored().valueSerde().deserializer());
      TestOutputTopic<String, TargetReference> references = driver.createOutputTopic(topics.targetEmbeddings().name(),
          Serdes.String().deserializer(), topics.targetEmbeddings().valueSerde().deserializer());

      DATABASE.forEach(t -> raw.pipeInput(sample(t, Role.TARGET)));
      driver.advanceWallClockTime(Duration.ofSeconds(2));
      TargetReference ref = references.readValuesToList().get(0);
      assertThat(ref.getTask2vecProbeId()).startsWith("t2v-minilm-l6-");
      assertThat(ref.getTask2vecEmbedding()).hasSize(MiniLm.shared().fisherDimension());
      assertThat(ref.getEmbeddingProbeId()).startsWith("emb-minilm-l6-");
      assertThat(ref.getEmbeddingMean()).hasSize(MiniLm.HIDDEN);
      assertThat(ref.getCalibrationPayloads()).hasSize(DATABASE.size());

      List.of("the database server refused the connection", "no such table in the database",
          "the query on the database failed", "could not connect to the server", "the relation was not found",
          "permission denied for the database", "the database connection timed out", "the index was rebuilt")
          .forEach(t -> raw.pipeInput(sample(t, Role.POOL)));
      COOKING.forEach(t -> raw.pipeInput(sample(t, Role.POOL)));
      driver.advanceWallClockTime(Duration.ofSeconds(1));

      List<ScoredSample> pool = scored.readValuesToList().stream().filter(s -> s.getSample().getRole() == Role.POOL)
          .toList();
      assertThat(pool).hasSize(16);
      for (String method : List.of("task2vec", "embedding")) {
        double db = mean(pool.subList(0, 8), method);
        double food = mean(pool.subList(8, 16), method);
        assertThat(db).as(method).isGreaterThan(food);
      }
      AlignmentScore dsir = pool.get(0).getScores().stream().filter(s -> s.getMethod().equals("dsir")).findFirst()
          .orElseThrow();
      assertThat(dsir.getLogWeight()).isNotNull();
      assertThat(dsir.getValue()).isLessThan(Double.POSITIVE_INFINITY);
    } finally {
      task2vec.close();
    }
  }

  private static double mean(List<ScoredSample> samples, String method) {
    return samples.stream().flatMap(s -> s.getScores().stream()).filter(a -> a.getMethod().equals(method))
        .mapToDouble(AlignmentScore::getValue).average().orElseThrow();
  }

  private static Sample sample(String text, Role role) {
    return Sample.newBuilder().setId(UUID.randomUUID().toString()).setTask("mt.en-fr").setRole(role).setSource("test")
        .setDomain("d").setEventTime(T0).setIngestTime(T0).setPayload(new TextPair(text, "fr " + text, "en", "fr")).build();
  }
}
