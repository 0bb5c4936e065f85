package io.alignstream.infra.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real broker as a child JVM: format once, keep data across restarts, stop cleanly. */
class KafkaBrokerTest {
  @TempDir Path data;

  @Test
  void shouldKeepRecordsAcrossACleanRestartAndAKill() throws Exception {
    BrokerConfig config = BrokerConfig.defaults(data);
    String topic = "restart-test";
    long firstPid;
    try (KafkaBroker broker = KafkaBroker.start(config, null)) {
      firstPid = broker.pid();
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      produce(broker.bootstrapServers(), topic, "a", "b");
    }
    assertThat(ProcessHandle.of(firstPid)).isEmpty();
    assertThat(data.resolve("kafka-logs/meta.properties")).exists();

    // A restart on the same data directory must not re-format and must keep what was written.
    KafkaBroker second = KafkaBroker.start(config, null);
    try {
      produce(second.bootstrapServers(), topic, "c");
      assertThat(consume(second.bootstrapServers(), topic, 3)).containsExactly("a", "b", "c");
    } finally {
      second.kill();
    }
    assertThat(second.isAlive()).isFalse();

    // After kill -9 the broker recovers its log on the next start.
    try (KafkaBroker third = KafkaBroker.start(config, null)) {
      assertThat(consume(third.bootstrapServers(), topic, 3)).containsExactly("a", "b", "c");
    }
    assertThat(Files.readString(data.resolve("broker.log"))).contains("Kafka Server started");
  }

  /** Sends with acks=all, one record at a time. */
  static void produce(String bootstrap, String topic, String... values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v, v)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Reads from the beginning until {@code expected} values came or 30 s passed. */
  static List<String> consume(String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
