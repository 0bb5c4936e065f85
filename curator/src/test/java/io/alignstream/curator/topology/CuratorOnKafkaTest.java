package io.alignstream.curator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alignstream.curator.config.CuratedTopics;
import io.alignstream.curator.policy.Policy;
import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curator on the real broker: stopped abruptly mid-stream, its local state thrown away, and
 * restarted; the curated topics (read committed) then hold each sample at most once and every
 * sample that should be there.
 */
@ExtendWith(AlignStreamExtension.class)
class CuratorOnKafkaTest {
  private static final int N = 600;
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  @TempDir Path stateDirs;

  @Test
  void shouldCurateEverySampleAtMostOnceAndMissNoneAcrossAnAbruptRestart(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 3);
    String appId = topics.settings().prefix() + "curator";
    CuratedTopics curatedTopics = new CuratedTopics(stack.admin(), topics);
    CurationListener listener = new CurationListener() {
      @Override
      public void accepted(Policy policy) {
        curatedTopics.ensure(policy.datasetIds());
      }
    };
    try (var producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
        topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.curationPolicies().name(), "aligned",
          policy("aligned", "threshold", Map.of("tau", "0.5")))).get(30, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topics.curationPolicies().name(), "fam",
          policy("fam", "family", Map.of("boundaries", "0.5", "sizes", "50,100")))).get(30, TimeUnit.SECONDS);
    }
    sendScored(stack, topics, 0, N / 2);

    KafkaStreams first = start(stack, topics, appId, "first", listener);
    await().atMost(Duration.ofSeconds(90)).until(() -> curatedIds(stack, topics, "aligned", 1).size() >= 20);
    sendScored(stack, topics, N / 2, N); // arrives while the first instance is mid-stream
    first.close(Duration.ZERO); // abrupt: no waiting for the in-flight transaction
    await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == KafkaStreams.State.NOT_RUNNING
        || first.state() == KafkaStreams.State.ERROR);
    first.cleanUp(); // and its disk is lost

    KafkaStreams second = start(stack, topics, appId, "second", listener); // fresh disk: restores from changelogs
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> curatedIds(stack, topics, "aligned", 1).size() >= N / 2);
    } finally {
      second.close(Duration.ofSeconds(30));
    }

    List<String> aligned = curatedIds(stack, topics, "aligned", N / 2);
    assertThat(aligned).as("each sample at most once").doesNotHaveDuplicates();
    Set<String> expected = java.util.stream.IntStream.range(0, N).filter(i -> i % 2 == 1).mapToObj(i -> "s" + i)
        .collect(Collectors.toSet());
    assertThat(Set.copyOf(aligned)).as("every aligned sample, nothing else").isEqualTo(expected);
    for (String member : List.of("fam-a0-n50", "fam-a0-n100", "fam-a1-n50", "fam-a1-n100")) {
      List<String> ids = curatedIds(stack, topics, member, 1);
      int size = Integer.parseInt(member.substring(member.lastIndexOf('n') + 1));
      assertThat(ids).as(member).hasSize(size).doesNotHaveDuplicates();
    }
  }

  @Test
  void shouldCurateEverySampleExactlyOnceWhenTheLeaderOfTheCuratedPartitionIsStoppedMidStream() throws Exception {
    // three brokers, replication 3, min.insync.replicas 2: one broker may go while the stream runs
    try (TestStack cluster = TestStack.startCluster(3)) {
      TopicCatalogue topics = cluster.newCatalogue(TestStack.uniquePrefix(), 3);
      CuratedTopics curatedTopics = new CuratedTopics(cluster.admin(), topics);
      CurationListener listener = new CurationListener() {
        @Override
        public void accepted(Policy policy) {
          curatedTopics.ensure(policy.datasetIds());
        }
      };
      try (var producer = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all"),
          topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(topics.curationPolicies().name(), "aligned",
            policy("aligned", "threshold", Map.of("tau", "0.5")))).get(30, TimeUnit.SECONDS);
      }
      sendScored(cluster, topics, 0, N / 2);
      KafkaStreams streams = start(cluster, topics, topics.settings().prefix() + "curator", "cluster", listener, 3);
      int stopped;
      try {
        // stopped as soon as the first samples are curated: the rest is curated across the failover
        await().atMost(Duration.ofSeconds(90)).until(() -> !curatedIds(cluster, topics, "aligned", 1).isEmpty());
        stopped = cluster.leaderOf(topics.curated("aligned").name(), 0);
        cluster.stopBroker(stopped);
        sendScored(cluster, topics, N / 2, N);
        await().atMost(Duration.ofSeconds(120)).until(() -> curatedIds(cluster, topics, "aligned", 1).size() >= N / 2);
        assertThat(cluster.leaderOf(topics.curated("aligned").name(), 0)).isNotEqualTo(stopped);
        cluster.startBroker(stopped);
        Thread.sleep(1_000); // a duplicate would come right after
      } finally {
        streams.close(Duration.ofSeconds(30));
      }
      List<String> aligned = curatedIds(cluster, topics, "aligned", N / 2);
      assertThat(aligned).as("duplicated").doesNotHaveDuplicates();
      assertThat(Set.copyOf(aligned)).as("lost or wrongly curated").isEqualTo(java.util.stream.IntStream.range(0, N)
          .filter(i -> i % 2 == 1).mapToObj(i -> "s" + i).collect(Collectors.toSet()));
    }
  }

  private KafkaStreams start(TestStack stack, TopicCatalogue topics, String appId, String instance,
      CurationListener listener) {
    return start(stack, topics, appId, instance, listener, 1);
  }

  private KafkaStreams start(TestStack stack, TopicCatalogue topics, String appId, String instance,
      CurationListener listener, int replication) {
    Properties p = new Properties();
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDirs.resolve(instance).toString());
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    KafkaStreams streams = new KafkaStreams(new CuratorTopology(topics.samplesScored(), topics.curatorByDataset(),
        topics.curationPolicies(), topics.datasets(), topics.deadLetters(), id -> topics.curated(id).name(),
        Duration.ofMillis(500), listener).build(), p);
    streams.start();
    return streams;
  }

  private static List<String> curatedIds(TestStack stack, TopicCatalogue topics, String dataset, int atLeast) {
    return TopicReader.values(stack.bootstrapServers(), topics.curated(dataset), atLeast, Duration.ofSeconds(5))
        .stream().map(s -> s.getSample().getId()).toList();
  }

  private static void sendScored(TestStack stack, TopicCatalogue topics, int from, int to) throws Exception {
    try (var producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
        topics.samplesScored().keySerde().serializer(), topics.samplesScored().valueSerde().serializer())) {
      for (int i = from; i < to; i++) {
        String id = "s" + i;
        Sample s = Sample.newBuilder().setId(id).setTask("mt.en-fr").setRole(Role.POOL).setSource("test")
            .setDomain("d").setEventTime(T0).setIngestTime(T0)
            .setPayload(new TextPair("sentence " + i, "phrase " + i, "en", "fr")).build();
        double value = i % 2 == 1 ? 0.9 : 0.1;
        producer.send(new ProducerRecord<>(topics.samplesScored().name(), id,
            new ScoredSample(s, List.of(new AlignmentScore("target", "dsir", "probe", 1L, value, null)), T0)));
      }
      producer.flush();
    }
  }

  private static CurationPolicy policy(String id, String kind, Map<String, String> parameters) {
    return CurationPolicy.newBuilder().setDatasetId(id).setTask("mt.en-fr").setTargetId("target").setMethod("dsir")
        .setPolicy(new PolicySpec(kind, parameters)).setUpdatedTime(T0).build();
  }
}
