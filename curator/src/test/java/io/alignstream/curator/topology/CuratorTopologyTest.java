package io.alignstream.curator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.infra.testkit.TestRegistry;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every curation policy on streams with known scores, driven by a TopologyTestDriver. */
class CuratorTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final String TASK = "mt.en-fr";
  private static TestRegistry registry;
  private TopicCatalogue topics;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ScoredSample> scored;
  private TestInputTopic<byte[], byte[]> scoredBytes;
  private TestInputTopic<String, CurationPolicy> policies;
  private TestOutputTopic<String, DatasetManifest> manifests;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private final List<String> rejected = new ArrayList<>();
  private final List<String> retired = new ArrayList<>();
  private int next;

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
    topics = registry.catalogue();
    CurationListener listener = new CurationListener() {
      @Override
      public void rejected(String policyId, List<String> problems) {
        rejected.add(policyId + ": " + problems);
      }

      @Override
      public void retired(String policyId) {
        retired.add(policyId);
      }
    };
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "curator-test-" + UUID.randomUUID());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(new CuratorTopology(topics.samplesScored(), topics.curatorByDataset(),
        topics.curationPolicies(), topics.datasets(), topics.deadLetters(), id -> topics.curated(id).name(),
        Duration.ofSeconds(1), listener).build(), config, T0);
    scored = driver.createInputTopic(topics.samplesScored().name(), Serdes.String().serializer(),
        topics.samplesScored().valueSerde().serializer());
    scoredBytes = driver.createInputTopic(topics.samplesScored().name(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    policies = driver.createInputTopic(topics.curationPolicies().name(), Serdes.String().serializer(),
        topics.curationPolicies().valueSerde().serializer());
    manifests = driver.createOutputTopic(topics.datasets().name(), Serdes.String().deserializer(),
        topics.datasets().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(),
        topics.deadLetters().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldKeepExactlyTheSamplesAtOrAboveTheThreshold() {
    declare(policy("aligned", "threshold", Map.of("tau", "0.5")));
    List<ScoredSample> in = new ArrayList<>();
    for (double v : new double[] {0.1, 0.5, 0.49999, 0.9, -3, 0.75}) {
      in.add(sample("s" + next++, v));
    }
    in.forEach(this::send);

    List<TestRecord<String, ScoredSample>> kept = curated("aligned");
    assertThat(kept).extracting(r -> r.value().getSample().getId()).containsExactly("s1", "s3", "s5");
    assertThat(kept.get(0).value().getScores()).as("curated records keep their scores").hasSize(1);
    assertThat(kept.get(0).headers().lastHeader(Selector.SEQUENCE_HEADER).value()).asString().isEqualTo("0");
  }

  @Test
  void shouldSealADatasetAtExactlyItsSizeAndSaySoInItsManifest() {
    CurationPolicy p = policy("small", "threshold", Map.of("tau", "0"));
    p.setSizeLimit(7L);
    declare(p);
    for (int i = 0; i < 20; i++) {
      send(sample("s" + i, 0.5 + i));
    }

    assertThat(curated("small")).hasSize(7);
    DatasetManifest last = lastManifest("small");
    assertThat(last.getSealed()).isTrue();
    assertThat(last.getSize()).isEqualTo(7);
    assertThat(last.getSizeLimit()).isEqualTo(7);
    assertThat(last.getMeanAlignment()).isCloseTo(3.5, within(1e-9)); // 0.5 .. 6.5
    assertThat(last.getFirstOffset()).isZero();
    assertThat(last.getLastOffset()).isEqualTo(6);
  }

  @Test
  void shouldKeepTheTopQFractionWithinTheSketchRankError() {
    declare(policy("top", "top-q", Map.of("q", "0.2", "warmup", "200")));
    Random random = new Random(7);
    int n = 2000;
    for (int i = 0; i < n; i++) {
      send(sample("s" + i, random.nextDouble()));
    }

    List<TestRecord<String, ScoredSample>> kept = curated("top");
    double fraction = kept.size() / (double) (n - 200);
    assertThat(fraction).isCloseTo(0.2, within(0.04));
    double lowest = kept.stream().mapToDouble(r -> r.value().getScores().get(0).getValue()).min().orElseThrow();
    assertThat(lowest).as("nothing far below the 0.8 quantile of U(0,1) is kept").isGreaterThan(0.8 - 0.05);
  }

  @Test
  void shouldDrawKOfEveryWindowFavouringAlignedSamples() {
    declare(policy("resampled", "importance", Map.of("k", "5", "window", "50", "temperature", "0.1", "seed", "3")));
    int high = 0;
    for (int i = 0; i < 500; i++) {
      send(sample("s" + i, i % 10 == 0 ? 1.0 : 0.0)); // one in ten is aligned
    }

    List<TestRecord<String, ScoredSample>> kept = curated("resampled");
    assertThat(kept).hasSize(50); // 10 windows × 5
    high = (int) kept.stream().filter(r -> r.value().getScores().get(0).getValue() == 1.0).count();
    // exp(1/0.1) ≈ 22026: each window's 5 aligned samples outweigh its 45 others by far
    assertThat(high).isGreaterThanOrEqualTo(47);
    assertThat(kept.stream().map(r -> r.value().getSample().getId()).distinct().count()).isEqualTo(50);
  }

  @Test
  void shouldRemoveExactAndNearDuplicatesButKeepDistinctSamples() {
    CurationPolicy p = policy("dedup", "all", Map.of());
    p.setMethod(null);
    p.setRules(Map.of("dedup", "near", "near-threshold", "0.7"));
    declare(p);
    String base = "The quick brown fox jumps over the lazy dog near the river bank at dawn";
    send(text("a", base, 0.1));
    send(text("b", base, 0.2)); // exact copy
    send(text("c", base.replace("dawn", "dusk"), 0.3)); // near copy
    send(text("d", "Database connection failed: the server closed the socket unexpectedly", 0.4));

    assertThat(curated("dedup")).extracting(r -> r.key()).containsExactly("a", "d");
  }

  @Test
  void shouldFillFamilyMembersByAlignmentBucketUntilEachSealsAtItsSize() {
    declare(policy("fam", "family", Map.of("boundaries", "0.5", "sizes", "4,8", "controls", "true")));
    for (int i = 0; i < 40; i++) {
      send(sample("s" + i, i % 2 == 0 ? 0.2 : 0.8));
    }

    assertThat(curated("fam-a0-n4")).hasSize(4).allMatch(r -> score(r) < 0.5);
    assertThat(curated("fam-a0-n8")).hasSize(8).allMatch(r -> score(r) < 0.5);
    assertThat(curated("fam-a1-n4")).hasSize(4).allMatch(r -> score(r) >= 0.5);
    assertThat(curated("fam-a1-n8")).hasSize(8).allMatch(r -> score(r) >= 0.5);
    assertThat(curated("fam-rand-n4")).hasSize(4);
    assertThat(curated("fam-rand-n8")).hasSize(8);
    Map<String, DatasetManifest> last = lastManifests();
    assertThat(last.get("fam-a1-n8").getSealed()).isTrue();
    assertThat(last.get("fam-a1-n8").getFamily()).isEqualTo("fam");
  }

  @Test
  void shouldRejectAnInvalidPolicyAndKeepThePreviousOneInForce() {
    declare(policy("keep", "threshold", Map.of("tau", "0.5")));
    send(sample("before", 0.6));

    declare(policy("keep", "threshold", Map.of("tau", "high", "bogus", "1")));
    send(sample("after", 0.7));
    send(sample("below", 0.4));

    assertThat(rejected).singleElement().asString().contains("keep").contains("'tau' = 'high' is not a number")
        .contains("unknown parameter 'bogus'");
    assertThat(curated("keep")).extracting(r -> r.key()).containsExactly("before", "after");
  }

  @Test
  void shouldDropMultiRegionPatchesWhenTheRuleSaysSo() {
    CurationPolicy p = policy("solar", "all", Map.of());
    p.setTask("solar.flare24h");
    p.setMethod(null);
    p.setRules(Map.of("max-noaa-num", "1"));
    declare(p);
    send(solar("single", "1"));
    send(solar("multi", "2"));
    send(solar("unknown", null));

    assertThat(curated("solar")).extracting(r -> r.key()).containsExactly("single", "unknown");
  }

  @Test
  void shouldDeadLetterAnUnreadableNoaaNumAndKeepGoing() {
    CurationPolicy p = policy("solar", "all", Map.of());
    p.setTask("solar.flare24h");
    p.setMethod(null);
    p.setRules(Map.of("max-noaa-num", "1"));
    declare(p);
    send(solar("garbled", "two"));
    send(solar("fine", "1"));

    assertThat(deadLetters.readValuesToList()).singleElement()
        .satisfies(d -> assertThat(d.getErrorMessage()).contains("NOAA_NUM 'two' is not an integer"));
    assertThat(curated("solar")).extracting(r -> r.key()).containsExactly("fine");
  }

  @Test
  void shouldSizeMatchARandomControlToAnotherDataset() {
    CurationPolicy aligned = policy("aligned", "threshold", Map.of("tau", "0.9"));
    declare(aligned);
    CurationPolicy control = policy("control", "random", Map.of("rate", "0.5", "match", "aligned"));
    control.setMethod(null);
    declare(control);
    for (int i = 0; i < 200; i++) {
      send(sample("s" + i, i < 10 ? 0.95 : 0.1)); // 10 aligned samples first
    }
    driver.advanceWallClockTime(Duration.ofSeconds(2)); // the aligned dataset's manifest is published
    for (int i = 200; i < 400; i++) {
      send(sample("s" + i, 0.1));
    }

    assertThat(curated("aligned")).hasSize(10);
    assertThat(curated("control")).hasSize(10);
  }

  @Test
  void shouldStopCuratingForARetiredPolicyAndKeepWhatItCurated() {
    declare(policy("retired", "threshold", Map.of("tau", "0")));
    send(sample("kept", 1.0));
    policies.pipeInput("retired", null);
    send(sample("after", 1.0));

    assertThat(curated("retired")).extracting(r -> r.key()).containsExactly("kept");
    assertThat(retired).containsExactly("retired");
  }

  @Test
  void shouldNotCurateTargetSamples() {
    declare(policy("all", "threshold", Map.of("tau", "0")));
    ScoredSample target = sample("t", 1.0);
    target.getSample().setRole(Role.TARGET);
    send(target);

    assertThat(curated("all")).isEmpty();
  }

  @Test
  void shouldRouteAnUndecodableRecordToTheDeadLetterTopicAndKeepGoing() {
    declare(policy("go-on", "threshold", Map.of("tau", "0")));
    scoredBytes.pipeInput("broken".getBytes(), new byte[] {0, 0, 0, 0, 42, 1, 2});
    send(sample("fine", 1.0));

    assertThat(deadLetters.readValuesToList()).singleElement()
        .satisfies(d -> assertThat(d.getStage()).isEqualTo("curator"));
    assertThat(curated("go-on")).extracting(r -> r.key()).containsExactly("fine");
  }

  @Test
  void shouldDeadLetterASampleWhoseAlignmentIsNotFinite() {
    declare(policy("finite", "threshold", Map.of("tau", "0")));
    send(sample("inf", Double.POSITIVE_INFINITY));

    assertThat(deadLetters.readValuesToList()).singleElement()
        .satisfies(d -> assertThat(d.getErrorMessage()).contains("not finite"));
    assertThat(curated("finite")).isEmpty();
  }

  private double score(TestRecord<String, ScoredSample> r) {
    return r.value().getScores().get(0).getValue();
  }

  private CurationPolicy policy(String id, String kind, Map<String, String> parameters) {
    return CurationPolicy.newBuilder().setDatasetId(id).setTask(TASK).setTargetId("target").setMethod("dsir")
        .setPolicy(new PolicySpec(kind, new HashMap<>(parameters))).setUpdatedTime(T0).build();
  }

  private void declare(CurationPolicy p) {
    policies.pipeInput(p.getDatasetId(), p);
  }

  private void send(ScoredSample s) {
    scored.pipeInput(s.getSample().getId(), s, T0);
  }

  private ScoredSample sample(String id, double value) {
    return text(id, "sentence number " + id, value);
  }

  private ScoredSample text(String id, String src, double value) {
    Sample s = Sample.newBuilder().setId(id).setTask(TASK).setRole(Role.POOL).setSource("test").setDomain("d")
        .setEventTime(T0).setIngestTime(T0).setPayload(new TextPair(src, "phrase " + src, "en", "fr"))
        .setMetadata(Map.of()).build();
    return new ScoredSample(s, List.of(new AlignmentScore("target", "dsir", "probe", 1L, value, null)), T0);
  }

  private ScoredSample solar(String id, String noaaNum) {
    Map<String, String> metadata = new HashMap<>();
    if (noaaNum != null) {
      metadata.put("NOAA_NUM", noaaNum);
    }
    Sample s = Sample.newBuilder().setId(id).setTask("solar.flare24h").setRole(Role.POOL).setSource("test")
        .setDomain("d").setEventTime(T0).setIngestTime(T0)
        .setPayload(new Features(List.of("USFLUX"), List.of(1.0), 0.0)).setMetadata(metadata).build();
    return new ScoredSample(s, List.of(), T0);
  }

  private List<TestRecord<String, ScoredSample>> curated(String datasetId) {
    return driver.createOutputTopic(topics.curated(datasetId).name(), Serdes.String().deserializer(),
        topics.curated(datasetId).valueSerde().deserializer()).readRecordsToList();
  }

  private DatasetManifest lastManifest(String datasetId) {
    return lastManifests().get(datasetId);
  }

  private Map<String, DatasetManifest> lastManifests() {
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    return manifests.readKeyValuesToList().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
  }
}
