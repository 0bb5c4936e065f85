package io.alignstream.scorer.coefficient.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.dataset.DatasetAlignment;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The coefficient service on the real broker: windows and datasets, and a restart that loses no window. */
@ExtendWith(AlignStreamExtension.class)
class CoefficientServiceOnKafkaTest {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  static final CoefficientSettings SETTINGS = new CoefficientSettings(new AlignmentCoefficient.Settings(8, 3, 1),
      Duration.ofMinutes(1), Duration.ofSeconds(2), 100, 100, 4, true, true);

  @Test
  void publishesTheCoefficientOfAWindowAndOfASealedDataset(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 2);
    sendTargets(stack, topics, 20);
    sendScored(stack, topics, 0, 24, "git");
    sendScored(stack, topics, 24, 27, "tiny"); // fewer than one batch of 8
    TopicSpec<String, ScoredSample> curated = topics.curated("ds-1");
    stack.admin().createTopics(List.of(new NewTopic(curated.name(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    send(stack, curated, List.of(), 0, 16);
    send(stack, topics.datasets(), "ds-1", DatasetManifest.newBuilder().setDatasetId("ds-1").setTask("mt.en-fr")
        .setTopic(curated.name()).setPolicy(new PolicySpec("threshold", Map.of())).setSize(16).setSealed(true)
        .setUpdatedTime(T0).build());

    try (CoefficientService service = service(stack, topics)) {
      service.start();
      List<AlignmentWindow> windows = await().atMost(Duration.ofSeconds(60))
          .until(() -> read(stack, topics.alignmentWindows()), w -> w.size() >= 6);
      assertThat(windows).filteredOn(w -> w.getGroup().equals("tiny")).hasSize(2).allSatisfy(w -> {
        assertThat(w.getStatus()).isEqualTo("TOO_SMALL");
        assertThat(w.getCoefficient()).isNull();
        assertThat(w.getN()).isEqualTo(3);
        assertThat(w.getMessage()).contains("fewer than one batch of 8");
      });
      assertThat(windows).filteredOn(w -> w.getGroupKind().equals("domain") && w.getGroup().equals("git"))
          .hasSize(2).allSatisfy(w -> {
        assertThat(w.getStatus()).isEqualTo("OK");
        assertThat(w.getCoefficient()).isNotNull();
        assertThat(w.getN()).isEqualTo(24);
        assertThat(w.getMeanScore()).isEqualTo(w.getMethod().equals("gzip") ? 0.25 : -1.0);
        assertThat(w.getGroup()).isEqualTo("git");
        assertThat(w.getClosedBy()).isEqualTo("wall-clock");
      });
      List<DatasetAlignment> datasets = await().atMost(Duration.ofSeconds(60))
          .until(() -> read(stack, topics.datasetAlignment()), d -> d.size() >= 2);
      assertThat(datasets).allSatisfy(d -> {
        assertThat(d.getDatasetId()).isEqualTo("ds-1");
        assertThat(d.getTargetId()).isEqualTo("mt.en-fr/default");
        assertThat(d.getStatus()).isEqualTo("OK");
        assertThat(d.getSamplesUsed()).isEqualTo(16);
        assertThat(d.getSealed()).isTrue();
      });
      assertThat(datasets).extracting(DatasetAlignment::getMethod).containsExactlyInAnyOrder("dsir", "gzip");
    }
  }

  @Test
  void deadLettersAnUndecodableScoredRecordWithItsReasonAndKeepsTheWindow(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 2);
    sendTargets(stack, topics, 20);
    sendScored(stack, topics, 0, 10, "git");
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
        "acks", "all"), new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      p.send(new ProducerRecord<>(topics.samplesScored().name(), "garbage", new byte[] {0, 0, 0, 0, 42, 1, 2}))
          .get(30, TimeUnit.SECONDS);
    }
    sendScored(stack, topics, 10, 20, "git");

    try (CoefficientService service = service(stack, topics)) {
      service.start();
      List<io.alignstream.schemas.deadletter.DeadLetter> letters = await().atMost(Duration.ofSeconds(60))
          .until(() -> read(stack, topics.deadLetters()), d -> !d.isEmpty());
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.getStage()).isEqualTo(CoefficientService.STAGE);
        assertThat(d.getSourceTopic()).isEqualTo(topics.samplesScored().name());
        assertThat(d.getOriginalKey()).isNotNull();
        assertThat(d.getErrorMessage()).isNotBlank();
      });
      List<AlignmentWindow> windows = await().atMost(Duration.ofSeconds(60))
          .until(() -> read(stack, topics.alignmentWindows()), w -> w.size() >= 4);
      assertThat(windows).allSatisfy(w -> assertThat(w.getN()).isEqualTo(20));
    }
  }

  @Test
  void aRestartBeforeAWindowClosesStillPublishesTheWholeWindow(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 2);
    sendTargets(stack, topics, 20);
    sendScored(stack, topics, 0, 30, "gtk");
    CoefficientService first = service(stack, topics);
    first.start();
    Thread.sleep(1000); // it reads the samples; the window (grace 2 s) is still open
    first.close();
    assertThat(read(stack, topics.alignmentWindows())).isEmpty();
    try (CoefficientService second = service(stack, topics)) {
      second.start();
      List<AlignmentWindow> windows = await().atMost(Duration.ofSeconds(60))
          .until(() -> read(stack, topics.alignmentWindows()), w -> w.size() >= 4);
      assertThat(windows).allSatisfy(w -> assertThat(w.getN()).isEqualTo(30));
    }
  }

  private static CoefficientService service(TestStack stack, TopicCatalogue topics) {
    return new CoefficientService(KafkaClientProperties.plaintext(stack.bootstrapServers()), topics,
        task -> Set.of("dsir", "gzip"), SETTINGS, Path.of("target", "probes"), CoefficientService.Listener.NONE);
  }

  private static <V> List<V> read(TestStack stack, TopicSpec<String, V> topic) {
    return TopicReader.values(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(2));
  }

  private static void sendTargets(TestStack stack, TopicCatalogue topics, int n) throws Exception {
    try (KafkaProducer<String, Sample> p = producer(stack, topics.targetSamples())) {
      for (int i = 0; i < n; i++) {
        p.send(new ProducerRecord<>(topics.targetSamples().name(), "mt.en-fr/default",
            sample("t" + i, "the database server failed with error " + i, Role.TARGET, "postgres"))).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void sendScored(TestStack stack, TopicCatalogue topics, int from, int to, String domain) throws Exception {
    send(stack, topics.samplesScored(), List.of(new AlignmentScore("mt.en-fr/default", "gzip", "gzip-ncd-32", 1L, 0.25,
        null), new AlignmentScore("mt.en-fr/default", "dsir", "dsir-v", 1L, -1.0, -4.0)), from, to, domain);
  }

  private static void send(TestStack stack, TopicSpec<String, ScoredSample> topic, List<AlignmentScore> scores, int from,
      int to) throws Exception {
    send(stack, topic, scores, from, to, "git");
  }

  private static void send(TestStack stack, TopicSpec<String, ScoredSample> topic, List<AlignmentScore> scores, int from,
      int to, String domain) throws Exception {
    try (KafkaProducer<String, ScoredSample> p = producer(stack, topic)) {
      for (int i = from; i < to; i++) {
        Sample s = sample("p" + i, "could not connect to the database number " + i, Role.POOL, domain);
        p.send(new ProducerRecord<>(topic.name(), s.getId(), new ScoredSample(s, scores, T0))).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static <V> void send(TestStack stack, TopicSpec<String, V> topic, String key, V value) throws Exception {
    try (KafkaProducer<String, V> p = producer(stack, topic)) {
      p.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static <V> KafkaProducer<String, V> producer(TestStack stack, TopicSpec<String, V> topic) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
        new StringSerializer(), topic.valueSerde().serializer());
  }

  private static Sample sample(String id, String src, Role role, String domain) {
    return Sample.newBuilder().setId(id).setTask("mt.en-fr").setRole(role).setSource("file:" + domain + ".po")
        .setDomain(domain).setEventTime(T0).setIngestTime(T0).setPayload(new TextPair(src, "fr " + src, "en", "fr"))
        .build();
  }
}
