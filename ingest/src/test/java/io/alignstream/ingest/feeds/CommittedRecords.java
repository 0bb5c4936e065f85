package io.alignstream.ingest.feeds;

import io.alignstream.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything committed on a topic right now, read with {@code read_committed} up to the end offsets
 * (the last stable offset), so a test can count exactly: no waiting for "at least n", no duplicates
 * missed. Bounded: fails after 20 s.
 */
public final class CommittedRecords {
  private static final Duration LIMIT = Duration.ofSeconds(20);

  private CommittedRecords() {}

  public static <K, V> List<ConsumerRecord<K, V>> records(String bootstrap, TopicSpec<K, V> topic) {
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "committed-reader-" + UUID.randomUUID(),
        "isolation.level", "read_committed",
        "enable.auto.commit", "false"), topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end " + end + " within " + LIMIT);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  public static <K, V> List<V> values(String bootstrap, TopicSpec<K, V> topic) {
    return records(bootstrap, topic).stream().map(ConsumerRecord::value).toList();
  }
}
