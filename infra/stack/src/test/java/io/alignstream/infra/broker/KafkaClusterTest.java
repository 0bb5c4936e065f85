package io.alignstream.infra.broker;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.clients.admin.TopicDescription;
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

/** Three real brokers as child JVMs: replicated three times, writable with a partition's leader killed. */
class KafkaClusterTest {
  @TempDir Path data;

  @Test
  void shouldTakeWritesWithThePartitionLeaderKilledAndKeepEveryRecordWhenItComesBack() throws Exception {
    String topic = "cluster-test";
    try (KafkaCluster cluster = KafkaCluster.start(data, 3, "256m", Duration.ofSeconds(120), null)) {
      assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
      int leader;
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(d.partitions().get(0).replicas()).as("the cluster's default replication").hasSize(3);
        leader = d.partitions().get(0).leader().id();
        produce(cluster.bootstrapServers(), topic, "a", "b");

        cluster.kill(leader); // kill -9
        produce(cluster.bootstrapServers(), topic, "c"); // acks=all: the two others are in sync (min 2)
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
            .partitions().get(0).leader().id()).isNotEqualTo(leader);
      }
      cluster.restart(leader, null);
      assertThat(consume(cluster.bootstrapServers(), topic, 3)).containsExactly("a", "b", "c");
    }
  }

  private static void produce(String bootstrap, String topic, String... values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v, v)).get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> consume(String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
