package io.alignstream.trainer.service;

import static io.alignstream.trainer.service.TrainerTestData.TARGET;
import static io.alignstream.trainer.service.TrainerTestData.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.model.ModelKind;
import io.alignstream.trainer.model.SyntheticSamples;
import io.alignstream.trainer.train.AlignmentAccumulator;
import io.alignstream.trainer.train.DatasetTrainer;
import io.alignstream.trainer.train.ModelSpec;
import io.alignstream.trainer.train.ProtocolRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer engine on the real broker, constructed directly (no Quarkus): solar target samples on
 * {@code target-samples}, curated records and a manifest as the scorer and curator write them, CI-sized
 * models.
 */
@ExtendWith(AlignStreamExtension.class)
@Timeout(120)
class TrainerEngineOnKafkaTest {
  static final String FAMILY = "solar-fam";

  @TempDir
  Path checkpoints;

  static TrainerSettings.Builder settings(Path dir, String runId) {
    return TrainerSettings.builder(runId, dir)
        .clientId("trainer-test-" + runId)
        .modelSize(ModelSize.CI)
        .solarFeatures(SyntheticSamples.FEATURE_NAMES)
        .batchSize(8)
        .evaluationSizes(8, 64, 2)
        .targets(0.5, 0.25, 40, 1000)
        .datasets(Pattern.compile(".*"), TrainerSettings.DatasetSelection.PATTERN)
        .discoverEvery(Duration.ofMillis(200));
  }

  static TrainerEngine engine(TestStack stack, TopicCatalogue topics, TrainerSettings settings) {
    TrainerEngine e = new TrainerEngine(topics, Map.of("bootstrap.servers", stack.bootstrapServers()), settings,
        TrainerListener.none(), Clock.systemUTC());
    e.start();
    return e;
  }

  static List<TrainingResult> results(TestStack stack, TopicCatalogue topics, int atLeast) {
    return TopicReader.values(stack.bootstrapServers(), topics.trainingResults(), atLeast, Duration.ofSeconds(1));
  }

  static TrainerStatus.Dataset datasetStatus(TrainerEngine e, String datasetId) {
    return e.status().datasets().stream().filter(d -> d.datasetId().equals(datasetId)).findFirst().orElse(null);
  }

