package io.alignstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.model.MtHyperParameters;
import io.alignstream.trainer.model.SolarHyperParameters;
import io.alignstream.trainer.model.StemHyperParameters;
import io.alignstream.trainer.model.SyntheticSamples;
import io.alignstream.trainer.model.TaskModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTrainerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final String TASK = "solar.flare24h";
  static final SolarHyperParameters SOLAR = new SolarHyperParameters(SyntheticSamples.FEATURE_NAMES, 32, 16, 3e-3,
      0.5, 0);
  static final List<Sample> STREAM = SyntheticSamples.flareFeatures(100, 1, 0.2);
  static final TaskSplits SPLITS = new TaskSplits(SyntheticSamples.flareFeatures(40, 2, 0.2),
      SyntheticSamples.flareFeatures(120, 3, 0.2));

  @TempDir
  Path dir;

  static ProtocolConfig config(int batch, List<Long> sizes, int fineTuneSteps) {
    return new ProtocolConfig("run-1", TASK, "family-a", batch, sizes, fineTuneSteps, 8);
  }

  static DatasetTrainer trainer(ProtocolConfig config) {
    return new DatasetTrainer("ds-1", new ModelSpec(SOLAR, 42, List.of()).create(), config, SPLITS, CLOCK);
  }

  /** Scores of sample i: task2vec on every sample, dsir on every third only. */
  static Map<String, Double> scores(int i) {
    Map<String, Double> s = new HashMap<>();
    s.put("task2vec", 0.5 + i / 200.0);
    if (i % 3 == 0) {
      s.put("dsir", -2.0 + i / 10.0);
    }
    return s;
  }

  static List<TrainingResult> feed(DatasetTrainer t, int from, int to) {
    List<TrainingResult> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.addAll(t.accept(STREAM.get(i), scores(i)));
    }
    return out;
  }

  @Test
  void shouldEvaluateExactlyAtTheConfiguredSizesCuttingBatchesThere() {
    try (DatasetTrainer t = trainer(config(10, List.of(8L, 16L, 40L, 64L), 0))) {
      List<TrainingResult> results = feed(t, 0, 70);

      assertThat(results).extracting(TrainingResult::getSize).containsExactly(8L, 16L, 40L, 64L);
      // batches: 8 | 8 | 10 10 4 | 10 10 4, then 6 samples wait for the next batch
      assertThat(results).extracting(TrainingResult::getStep).containsExactly(1L, 2L, 5L, 8L);
      assertThat(t.size()).isEqualTo(64);
      assertThat(t.pending()).isEqualTo(6);
    }
  }

  @Test
  void shouldReportTheMeanAlignmentPerMethodOfTheSamplesTrainedOn() {
    try (DatasetTrainer t = trainer(config(10, List.of(8L, 30L), 0))) {
      List<TrainingResult> results = feed(t, 0, 35);

      for (TrainingResult r : results) {
        int d = (int) r.getSize();
        double task2vec = 0;
        double dsir = 0;
        int dsirCount = 0;
        for (int i = 0; i < d; i++) {
          task2vec += scores(i).get("task2vec");
          if (scores(i).containsKey("dsir")) {
            dsir += scores(i).get("dsir");
            dsirCount++;
          }
        }
        assertThat(r.getAlignment()).containsOnlyKeys("task2vec", "dsir");
        assertThat(r.getAlignment().get("task2vec")).isCloseTo(task2vec / d, within(1e-12));
        assertThat(r.getAlignment().get("dsir")).isCloseTo(dsir / dsirCount, within(1e-12));
      }
    }
  }

  @Test
  void shouldReportTheMeanTrainingLossSinceThePreviousEvaluationAsUpstreamLoss() {
    ProtocolConfig config = config(10, List.of(10L, 30L), 0);
    try (DatasetTrainer t = trainer(config); TaskModel replica = new ModelSpec(SOLAR, 42, List.of()).create()) {
      List<TrainingResult> results = feed(t, 0, 30);

      double first = replica.trainBatch(STREAM.subList(0, 10));
      double second = (replica.trainBatch(STREAM.subList(10, 20)) + replica.trainBatch(STREAM.subList(20, 30))) / 2;
      assertThat(results.get(0).getUpstreamLoss()).isCloseTo(first, within(1e-12));
      assertThat(results.get(1).getUpstreamLoss()).isCloseTo(second, within(1e-12));
      assertThat(results.get(1).getDownstreamCrossEntropy())
          .isCloseTo(replica.evaluate(SPLITS.test()).crossEntropy(), within(1e-12));
    }
  }

  @Test
  void shouldFillEveryResultField() {
    try (DatasetTrainer t = trainer(config(16, List.of(32L), 0))) {
      TrainingResult r = feed(t, 0, 32).get(0);

      assertThat(r.getRunId()).isEqualTo("run-1");
      assertThat(r.getDatasetId()).isEqualTo("ds-1");
      assertThat(r.getTask()).isEqualTo(TASK);
      assertThat(r.getFamily()).isEqualTo("family-a");
      assertThat(r.getDevice()).isIn("cpu", "gpu(0)");
      assertThat(r.getFineTuned()).isFalse();
      assertThat(r.getEvaluatedTime()).isEqualTo(CLOCK.instant());
      assertThat(r.getSamplesPerSecond()).isPositive();
      assertThat(r.getWallTimeMs()).isNotNegative();
      assertThat(r.getDownstreamCrossEntropy()).isPositive();
      assertThat(r.getMetrics()).containsKeys("TSS", "HSS2", "accuracy");
      assertThat(Double.isFinite(r.getUpstreamLoss())).isTrue();
    }
  }

  @Test
  void shouldFineTuneACopyOnTheTaskSplitAndLeaveTheDatasetModelAsTrained() {
    try (DatasetTrainer tuned = trainer(config(10, List.of(20L, 40L), 3));
        DatasetTrainer plain = trainer(config(10, List.of(20L, 40L), 0))) {
      List<TrainingResult> a = feed(tuned, 0, 40);
      List<TrainingResult> b = feed(plain, 0, 40);

      assertThat(a).allMatch(TrainingResult::getFineTuned);
      assertThat(b).noneMatch(TrainingResult::getFineTuned);
      assertThat(a).extracting(TrainingResult::getStep).containsExactly(2L, 4L);
      assertThat(a.get(1).getDownstreamCrossEntropy()).isNotEqualTo(b.get(1).getDownstreamCrossEntropy());
      assertThat(tuned.model().fingerprint()).isEqualTo(plain.model().fingerprint());
    }
  }

  @Test
  void shouldContinueFromACheckpointExactlyAsWithoutInterruption() {
    ProtocolConfig config = config(10, List.of(16L, 32L, 64L), 2);
    List<TrainingResult> uninterrupted;
    try (DatasetTrainer t = trainer(config)) {
      uninterrupted = feed(t, 0, 70);
    }
    List<TrainingResult> resumed = new ArrayList<>();
    try (DatasetTrainer t = trainer(config)) {
      resumed.addAll(feed(t, 0, 37));
      assertThat(t.pending()).isEqualTo(5);
      t.checkpoint(dir.resolve("ckpt"));
    }
    try (DatasetTrainer t = DatasetTrainer.restore(dir.resolve("ckpt"), config, SPLITS, CLOCK)) {
      assertThat(t.size()).isEqualTo(32);
      assertThat(t.pending()).isEqualTo(5);
      resumed.addAll(feed(t, 37, 70));
    }

    assertThat(resumed).hasSameSizeAs(uninterrupted);
    for (int i = 0; i < resumed.size(); i++) {
      TrainingResult x = resumed.get(i);
      TrainingResult y = uninterrupted.get(i);
      assertThat(x.getSize()).isEqualTo(y.getSize());
      assertThat(x.getStep()).isEqualTo(y.getStep());
      assertThat(x.getAlignment()).isEqualTo(y.getAlignment());
      assertThat(x.getUpstreamLoss()).isCloseTo(y.getUpstreamLoss(), within(1e-6));
      assertThat(x.getDownstreamCrossEntropy()).isCloseTo(y.getDownstreamCrossEntropy(), within(1e-6));
      assertThat(x.getMetrics()).isEqualTo(y.getMetrics());
    }
  }

  @Test
  void shouldCheckpointPendingSamplesBeforeAnyTraining() {
    ProtocolConfig config = config(10, List.of(10L), 0);
    try (DatasetTrainer t = trainer(config)) {
      feed(t, 0, 4);
      t.checkpoint(dir.resolve("early"));
    }
    try (DatasetTrainer t = DatasetTrainer.restore(dir.resolve("early"), config, SPLITS, CLOCK)) {
      assertThat(t.size()).isZero();
      assertThat(t.pending()).isEqualTo(4);
      assertThat(t.model().step()).isZero();
      List<TrainingResult> results = feed(t, 4, 10);
      assertThat(results).singleElement().satisfies(r -> {
        assertThat(r.getSize()).isEqualTo(10);
        assertThat(r.getAlignment().get("task2vec")).isCloseTo(0.5 + 45 / 2000.0, within(1e-12));
      });
    }
  }

  @Test
  void shouldEvaluateOnDemandAtTheFinalSizeOfASealedDataset() {
    try (DatasetTrainer t = trainer(config(10, List.of(100L), 0))) {
      assertThat(feed(t, 0, 23)).isEmpty();
      TrainingResult r = t.evaluateNow();
      assertThat(r.getSize()).isEqualTo(23);
      assertThat(r.getStep()).isEqualTo(3);
      assertThat(t.pending()).isZero();
    }
  }

  @Test
  void shouldRejectSamplesOfAnotherTaskOrPayloadWithoutChangingState() {
    Sample otherTask = SyntheticSamples.sample("x1", "mt.en-fr", STREAM.get(0).getPayload());
    Sample text = SyntheticSamples.sample("x2", TASK, new Text("no features"));
    try (DatasetTrainer t = trainer(config(10, List.of(10L), 0))) {
      assertThat(t.rejection(otherTask)).hasValueSatisfying(m -> assertThat(m).contains("mt.en-fr"));
      assertThatThrownBy(() -> t.accept(text, Map.of())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x2");
      assertThat(t.pending()).isZero();
      assertThat(t.size()).isZero();
    }
  }

  @Test
  void shouldRunTheProtocolForTranslationAndMicroscopyToo() {
    List<Sample> pairs = SyntheticSamples.translationPairs(60, 5);
    ProtocolConfig mtConfig = new ProtocolConfig("run-mt", "mt.en-xx", null, 16, List.of(16L, 32L), 2, 8);
    TaskSplits mtSplits = new TaskSplits(pairs.subList(40, 50), pairs.subList(50, 60));
    MtHyperParameters mt = new MtHyperParameters(128, 32, 64, 16, 1e-2, 1.0, 32);
    List<TrainingResult> mtResults = new ArrayList<>();
    try (DatasetTrainer t = new DatasetTrainer("mt-ds", new ModelSpec(mt, 1, pairs).create(), mtConfig, mtSplits,
        CLOCK)) {
      for (Sample s : pairs.subList(0, 40)) {
        mtResults.addAll(t.accept(s, Map.of("gzip", 0.3)));
      }
    }
    assertThat(mtResults).extracting(TrainingResult::getSize).containsExactly(16L, 32L);
    assertThat(mtResults.get(1).getMetrics()).containsKeys("BLEU", "chrF");
    assertThat(mtResults.get(1).getDownstreamCrossEntropy()).isPositive();
    assertThat(mtResults.get(1).getAlignment().get("gzip")).isCloseTo(0.3, within(1e-12));

    List<Sample> images = SyntheticSamples.diskImages(50, 6, 32, 0.5);
    ProtocolConfig stemConfig = new ProtocolConfig("run-stem", "stem.size", null, 10, List.of(20L), 0, 8);
    TaskSplits stemSplits = new TaskSplits(List.of(), images.subList(30, 50));
    try (DatasetTrainer t = new DatasetTrainer("stem-ds",
        new ModelSpec(StemHyperParameters.defaults(), 1, List.of()).create(), stemConfig, stemSplits, CLOCK)) {
      List<TrainingResult> r = new ArrayList<>();
      for (Sample s : images.subList(0, 30)) {
        r.addAll(t.accept(s, Map.of()));
      }
      assertThat(r).singleElement().satisfies(x -> {
        assertThat(x.getSize()).isEqualTo(20);
        assertThat(x.getDownstreamCrossEntropy()).isNull();
        assertThat(x.getMetrics()).containsKeys("MAE", "relativeError");
        assertThat(x.getAlignment()).isEmpty();
      });
    }
  }

  @Test
  void shouldDropThePendingSamplesWithoutTrainingOnThem() {
    try (DatasetTrainer t = trainer(config(10, List.of(64L), 0))) {
      feed(t, 0, 14);
      String before = t.model().fingerprint();

      List<Sample> dropped = t.dropPending();

      assertThat(dropped).containsExactlyElementsOf(STREAM.subList(10, 14));
      assertThat(t.pending()).isZero();
      assertThat(t.size()).isEqualTo(10);
      assertThat(t.model().fingerprint()).isEqualTo(before);
      feed(t, 14, 24); // the next batch starts afresh
      assertThat(t.size()).isEqualTo(20);
    }
  }
}
