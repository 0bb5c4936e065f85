package io.alignstream.infra.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
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
        KafkaBrokerTest.produce(cluster.bootstrapServers(), topic, "a", "b");

        cluster.kill(leader); // kill -9
        KafkaBrokerTest.produce(cluster.bootstrapServers(), topic, "c"); // acks=all: the two others are in sync (min 2)
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
            .partitions().get(0).leader().id()).isNotEqualTo(leader);
      }
      cluster.restart(leader, null);
      assertThat(KafkaBrokerTest.consume(cluster.bootstrapServers(), topic, 3)).containsExactly("a", "b", "c");
    }
  }
}