  @Test
  void shouldWaitForTargetsThenPublishResultsAtLogSpacedSizesAndTheSealedFinalSize(TestStack stack)
      throws Exception {
    // given: a sealed dataset of 100 records on two partitions, and no target samples yet
    TopicCatalogue topics = stack.newCatalogue();
    String dataset = "solar-fam-a1-n100";
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 2);
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset,
        TrainerTestData.scoredAll(TrainerTestData.pool(100, 11), 0.8), 0, 2);
    TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
        TrainerTestData.manifest(topics, dataset, FAMILY, 100, true));
    TrainerSettings settings = settings(checkpoints, "run-a").fineTune(2, 8).build();

    try (TrainerEngine engine = engine(stack, topics, settings)) {
      // then: the dataset waits, paused, for its task's targets
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(datasetStatus(engine, dataset)).isNotNull()
            .satisfies(d -> assertThat(d.state()).isEqualTo("waiting"));
        assertThat(engine.status().tasks()).singleElement()
            .satisfies(t -> assertThat(t.pausedPartitions()).isEqualTo(2));
      });
      assertThat(datasetStatus(engine, dataset).size()).isZero();

      // when: the targets arrive
      TrainerTestData.sendTargets(stack.bootstrapServers(), topics, TrainerTestData.targets(60, 5));

      // then: one result per evaluation size, plus the sealed size
      await().atMost(Duration.ofSeconds(60)).until(() -> results(stack, topics, 5).size() >= 5);
      List<TrainingResult> results = results(stack, topics, 5);
      assertThat(results).extracting(TrainingResult::getSize).containsExactly(8L, 16L, 32L, 64L, 100L);
      assertThat(results).extracting(TrainingResult::getStep).containsExactly(1L, 2L, 4L, 8L, 13L);
      assertThat(results).allSatisfy(r -> {
        assertThat(r.getDatasetId()).isEqualTo(dataset);
        assertThat(r.getTask()).isEqualTo(TASK);
        assertThat(r.getFamily()).isEqualTo(FAMILY);
        assertThat(r.getRunId()).isEqualTo("run-a");
        assertThat(r.getAlignment()).containsOnlyKeys("task2vec");
        assertThat(r.getAlignment().get("task2vec")).isCloseTo(0.8, within(1e-12)); // only the manifest's target
        assertThat(r.getDownstreamCrossEntropy()).isNotNull().isFinite().isPositive();
        assertThat(r.getMetrics()).containsKeys("accuracy", "TSS", "HSS2");
        assertThat(r.getFineTuned()).isTrue();
        assertThat(r.getDevice()).isIn("cpu", "gpu(0)");
        assertThat(r.getSamplesPerSecond()).isPositive();
        assertThat(r.getWallTimeMs()).isNotNegative();
      });
      TrainerStatus.Dataset d = datasetStatus(engine, dataset);
      assertThat(d.state()).isEqualTo("complete");
      assertThat(d.size()).isEqualTo(100);
      assertThat(d.pending()).isZero();
      assertThat(d.consumed()).isEqualTo(100);
      assertThat(d.family()).isEqualTo(FAMILY);
      assertThat(d.lastEvaluation().size()).isEqualTo(100);
      assertThat(d.modelLoaded()).isFalse();
      assertThat(engine.status().tasks()).singleElement().satisfies(t -> {
        assertThat(t.state()).isEqualTo("frozen");
        assertThat(t.test()).isPositive();
        assertThat(t.fineTune()).isPositive();
      });
      assertThat(engine.ready()).isTrue();
    }
  }

  @Test
  void shouldResumeFromItsCheckpointWithoutTrainingAnySampleTwiceOrSkippingOne(TestStack stack) throws Exception {
    // given: 70 of 150 records, an unsealed manifest, and the targets
    TopicCatalogue topics = stack.newCatalogue();
    String dataset = "solar-resume";
    List<Sample> targets = TrainerTestData.targets(60, 5);
    List<ScoredSample> records = new ArrayList<>();
    List<Sample> pool = TrainerTestData.pool(150, 21);
    for (int i = 0; i < pool.size(); i++) {
      records.add(TrainerTestData.scored(pool.get(i), 0.5 + i / 1000.0));
    }
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 1);
    TrainerTestData.sendTargets(stack.bootstrapServers(), topics, targets);
    TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
        TrainerTestData.manifest(topics, dataset, FAMILY, 70, false));
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset, records.subList(0, 70), 0, 1);
    TrainerSettings settings = settings(checkpoints, "run-r").evaluationSizes(8, 128, 2)
        .checkpointEvery(5, Duration.ofHours(1)).build();

    // when: the first instance stops abruptly after its D=64 checkpoint while the rest arrives
    TrainerEngine first = engine(stack, topics, settings);
    await().atMost(Duration.ofSeconds(60))
        .until(() -> results(stack, topics, 4).stream().anyMatch(r -> r.getSize() == 64));
    Thread rest = new Thread(() -> {
      try {
        TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset, records.subList(70, 150), 70, 1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    rest.start();
    first.halt();
    rest.join(30_000);
    TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
        TrainerTestData.manifest(topics, dataset, FAMILY, 150, true));

    // and a new instance starts on the same checkpoint directory
    try (TrainerEngine second = engine(stack, topics, settings)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        TrainerStatus.Dataset d = datasetStatus(second, dataset);
        return d != null && "complete".equals(d.state());
      });
      // complete: nothing more will train, so its model is freed (it stays in the checkpoint)
      assertThat(datasetStatus(second, dataset).modelLoaded()).isFalse();
    }

    // a third instance finds it complete from the checkpoint alone, without loading the model or training again
    try (TrainerEngine third = engine(stack, topics, settings)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        TrainerStatus.Dataset d = datasetStatus(third, dataset);
        return d != null && "complete".equals(d.state());
      });
      TrainerStatus.Dataset d = datasetStatus(third, dataset);
      assertThat(d.modelLoaded()).isFalse();
      assertThat(d.size()).isEqualTo(150);
      assertThat(d.step()).isEqualTo(19);
    }

    // then: the sizes continue without repeats or gaps, and the final model is the uninterrupted one
    List<TrainingResult> published = results(stack, topics, 6);
    assertThat(published).extracting(TrainingResult::getSize).containsExactly(8L, 16L, 32L, 64L, 128L, 150L);
    CheckpointStore.DatasetCheckpoint cp = new CheckpointStore(checkpoints, "run-r").load(dataset).orElseThrow();
    assertThat(cp.state().consumed()).isEqualTo(150);
    assertThat(cp.state().offsets()).containsExactly(Map.entry(0, 150L));
    assertThat(cp.state().lastEvaluatedSize()).isEqualTo(150);

    // the uninterrupted run, on a fresh thread like the engine's workers: PyTorch's thread setting binds only the
    // thread that started it, which may be this test's main thread when another test class trained first
    TaskTargets frozen = TaskTargets.split(TASK, targets, 0.5, 0.25);
    ModelSpec spec = new ModelSpec(ModelSize.CI.hyperParameters(ModelKind.SOLAR, SyntheticSamples.FEATURE_NAMES),
        settings.seed(), frozen.reference());
    List<TrainingResult> expected = new ArrayList<>();
    ExecutorService fresh = Executors.newSingleThreadExecutor();
    try {
      fresh.submit(() -> {
        try (ProtocolRunner straight = new ProtocolRunner(settings.protocol(TASK, FAMILY), spec, frozen.splits(),
            Clock.systemUTC());
            DatasetTrainer resumed = DatasetTrainer.restore(cp.trainerDir(), settings.protocol(TASK, FAMILY),
                frozen.splits(), Clock.systemUTC())) {
          for (ScoredSample r : records) {
            expected.addAll(straight.accept(dataset, r.getSample(),
                AlignmentAccumulator.byMethod(r.getScores(), TARGET)));
          }
          expected.add(straight.trainer(dataset).evaluateNow());
          DatasetTrainer reference = straight.trainer(dataset);
          assertThat(resumed.size()).isEqualTo(150);
          assertThat(resumed.pending()).isZero();
          assertThat(resumed.model().step()).isEqualTo(reference.model().step()).isEqualTo(19);
          assertThat(resumed.model().fingerprint()).isEqualTo(reference.model().fingerprint());
        }
        return null;
      }).get(60, TimeUnit.SECONDS);
    } finally {
      fresh.shutdownNow();
    }
    for (int i = 0; i < expected.size(); i++) {
      assertThat(published.get(i).getDownstreamCrossEntropy()).as("cross-entropy at D=%d", expected.get(i).getSize())
          .isEqualTo(expected.get(i).getDownstreamCrossEntropy());
      assertThat(published.get(i).getAlignment().get("task2vec"))
          .isCloseTo(expected.get(i).getAlignment().get("task2vec"), within(1e-12));
    }
  }

  @Test
  void shouldDeadLetterUntrainableAndUndecodableRecordsAndKeepTraining(TestStack stack) throws Exception {
    // given: 20 good solar records, an image at offset 5 and corrupt bytes at offset 10
    // (and, selected by manifest, a curated topic nobody announced, which must not be trained)
    TopicCatalogue topics = stack.newCatalogue();
    TrainerTestData.createCurated(stack.admin(), topics, "solar-unannounced", 1);
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, "solar-unannounced",
        TrainerTestData.scoredAll(TrainerTestData.pool(8, 41), 0.7), 0, 1);
    String dataset = "solar-dirty";
    List<Object> values = new ArrayList<>(TrainerTestData.scoredAll(TrainerTestData.pool(20, 31), 0.7));
    Sample image = Sample.newBuilder(SyntheticSamples.diskImages(1, 3, 16, 1.0).get(0)).setId("an-image")
        .setTask(TASK).build();
    values.add(5, TrainerTestData.scored(image, 0.7));
    values.add(10, "not avro at all".getBytes(StandardCharsets.UTF_8));
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 1);
    TrainerTestData.sendTargets(stack.bootstrapServers(), topics, TrainerTestData.targets(60, 5));
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset, values, 0, 1);
    TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
        TrainerTestData.manifest(topics, dataset, FAMILY, 22, true));

    // when
    try (TrainerEngine engine = engine(stack, topics, settings(checkpoints, "run-d").evaluationSizes(8, 16, 2)
        .datasets(Pattern.compile("solar-.*"), TrainerSettings.DatasetSelection.MANIFEST).build())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        TrainerStatus.Dataset d = datasetStatus(engine, dataset);
        return d != null && "complete".equals(d.state());
      });
      assertThat(datasetStatus(engine, dataset).deadLetters()).isEqualTo(2);
      assertThat(engine.status().datasets()).extracting(TrainerStatus.Dataset::datasetId).containsExactly(dataset);
    }

    // then: both went to the dead letters with the reason, and training went on around them
    List<DeadLetter> letters = TopicReader.values(stack.bootstrapServers(), topics.deadLetters(), 2,
        Duration.ofSeconds(10));
    assertThat(letters).hasSize(2).allSatisfy(l -> {
      assertThat(l.getStage()).isEqualTo("trainer");
      assertThat(l.getSourceTopic()).isEqualTo(topics.curated(dataset).name());
      assertThat(l.getOriginalValue()).isNotNull();
    });
    assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(5L, 10L);
    assertThat(letters.get(0).getErrorClass()).isEqualTo("UntrainableSample");
    assertThat(letters.get(0).getErrorMessage()).contains("solar needs a Features payload, got Image");
    assertThat(letters.get(1).getErrorClass()).contains("SerializationException");
    assertThat(results(stack, topics, 3)).extracting(TrainingResult::getSize).containsExactly(8L, 16L, 20L);
  }

  @Test
  void shouldHoldANewDatasetUntilItsManifestArrivesSoEveryResultCarriesTheFamily(TestStack stack) throws Exception {
    // given: the targets and 40 curated records of a dataset whose manifest the curator has not written yet
    TopicCatalogue topics = stack.newCatalogue();
    String dataset = "solar-fam-late-manifest";
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 1);
    TrainerTestData.sendTargets(stack.bootstrapServers(), topics, TrainerTestData.targets(60, 5));
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset,
        TrainerTestData.scoredAll(TrainerTestData.pool(40, 51), 0.6), 0, 1);

    try (TrainerEngine engine = engine(stack, topics, settings(checkpoints, "run-m").evaluationSizes(8, 32, 2)
        .manifestWait(Duration.ofMinutes(5)).build())) {
      // then: the dataset is found and waits for its manifest, paused at its first record, without training
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(datasetStatus(engine, dataset))
          .isNotNull().satisfies(d -> {
            assertThat(d.state()).isEqualTo("waiting");
            assertThat(d.waitingFor()).isEqualTo("manifest");
          }));
      assertThat(datasetStatus(engine, dataset).consumed()).isZero();
      assertThat(results(stack, topics, 0)).isEmpty();

      // when: the manifest arrives
      TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
          TrainerTestData.manifest(topics, dataset, FAMILY, 40, true));

      // then: every result, the first included, names the manifest's family
      await().atMost(Duration.ofSeconds(60)).until(() -> "complete".equals(datasetStatus(engine, dataset).state()));
      List<TrainingResult> results = results(stack, topics, 4);
      assertThat(results).extracting(TrainingResult::getSize).containsExactly(8L, 16L, 32L, 40L);
      assertThat(results).extracting(TrainingResult::getFamily).containsOnly(FAMILY);
    }
  }

  @Test
  void shouldTrainADatasetWithoutAManifestOnceTheWaitForItIsOver(TestStack stack) throws Exception {
    // given: a curated topic nobody announces
    TopicCatalogue topics = stack.newCatalogue();
    String dataset = "solar-never-announced";
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 1);
    TrainerTestData.sendTargets(stack.bootstrapServers(), topics, TrainerTestData.targets(60, 5));
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset,
        TrainerTestData.scoredAll(TrainerTestData.pool(16, 61), 0.6), 0, 1);

    // when: the trainer waits at most 1 s for the manifest
    try (TrainerEngine engine = engine(stack, topics, settings(checkpoints, "run-n").evaluationSizes(8, 16, 2)
        .manifestWait(Duration.ofSeconds(1)).build())) {
      // then: it trains anyway, and its results carry no family
      List<TrainingResult> results = TopicReader.values(stack.bootstrapServers(), topics.trainingResults(), 2,
          Duration.ofSeconds(60));
      assertThat(results).extracting(TrainingResult::getSize).containsExactly(8L, 16L);
      assertThat(results).extracting(TrainingResult::getFamily).containsOnlyNulls();
      assertThat(datasetStatus(engine, dataset).consumed()).isEqualTo(16);
    }
  }

  @Test
  void shouldStartAgainFromItsCheckpointsWhenOutputIsLostAndPublishEveryResultOnceWhenItCanAgain(TestStack stack)
      throws Exception {
    // given: the registry refuses the results' schema (another schema holds the subject, BACKWARD), so no
    // result can be encoded: lost output
    TopicCatalogue topics = stack.newCatalogue();
    String subject = topics.trainingResults().name() + "-value";
    stack.registryClient().register(subject, new org.apache.avro.Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Blocker\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}"));
    stack.registryClient().setCompatibility(subject, "BACKWARD");
    String dataset = "solar-fam-lost-output";
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 1);
    TrainerTestData.sendTargets(stack.bootstrapServers(), topics, TrainerTestData.targets(60, 5));
    TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
        TrainerTestData.manifest(topics, dataset, FAMILY, 20, true));
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset,
        TrainerTestData.scoredAll(TrainerTestData.pool(20, 71), 0.6), 0, 1);

    try (TrainerEngine engine = engine(stack, topics, settings(checkpoints, "run-o").evaluationSizes(8, 16, 2)
        .build())) {
      // then: the engine does not die; it says why and starts again from the checkpoints, not ready meanwhile
      await().atMost(Duration.ofSeconds(60)).until(() -> engine.status().restarts() >= 1);
      assertThat(engine.status().running()).isTrue();
      assertThat(engine.status().error()).contains("cannot encode a record for " + topics.trainingResults().name());

      // when: the registry accepts the schema again
      stack.registryClient().setCompatibility(subject, "NONE");

      // then: the dataset completes, every evaluation published exactly once, and the engine is ready
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        TrainerStatus.Dataset d = datasetStatus(engine, dataset);
        return d != null && "complete".equals(d.state());
      });
      assertThat(results(stack, topics, 3)).extracting(TrainingResult::getSize).containsExactly(8L, 16L, 20L);
      await().atMost(Duration.ofSeconds(30)).until(engine::ready);
      assertThat(engine.status().error()).isNull();
    }
  }
}
