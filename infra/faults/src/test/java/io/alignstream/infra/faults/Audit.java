package io.alignstream.infra.faults;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What is in the topics now for one load's marker, read from the beginning to the end with a
 * read-committed consumer: copies per sample index in {@code samples-raw}, {@code samples-scored}
 * and the curated topic, the ids seen per index, and dead letters per rejected marker.
 */
final class Audit {
  final Map<Long, Integer> raw = new HashMap<>();
  final Map<Long, Set<String>> rawIds = new HashMap<>();
  final Map<Long, Integer> scored = new HashMap<>();
  final Map<Long, Integer> curated = new HashMap<>();
  final Map<String, Integer> deadLetters = new HashMap<>();

  static Audit of(String bootstrap, TopicCatalogue topics, String dataset, String tag) {
    Audit a = new Audit();
    read(bootstrap, topics.samplesRaw(), (k, s) -> {
      long i = Load.indexOf(tag, src(s));
      if (i >= 0) {
        a.raw.merge(i, 1, Integer::sum);
        a.rawIds.computeIfAbsent(i, x -> new HashSet<>()).add(s.getId());
      }
    });
    read(bootstrap, topics.samplesScored(), (k, s) -> count(a.scored, tag, src(s.getSample())));
    read(bootstrap, topics.curated(dataset), (k, s) -> count(a.curated, tag, src(s.getSample())));
    read(bootstrap, topics.deadLetters(), (k, d) -> {
      String original = original(d);
      int at = original.indexOf("[" + tag + " bad");
      if (at >= 0) {
        a.deadLetters.merge(original.substring(at, original.indexOf(']', at) + 1), 1, Integer::sum);
      }
    });
    return a;
  }

  private static void count(Map<Long, Integer> into, String tag, String text) {
    long i = Load.indexOf(tag, text);
    if (i >= 0) {
      into.merge(i, 1, Integer::sum);
    }
  }

  private static String src(Sample s) {
    return s.getPayload() instanceof TextPair p ? p.getSrc() : "";
  }

  private static String original(DeadLetter d) {
    if (d.getOriginalValue() == null) {
      return "";
    }
    var b = d.getOriginalValue().duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Every committed record of the topic as it is now (nothing when the topic does not exist yet). */
  static <V> void read(String bootstrap, TopicSpec<String, V> topic, BiConsumer<String, V> each) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
        "isolation.level", "read_committed", "max.poll.records", 5000),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic.name() + " to its end within 2 minutes");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(r -> each.accept(r.key(), r.value()));
      }
    }
  }
}
