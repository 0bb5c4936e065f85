package io.alignstream.bench;

import io.alignstream.schemas.topics.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline of the stage benchmarks: a Kafka Streams app that decodes and re-encodes every
 * record of a topic into a scratch topic with the same partitions, exactly-once, commit interval
 * 200 ms (as the stages). It reads the whole topic and reports records/s over all of it (from its
 * start to its last record).
 */
final class PassThrough {
  private PassThrough() {}

  static <V> double recordsPerSecond(String bootstrap, TopicSpec<String, V> topic) throws Exception {
    String out = "bench-pass-through-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      int partitions = admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name())
          .partitions().size();
      admin.createTopics(List.of(new NewTopic(out, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    StreamsBuilder b = new StreamsBuilder();
    AtomicLong seen = new AtomicLong();
    AtomicLong lastNanos = new AtomicLong();
    b.stream(topic.name(), Consumed.with(Serdes.String(), topic.valueSerde()))
        .peek((k, v) -> {
          seen.incrementAndGet();
          lastNanos.set(System.nanoTime());
        })
        .to(out, Produced.with(Serdes.String(), topic.valueSerde()));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-pass-through-" + UUID.randomUUID());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/bench-streams-" + UUID.randomUUID());
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
      long start = System.nanoTime();
      streams.start();
      // Done when nothing new arrived for 3 s (offsets cannot tell: transaction markers and aborted
      // records of exactly-once writers take offsets but are never read).
      long deadline = start + TimeUnit.MINUTES.toNanos(10);
      while (seen.get() == 0 || System.nanoTime() - lastNanos.get() < TimeUnit.SECONDS.toNanos(3)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("pass-through did not finish within 10 minutes");
        }
        Thread.sleep(100);
      }
      return seen.get() / ((lastNanos.get() - start) / 1e9);
    }
  }

}
