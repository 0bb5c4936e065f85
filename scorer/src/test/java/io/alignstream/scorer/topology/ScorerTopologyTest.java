package io.alignstream.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.TestRegistry;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scorer topology with DSIR and gzip (the encoder methods off), driven by a TopologyTestDriver. */
class ScorerTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final List<String> DATABASE = List.of("could not connect to the database server",
      "the table does not exist in the database", "database query failed with an error",
      "the server closed the database connection", "permission denied for table", "invalid database name",
      "the query returned no rows", "connection to the server was lost");
  private static final List<String> COOKING = List.of("add two cups of flour", "bake the cake for twenty minutes",
      "stir the sauce gently", "preheat the oven", "chop the onions finely", "season with salt and pepper");
  private static TestRegistry registry;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Sample> raw;
  private TestInputTopic<byte[], byte[]> rawBytes;
  private TestOutputTopic<String, ScoredSample> scored;
  private TestOutputTopic<String, TargetReference> references;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeAll
  static void startRegistry() {
    registry = TestRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void setUp() {
    TopicCatalogue topics = registry.catalogue();
    ScorerSettings settings = new ScorerSettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), 16, Map.of("mt", java.util.Set.of("dsir", "gzip")),
        java.util.Set.of("task2vec"), Duration.ofSeconds(5));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test-" + UUID.randomUUID());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(new ScorerTopology(topics.samplesRaw(), topics.targetSamples(), topics.samplesScored(),
        topics.targetEmbeddings(), topics.deadLetters(), settings, java.util.List.of(), EncoderWork.inline())
        .build(), config, T0);
    raw = driver.createInputTopic(topics.samplesRaw().name(), Serdes.String().serializer(),
        topics.samplesRaw().valueSerde().serializer());
    rawBytes = driver.createInputTopic(topics.samplesRaw().name(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    scored = driver.createOutputTopic(topics.samplesScored().name(), Serdes.String().deserializer(),
        topics.samplesScored().valueSerde().deserializer());
    references = driver.createOutputTopic(topics.targetEmbeddings().name(), Serdes.String().deserializer(),
        topics.targetEmbeddings().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(),
        topics.deadLetters().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldScoreTargetLikeSamplesHigherByDsirAndGzip() {
    // given: a database target
    DATABASE.forEach(t -> raw.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    // when: pool samples from the target's domain and from cooking
    List.of("the database server refused the connection", "no such table in the database",
        "add flour and stir the sauce", "bake the onions in the oven")
        .forEach(t -> raw.pipeInput(sample(t, Role.POOL, t.contains("database") ? "postgres" : "cooking", T0)));
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    // then
    List<ScoredSample> pool = scored.readValuesToList().stream()
        .filter(s -> s.getSample().getRole() == Role.POOL).toList();
    assertThat(pool).hasSize(4);
    for (String method : List.of("dsir", "gzip")) {
      double db = mean(pool.subList(0, 2), method);
      double cooking = mean(pool.subList(2, 4), method);
      assertThat(db).as(method).isGreaterThan(cooking);
    }
    AlignmentScore any = pool.get(0).getScores().get(0);
    assertThat(any.getTargetId()).isEqualTo("mt.en-fr/default");
    assertThat(any.getReferenceVersion()).isEqualTo(1);
  }

  @Test
  void shouldPublishANewReferenceVersionWhenMoreTargetsArrive() {
    raw.pipeInput(sample(DATABASE.get(0), Role.TARGET, "postgres", T0));
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    raw.pipeInput(sample(DATABASE.get(1), Role.TARGET, "postgres", T0));
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    List<TargetReference> published = references.readValuesToList();
    assertThat(published).extracting(TargetReference::getVersion).containsExactly(1L, 2L);
    assertThat(published.get(1).getTargetCount()).isEqualTo(2);
    assertThat(published.get(1).getGzipTexts()).hasSize(2);
    assertThat(published.get(1).getDsirBuckets()).isNotEmpty();
  }

  @Test
  void shouldScoreAFullBatchAtOnceAndAPartialOneAfterTheWait() {
    raw.pipeInput(sample(DATABASE.get(0), Role.TARGET, "postgres", T0));
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    scored.readValuesToList();
    for (int i = 0; i < 5; i++) {
      raw.pipeInput(sample(COOKING.get(i), Role.POOL, "cooking", T0));
    }
    assertThat(scored.readValuesToList()).as("the first batch of 4 at once").hasSize(4);
    driver.advanceWallClockTime(Duration.ofMillis(150));
    assertThat(scored.readValuesToList()).as("the fifth after the wait").hasSize(1);
  }

  @Test
  void shouldDeadLetterUndecodableAndUnscorableSamplesAndKeepGoing() {
    rawBytes.pipeInput("x".getBytes(), new byte[] {0, 0, 0});
    Sample inf = sample("a", Role.POOL, "solar", T0);
    inf.setTask("solar.flare24h");
    inf.setPayload(new Features(List.of("a", "b"), List.of(1.0, Double.POSITIVE_INFINITY), null));
    raw.pipeInput(inf);
    Sample wrongPayload = sample("a", Role.POOL, "x", T0);
    wrongPayload.setPayload(new Features(List.of("a"), List.of(1.0), null));
    raw.pipeInput(wrongPayload);
    raw.pipeInput(sample("still scored", Role.TARGET, "postgres", T0));

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getErrorMessage).satisfiesExactly(
        m -> assertThat(m).contains("not in the Confluent wire format"),
        m -> assertThat(m).contains("infinite feature value"),
        m -> assertThat(m).contains("needs a text payload"));
    assertThat(scored.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldFoldTargetsThatArrivedBeforeTheEncodersRefreshWasDueIntoTheirMeanOnceItIs() {
    // An encoder whose reference is the number of target payloads it was built from.
    StubEncoder counting = new StubEncoder("count-probe", payloads -> new float[] {payloads.size(), 1}, null);
    ScorerSettings settings = new ScorerSettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), 16, Map.of("mt", java.util.Set.of("embedding")),
        java.util.Set.of("task2vec"), Duration.ofSeconds(5), Duration.ofSeconds(30));
    TopicCatalogue topics = registry.catalogue();
    try (TopologyTestDriver d = driver(settings, counting)) {
      TestInputTopic<String, Sample> in = d.createInputTopic(topics.samplesRaw().name(), Serdes.String().serializer(),
          topics.samplesRaw().valueSerde().serializer());
      TestOutputTopic<String, TargetReference> refs = d.createOutputTopic(topics.targetEmbeddings().name(),
          Serdes.String().deserializer(), topics.targetEmbeddings().valueSerde().deserializer());

      DATABASE.subList(0, 3).forEach(t -> in.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(1));
      DATABASE.subList(3, 8).forEach(t -> in.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(1)); // published, the encoders' refresh not due yet
      TargetReference partial = last(refs.readValuesToList());
      assertThat(partial.getTargetCount()).isEqualTo(8);
      assertThat(partial.getEncoderTargetCount()).isEqualTo(3);
      assertThat(partial.getEmbeddingMean().get(0)).isEqualTo(3f);

      for (int s = 0; s < 31; s++) {
        d.advanceWallClockTime(Duration.ofSeconds(1)); // no new target: only the pending refresh
      }
      List<TargetReference> later = refs.readValuesToList();
      assertThat(later).hasSize(1);
      assertThat(later.get(0).getEncoderTargetCount()).isEqualTo(8);
      assertThat(later.get(0).getEmbeddingMean().get(0)).isEqualTo(8f);
      assertThat(later.get(0).getVersion()).isGreaterThan(partial.getVersion());
    }
  }

  @Test
  void shouldHoldATasksFirstTextPoolSamplesUntilThePoolWarmupIsThereThenScoreThemTogether() {
    // A contrasted encoder whose rows are the text length: enough to see when batches are scored.
    StubEncoder lengths = new StubEncoder("length-probe", payloads -> new float[] {1, 1},
        payload -> new float[] {((TextPair) payload).getSrc().length(), 1});
    ScorerSettings settings = new ScorerSettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), 16, Map.of("mt", java.util.Set.of("embedding")),
        java.util.Set.of("task2vec"), Duration.ofSeconds(20), Duration.ZERO, 8);
    TopicCatalogue topics = registry.catalogue();
    try (TopologyTestDriver d = driver(settings, lengths)) {
      TestInputTopic<String, Sample> in = d.createInputTopic(topics.samplesRaw().name(), Serdes.String().serializer(),
          topics.samplesRaw().valueSerde().serializer());
      TestOutputTopic<String, ScoredSample> out = d.createOutputTopic(topics.samplesScored().name(),
          Serdes.String().deserializer(), topics.samplesScored().valueSerde().deserializer());
      DATABASE.forEach(t -> in.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(2));
      out.readValuesToList();

      // when: the task's first 6 pool samples, below the warm-up of 8
      COOKING.forEach(t -> in.pipeInput(sample(t, Role.POOL, "cooking", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(2));
      assertThat(out.readValuesToList()).as("held while the pool mean would rest on 6 samples").isEmpty();

      // then: the 8th arrives and all 8 are scored together, each against the mean of the 7 others
      DATABASE.subList(0, 2).forEach(t -> in.pipeInput(sample(t, Role.POOL, "postgres", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(1));
      List<ScoredSample> first = out.readValuesToList();
      assertThat(first).hasSize(8);
      assertThat(first).allSatisfy(s -> assertThat(s.getScores()).extracting(AlignmentScore::getMethod)
          .containsExactly("embedding"));

      // and later samples are scored batch by batch as before
      in.pipeInput(sample("one more cooking step", Role.POOL, "cooking", T0));
      d.advanceWallClockTime(Duration.ofSeconds(1));
      assertThat(out.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void shouldScoreAPoolThatNeverReachesTheWarmupAfterTheTargetWait() throws InterruptedException {
    StubEncoder constant = new StubEncoder("constant-probe", payloads -> new float[] {1, 0}, payload -> new float[] {1, 0});
    ScorerSettings settings = new ScorerSettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), 16, Map.of("mt", java.util.Set.of("embedding")),
        java.util.Set.of("task2vec"), Duration.ofSeconds(2), Duration.ZERO, 512);
    TopicCatalogue topics = registry.catalogue();
    try (TopologyTestDriver d = driver(settings, constant)) {
      TestInputTopic<String, Sample> in = d.createInputTopic(topics.samplesRaw().name(), Serdes.String().serializer(),
          topics.samplesRaw().valueSerde().serializer());
      TestOutputTopic<String, ScoredSample> out = d.createOutputTopic(topics.samplesScored().name(),
          Serdes.String().deserializer(), topics.samplesScored().valueSerde().deserializer());
      DATABASE.forEach(t -> in.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(2));
      out.readValuesToList();

      // the bound is measured on the machine's clock (target-wait, here 2 s)
      COOKING.forEach(t -> in.pipeInput(sample(t, Role.POOL, "cooking", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(1));
      assertThat(out.readValuesToList()).isEmpty();
      Thread.sleep(2_200);
      d.advanceWallClockTime(Duration.ofSeconds(1));
      List<ScoredSample> scoredLate = out.readValuesToList();
      assertThat(scoredLate).hasSize(COOKING.size());
      assertThat(scoredLate.get(0).getScores()).extracting(AlignmentScore::getMethod).containsExactly("embedding");
    }
  }

  @Test
  void shouldScoreASmallPoolOnceTheWarmupTimesOutEvenWhenTheFrequentCollectTickComesFirst()
      throws InterruptedException {
    // the 50 ms collect tick used to end the warm-up without scoring (a partial batch waits for the
    // flush tick), and the flush tick then started a new warm-up: a small pool waited for ever
    StubEncoder constant = new StubEncoder("constant-probe", payloads -> new float[] {1, 0}, payload -> new float[] {1, 0});
    ScorerSettings settings = new ScorerSettings(64, Duration.ofMillis(500), Duration.ofSeconds(1), 16,
        Map.of("mt", java.util.Set.of("embedding")), java.util.Set.of("task2vec"), Duration.ofSeconds(2), Duration.ZERO,
        512);
    TopicCatalogue topics = registry.catalogue();
    try (TopologyTestDriver d = driver(settings, constant)) {
      TestInputTopic<String, Sample> in = d.createInputTopic(topics.samplesRaw().name(), Serdes.String().serializer(),
          topics.samplesRaw().valueSerde().serializer());
      TestOutputTopic<String, ScoredSample> out = d.createOutputTopic(topics.samplesScored().name(),
          Serdes.String().deserializer(), topics.samplesScored().valueSerde().deserializer());
      DATABASE.forEach(t -> in.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(2));
      out.readValuesToList();
      COOKING.subList(0, 3).forEach(t -> in.pipeInput(sample(t, Role.POOL, "cooking", T0)));
      d.advanceWallClockTime(Duration.ofMillis(500)); // a flush tick: the warm-up starts
      assertThat(out.readValuesToList()).isEmpty();
      Thread.sleep(2_200); // past target-wait on the machine's clock
      List<ScoredSample> scored = new java.util.ArrayList<>();
      for (int tick = 0; tick < 40 && scored.isEmpty(); tick++) {
        d.advanceWallClockTime(Duration.ofMillis(50)); // collect ticks, a flush tick every tenth
        scored.addAll(out.readValuesToList());
      }
      assertThat(scored).hasSize(3);
    }
  }

  @Test
  void shouldLeaveTheEncodersWorkToItsOwnThreadAndForwardTheBatchOnceItIsDone() throws InterruptedException {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.Set<String> embeddingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    StubEncoder blocking = new StubEncoder("blocking-probe", payloads -> new float[] {1, 0}, payload -> {
      embeddingThreads.add(Thread.currentThread().getName());
      try {
        if (!release.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new float[] {payload.toString().length(), 0};
    });
    ScorerSettings settings = new ScorerSettings(4, Duration.ofMillis(100), Duration.ofSeconds(1), 16,
        Map.of("mt", java.util.Set.of("embedding")), java.util.Set.of("task2vec"), Duration.ofSeconds(20), Duration.ZERO, 0);
    TopicCatalogue topics = registry.catalogue();
    try (EncoderWork work = EncoderWork.background("encoders-under-test");
        TopologyTestDriver d = driver(settings, blocking, work)) {
      TestInputTopic<String, Sample> in = d.createInputTopic(topics.samplesRaw().name(), Serdes.String().serializer(),
          topics.samplesRaw().valueSerde().serializer());
      TestOutputTopic<String, ScoredSample> out = d.createOutputTopic(topics.samplesScored().name(),
          Serdes.String().deserializer(), topics.samplesScored().valueSerde().deserializer());
      TestOutputTopic<String, TargetReference> refs = d.createOutputTopic(topics.targetEmbeddings().name(),
          Serdes.String().deserializer(), topics.targetEmbeddings().valueSerde().deserializer());
      DATABASE.forEach(t -> in.pipeInput(sample(t, Role.TARGET, "postgres", T0)));
      List<TargetReference> published = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (published.stream().noneMatch(r -> r.getEmbeddingProbeId() != null) && System.nanoTime() < deadline) {
        d.advanceWallClockTime(Duration.ofSeconds(1)); // the reference's encoder part is picked up once done
        published.addAll(refs.readValuesToList());
        Thread.sleep(20);
      }
      assertThat(published).as("the encoder's reference, built off the stream thread").anySatisfy(
          r -> assertThat(r.getEmbeddingProbeId()).isEqualTo("blocking-probe"));
      out.readValuesToList(); // the targets themselves

      // when: a full batch arrives while the encoder is stuck
      COOKING.subList(0, 4).forEach(t -> in.pipeInput(sample(t, Role.POOL, "cooking", T0)));
      d.advanceWallClockTime(Duration.ofSeconds(1));

      // then: the stream thread went on (we are here) and nothing was forwarded half-scored
      assertThat(out.readValuesToList()).isEmpty();
      release.countDown();
      List<ScoredSample> scored = new java.util.ArrayList<>();
      deadline = System.nanoTime() + 10_000_000_000L;
      while (scored.size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        d.advanceWallClockTime(Duration.ofMillis(100));
        scored.addAll(out.readValuesToList());
      }
      assertThat(scored).hasSize(4).allSatisfy(s -> assertThat(s.getScores()).extracting(AlignmentScore::getMethod)
          .containsExactly("embedding"));
      assertThat(embeddingThreads).containsExactly("encoders-under-test");
    }
  }

  private static TopologyTestDriver driver(ScorerSettings settings, EmbeddingScoring encoder) {
    return driver(settings, encoder, EncoderWork.inline());
  }

  private static TopologyTestDriver driver(ScorerSettings settings, EmbeddingScoring encoder, EncoderWork work) {
    TopicCatalogue topics = registry.catalogue();
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test-" + UUID.randomUUID());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyTestDriver(new ScorerTopology(topics.samplesRaw(), topics.targetSamples(), topics.samplesScored(),
        topics.targetEmbeddings(), topics.deadLetters(), settings, List.of(encoder), work).build(), config, T0);
  }

  /** An "embedding" encoder from two functions (contrasted rows per payload; null rows = none). */
  private record StubEncoder(String probeId, java.util.function.Function<List<Object>, float[]> referenceOf,
      java.util.function.Function<Object, float[]> rowOf) implements EmbeddingScoring {
    @Override
    public String method() {
      return "embedding";
    }

    @Override
    public Reference reference(String task, List<Object> targetPayloads) {
      return new Reference(probeId, referenceOf.apply(targetPayloads), 0, 1);
    }

    @Override
    public Embeddings embed(String task, List<Object> payloads) {
      return rowOf == null ? null : new Embeddings(probeId, payloads.stream().map(rowOf).toArray(float[][]::new), true);
    }

    @Override
    public double similarity(float[] a, float[] b) {
      return -Math.abs(a[0] - b[0]);
    }
  }

  private static TargetReference last(List<TargetReference> refs) {
    assertThat(refs).isNotEmpty();
    return refs.get(refs.size() - 1);
  }

  private static double mean(List<ScoredSample> samples, String method) {
    return samples.stream().flatMap(s -> s.getScores().stream()).filter(s -> s.getMethod().equals(method))
        .mapToDouble(AlignmentScore::getValue).average().orElseThrow();
  }

  private static Sample sample(String src, Role role, String domain, Instant time) {
    return Sample.newBuilder().setId(UUID.randomUUID().toString()).setTask("mt.en-fr").setRole(role)
        .setSource("test").setDomain(domain).setEventTime(time).setIngestTime(time)
        .setPayload(new TextPair(src, "fr " + src, "en", "fr")).build();
  }
}
