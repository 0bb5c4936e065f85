package io.alignstream.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
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
 * The scorer on the real broker: restarts, two instances and an encoder slower than a transaction may
 * stay open, exactly once (read committed).
 */
@ExtendWith(AlignStreamExtension.class)
class ScorerOnKafkaTest {
  private static final int POOL = 300;
  @TempDir Path stateDirs;

  @Test
  void shouldScoreEverySampleExactlyOnceAcrossARestart(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 3);
    String appId = topics.settings().prefix() + "scorer";
    sendTargetsThenPool(stack, topics, 0, POOL / 2);

    KafkaStreams first = start(stack, topics, appId, "a");
    await().atMost(Duration.ofSeconds(60)).until(() -> scoredPool(stack, topics, 1).size() >= POOL / 2);
    first.close(Duration.ofSeconds(30));

    // the second half arrives while the scorer is down; a restarted scorer picks it up
    sendPool(stack, topics, POOL / 2, POOL);
    KafkaStreams second = start(stack, topics, appId, "a");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> scoredPool(stack, topics, 1).size() >= POOL);
    } finally {
      second.close(Duration.ofSeconds(30));
    }

    List<ScoredSample> pool = scoredPool(stack, topics, POOL);
    assertThat(pool).hasSize(POOL);
    assertThat(pool.stream().map(s -> s.getSample().getId()).collect(Collectors.toSet())).hasSize(POOL);
    // the restarted scorer kept the target: later samples are still scored against it
    assertThat(pool).allSatisfy(s -> assertThat(s.getScores()).extracting(x -> x.getTargetId())
        .contains("mt.en-fr/default"));
  }

  @Test
  void shouldScoreEverySampleExactlyOnceWhenTheLeaderOfAnOutputPartitionIsStoppedMidStream() throws Exception {
    // three brokers, replication 3, min.insync.replicas 2: one broker may go while the stream runs
    try (TestStack cluster = TestStack.startCluster(3)) {
      TopicCatalogue topics = cluster.newCatalogue(TestStack.uniquePrefix(), 3);
      String appId = topics.settings().prefix() + "scorer";
      Properties p = properties(cluster, appId, "cluster");
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
      ScorerSettings settings = new ScorerSettings(16, Duration.ofMillis(100), Duration.ofMillis(500), 16,
          Map.of("mt", Set.of("dsir", "gzip")), Set.of(), Duration.ofSeconds(30));
      KafkaStreams streams = new KafkaStreams(new ScorerTopology(topics.samplesRaw(), topics.targetSamples(),
          topics.samplesScored(), topics.targetEmbeddings(), topics.deadLetters(), settings, List.of(),
          EncoderWork.inline()).build(), p);
      streams.start();
      int stopped = -1;
      try {
        sendTargetsThenPool(cluster, topics, 0, POOL);
        // stopped as soon as the first scores are out: the rest of the first half is scored across the failover
        await().atMost(Duration.ofSeconds(90)).until(() -> !scoredPool(cluster, topics, 1).isEmpty());
        stopped = cluster.leaderOf(topics.samplesScored().name(), 0);
        cluster.stopBroker(stopped);
        sendPool(cluster, topics, POOL, 2 * POOL);
        await().atMost(Duration.ofSeconds(120)).until(() -> scoredPool(cluster, topics, 1).size() >= 2 * POOL);
        assertThat(cluster.leaderOf(topics.samplesScored().name(), 0)).isNotEqualTo(stopped);
        cluster.startBroker(stopped);
        Thread.sleep(1_000); // a duplicate would come right after
      } finally {
        streams.close(Duration.ofSeconds(30));
      }
      List<ScoredSample> pool = scoredPool(cluster, topics, 2 * POOL);
      assertThat(pool.stream().map(s -> s.getSample().getId()).distinct().count()).as("lost").isEqualTo(2 * POOL);
      assertThat(pool).as("duplicated").hasSize(2 * POOL);
    }
  }

  @Test
  void shouldShareThePartitionsBetweenTwoInstances(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 3);
    String appId = topics.settings().prefix() + "scorer";
    KafkaStreams a = start(stack, topics, appId, "a");
    KafkaStreams b = start(stack, topics, appId, "b");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == KafkaStreams.State.RUNNING
          && b.state() == KafkaStreams.State.RUNNING);
      await().atMost(Duration.ofSeconds(60)).until(() -> !a.metadataForLocalThreads().isEmpty()
          && a.metadataForLocalThreads().iterator().next().activeTasks().size()
          + b.metadataForLocalThreads().iterator().next().activeTasks().size() == 3);
      sendTargetsThenPool(stack, topics, 0, POOL);
      await().atMost(Duration.ofSeconds(90)).until(() -> scoredPool(stack, topics, 1).size() >= POOL);
      assertThat(a.metadataForLocalThreads().iterator().next().activeTasks()).isNotEmpty();
      assertThat(b.metadataForLocalThreads().iterator().next().activeTasks()).isNotEmpty();
    } finally {
      a.close(Duration.ofSeconds(30));
      b.close(Duration.ofSeconds(30));
    }
    List<ScoredSample> pool = scoredPool(stack, topics, POOL);
    assertThat(pool).hasSize(POOL);
    assertThat(pool.stream().map(s -> s.getSample().getId()).distinct().count()).isEqualTo(POOL);
  }

  @Test
  void shouldScoreEverySampleOnceWhileTheEncoderTakesLongerThanATransactionMayStayOpen(TestStack stack)
      throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 3);
    String appId = topics.settings().prefix() + "scorer";
    Set<String> encoderThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    SlowEncoder slow = new SlowEncoder(Duration.ofMillis(2_500), encoderThreads);
    ScorerSettings settings = new ScorerSettings(16, Duration.ofMillis(100), Duration.ofMillis(500), 16,
        Map.of("mt", Set.of("embedding", "dsir")), Set.of(), Duration.ofSeconds(30), Duration.ZERO, 0);
    int pool = 48;
    try (EncoderWork work = EncoderWork.background("scorer-encoders")) {
      Properties p = properties(stack, appId, "slow");
      // a transaction open longer than this is aborted by the broker and its producer fenced
      p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 2_000);
      KafkaStreams streams = new KafkaStreams(new ScorerTopology(topics.samplesRaw(), topics.targetSamples(),
          topics.samplesScored(), topics.targetEmbeddings(), topics.deadLetters(), settings, List.of(slow), work)
          .build(), p);
      streams.start();
      try {
        sendTargets(stack, topics);
        // the pool comes once the encoder's reference (2.5 s of encoder work) is published, as the experiment does
        await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.values(stack.bootstrapServers(),
            topics.targetEmbeddings(), 1, Duration.ofSeconds(2)).stream().anyMatch(r -> r.getEmbeddingProbeId() != null));
        // and reaches every task's global store (a batch taken before that is scored without the encoder)
        Thread.sleep(3_000);
        sendPool(stack, topics, 0, pool);
        await().atMost(Duration.ofSeconds(120)).until(() -> scoredPool(stack, topics, 1).size() >= pool);
        Thread.sleep(1_000); // a duplicate would come right after
      } finally {
        streams.close(Duration.ofSeconds(30));
      }
    }
    List<ScoredSample> scored = scoredPool(stack, topics, pool);
    assertThat(scored.stream().map(s -> s.getSample().getId()).distinct().count()).isEqualTo(pool);
    assertThat(scored).hasSize(pool).allSatisfy(s -> assertThat(s.getScores()).extracting(x -> x.getMethod())
        .contains("embedding", "dsir"));
    assertThat(encoderThreads).containsExactly("scorer-encoders");
  }

  /** A contrasted "embedding" encoder that takes {@code delay} per call and notes where it ran. */
  private record SlowEncoder(Duration delay, Set<String> threads) implements EmbeddingScoring {
    @Override
    public String method() {
      return "embedding";
    }

    @Override
    public Reference reference(String task, List<Object> targetPayloads) {
      pause();
      return new Reference("slow-probe", new float[] {1, 0}, 0, 1);
    }

    @Override
    public Embeddings embed(String task, List<Object> payloads) {
      pause();
      return new Embeddings("slow-probe", payloads.stream()
          .map(x -> new float[] {x.toString().contains("database") ? 1 : 0, 1}).toArray(float[][]::new), true);
    }

    @Override
    public double similarity(float[] a, float[] b) {
      return -Math.abs(a[0] - b[0]);
    }

    private void pause() {
      threads.add(Thread.currentThread().getName());
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Properties properties(TestStack stack, String appId, String instance) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDirs.resolve(instance).toString());
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    return p;
  }

  private KafkaStreams start(TestStack stack, TopicCatalogue topics, String appId, String instance) {
    ScorerSettings settings = new ScorerSettings(16, Duration.ofMillis(100), Duration.ofMillis(500), 16,
        Map.of("mt", Set.of("dsir", "gzip")), Set.of(), Duration.ofSeconds(30));
    KafkaStreams streams = new KafkaStreams(new ScorerTopology(topics.samplesRaw(), topics.targetSamples(),
        topics.samplesScored(), topics.targetEmbeddings(), topics.deadLetters(), settings, List.of(),
        EncoderWork.inline()).build(), properties(stack, appId, instance));
    streams.start();
    return streams;
  }

  private static List<ScoredSample> scoredPool(TestStack stack, TopicCatalogue topics, int atLeast) {
    return TopicReader.values(stack.bootstrapServers(), topics.samplesScored(), atLeast, Duration.ofSeconds(5))
        .stream().filter(s -> s.getSample().getRole() == Role.POOL).toList();
  }

  private static void sendTargetsThenPool(TestStack stack, TopicCatalogue topics, int from, int to) throws Exception {
    sendTargets(stack, topics);
    Thread.sleep(1500);
    sendPool(stack, topics, from, to);
  }

  /** Targets on every partition, so each task sees them before the pool. */
  private static void sendTargets(TestStack stack, TopicCatalogue topics) throws Exception {
    try (var producer = producer(stack, topics)) {
      for (int i = 0; i < 12; i++) {
        Sample t = sample("t" + i, "could not connect to database server number " + i, Role.TARGET);
        producer.send(new ProducerRecord<>(topics.samplesRaw().name(), i % 3, t.getId(), t)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void sendPool(TestStack stack, TopicCatalogue topics, int from, int to) throws Exception {
    try (var producer = producer(stack, topics)) {
      for (int i = from; i < to; i++) {
        Sample s = sample("p" + i, (i % 2 == 0 ? "the database server " : "bake the cake ") + i, Role.POOL);
        producer.send(new ProducerRecord<>(topics.samplesRaw().name(), i % 3, s.getId(), s));
      }
      producer.flush();
    }
  }

  private static KafkaProducer<String, Sample> producer(TestStack stack, TopicCatalogue topics) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
        topics.samplesRaw().keySerde().serializer(), topics.samplesRaw().valueSerde().serializer());
  }

  private static Sample sample(String id, String src, Role role) {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");
    return Sample.newBuilder().setId(id).setTask("mt.en-fr").setRole(role).setSource("test").setDomain("d")
        .setEventTime(t).setIngestTime(t).setPayload(new TextPair(src, "fr " + src, "en", "fr")).build();
  }

}
