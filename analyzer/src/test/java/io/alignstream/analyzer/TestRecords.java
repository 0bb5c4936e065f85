package io.alignstream.analyzer;

import io.alignstream.schemas.common.ConfidenceInterval;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.topics.TopicSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends records to the real broker in tests, keyed as the pipeline keys them, and builds the other inputs. */
public final class TestRecords {
  private TestRecords() {}

  /** Sends the values keyed by {@code key} and waits for every acknowledgement. */
  public static <V> void send(String bootstrap, TopicSpec<String, V> topic, List<V> values,
      java.util.function.Function<V, String> key) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (V v : values) {
        producer.send(new ProducerRecord<>(topic.name(), key.apply(v), v)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Sends all values at once (one flush), as a burst the reader takes in one poll. */
  public static <V> void sendAll(String bootstrap, TopicSpec<String, V> topic, List<V> values,
      java.util.function.Function<V, String> key) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all",
        "linger.ms", 50), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
      for (V v : values) {
        sent.add(producer.send(new ProducerRecord<>(topic.name(), key.apply(v), v)));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
  }

  public static DatasetManifest manifest(String datasetId, String task, String family, long size, double alignment) {
    return DatasetManifest.newBuilder()
        .setDatasetId(datasetId)
        .setTask(task)
        .setTopic("curated-" + datasetId)
        .setFamily(family)
        .setPolicy(new PolicySpec("family", Map.of("alignment", String.valueOf(alignment))))
        .setTargetId(task + "/default")
        .setMethod("task2vec")
        .setSize(size)
        .setSizeLimit(size * 2)
        .setMeanAlignment(alignment)
        .setSealed(false)
        .setUpdatedTime(Instant.parse("2026-11-22T10:00:00Z"))
        .build();
  }

  public static AlignmentWindow window(String task, String group, int minute, double coefficient) {
    Instant start = Instant.parse("2026-11-22T10:00:00Z").plusSeconds(60L * minute);
    return AlignmentWindow.newBuilder()
        .setTargetId(task + "/default")
        .setMethod("task2vec")
        .setProbeId("probe-1")
        .setGroupKind("domain")
        .setGroup(group)
        .setWindowStart(start)
        .setWindowEnd(start.plusSeconds(60))
        .setN(100)
        .setCoefficient(coefficient)
        .setCi(new ConfidenceInterval(coefficient - 0.02, coefficient + 0.02, 0.95))
        .build();
  }

  public static String windowKey(AlignmentWindow w) {
    return w.getTargetId() + "/" + w.getMethod() + "/" + w.getGroup() + "/" + w.getWindowStart().toEpochMilli();
  }
}
