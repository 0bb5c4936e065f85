package io.alignstream.infra.testkit;

import io.alignstream.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from the beginning in tests (committed records only), always bounded in time. */
public final class TopicReader {
  private TopicReader() {}

  /**
   * Reads until at least {@code atLeast} records arrived or the timeout passed, then drains what is
   * already there for a short moment (so a test also sees records that should not be there).
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(String bootstrap, TopicSpec<K, V> topic, int atLeast,
      Duration timeout) {
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "reader-" + UUID.randomUUID(),
        "isolation.level", "read_committed",
        "enable.auto.commit", "false"), topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      consumer.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }

  /** Just the values. */
  public static <K, V> List<V> values(String bootstrap, TopicSpec<K, V> topic, int atLeast, Duration timeout) {
    return read(bootstrap, topic, atLeast, timeout).stream().map(ConsumerRecord::value).toList();
  }
}
