package io.alignstream.trainer.service;

import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.trainer.model.SyntheticSamples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Solar records for the trainer's tests, and how they get onto the topics the way the scorer and curator put them. */
public final class TrainerTestData {
  public static final String TASK = "solar.flare24h";
  public static final String TARGET = TASK + "/default";
  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private TrainerTestData() {}

  /** Separable synthetic flare features as the task's TARGET samples (with labels). */
  public static List<Sample> targets(int n, long seed) {
    return SyntheticSamples.flareFeatures(n, seed, 0.3).stream()
        .map(s -> Sample.newBuilder(s).setId("target-" + s.getId()).setRole(Role.TARGET).build()).toList();
  }

  /** Pool samples of the task: what a curated dataset holds. */
  public static List<Sample> pool(int n, long seed) {
    return SyntheticSamples.flareFeatures(n, seed, 0.3);
  }

  /**
   * A scored sample: {@code value} for the task's target by task2vec, plus a score for another target
   * that the trainer must leave out of the dataset's alignment.
   */
  public static ScoredSample scored(Sample s, double value) {
    return new ScoredSample(s, List.of(new AlignmentScore(TARGET, "task2vec", "probe-1", 1L, value, null),
        new AlignmentScore("other/target", "task2vec", "probe-1", 1L, -5.0, null)), T0);
  }

  public static DatasetManifest manifest(TopicCatalogue topics, String datasetId, String family, long size,
      boolean sealed) {
    return manifest(topics, datasetId, TASK, family, size, sealed);
  }

  public static DatasetManifest manifest(TopicCatalogue topics, String datasetId, String task, String family,
      long size, boolean sealed) {
    return DatasetManifest.newBuilder().setDatasetId(datasetId).setTask(task).setTopic(topics.curated(datasetId).name())
        .setFamily(family).setPolicy(new PolicySpec("family", Map.of())).setTargetId(task + "/default").setSize(size)
        .setSizeLimit(size).setSealed(sealed).setUpdatedTime(T0).build();
  }

  public static void createCurated(Admin admin, TopicCatalogue topics, String datasetId, int partitions)
      throws Exception {
    admin.createTopics(List.of(new NewTopic(topics.curated(datasetId).name(), partitions, (short) 1)))
        .all().get(30, TimeUnit.SECONDS);
  }

  /** Sends to {@code target-samples}, keyed by target id, as the scorer does. */
  public static void sendTargets(String bootstrap, TopicCatalogue topics, List<Sample> targets) throws Exception {
    try (var p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
        topics.targetSamples().keySerde().serializer(), topics.targetSamples().valueSerde().serializer())) {
      for (Sample s : targets) {
        p.send(new ProducerRecord<>(topics.targetSamples().name(), TARGET, s));
      }
      p.flush();
    }
  }

  public static void sendManifest(String bootstrap, TopicCatalogue topics, DatasetManifest m) throws Exception {
    try (var p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
        topics.datasets().keySerde().serializer(), topics.datasets().valueSerde().serializer())) {
      p.send(new ProducerRecord<>(topics.datasets().name(), m.getDatasetId(), m)).get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends values to a curated topic with the curator's headers (sequence numbers from {@code firstSeq}),
   * round-robin over {@code partitions}; a {@code byte[]} value is sent as it is (a corrupt record).
   */
  public static void sendCurated(String bootstrap, TopicCatalogue topics, String datasetId, List<?> values,
      long firstSeq, int partitions) throws Exception {
    String topic = topics.curated(datasetId).name();
    var serializer = topics.curated(datasetId).valueSerde().serializer();
    try (var p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(),
        new ByteArraySerializer())) {
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        byte[] bytes = v instanceof byte[] raw ? raw : serializer.serialize(topic, (ScoredSample) v);
        String key = v instanceof ScoredSample s ? s.getSample().getId() : "corrupt-" + i;
        RecordHeaders headers = new RecordHeaders();
        headers.add("alignstream.dataset", datasetId.getBytes(StandardCharsets.UTF_8));
        headers.add("alignstream.seq", Long.toString(firstSeq + i).getBytes(StandardCharsets.UTF_8));
        p.send(new ProducerRecord<>(topic, i % partitions, key, bytes, headers));
      }
      p.flush();
    }
  }

  public static List<ScoredSample> scoredAll(List<Sample> samples, double value) {
    return IntStream.range(0, samples.size()).mapToObj(i -> scored(samples.get(i), value)).toList();
  }

  public static Duration timeout(int seconds) {
    return Duration.ofSeconds(seconds);
  }
}
