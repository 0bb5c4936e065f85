package io.alignstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.Text;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantees every {@link TaskModel} keeps (the interface's Javadoc): determinism from the seed,
 * exact save/load resumption including the optimizer, and independent copies. Each family's test
 * extends it with its data and a prediction function.
 */
abstract class TaskModelContract<M extends TaskModel> {

  static final int BATCH = 16;

  @TempDir
  Path dir;

  abstract M create(long seed);

  abstract M load(Path dir);

  /** A few hundred labelled training samples. */
  abstract List<Sample> trainingData();

  abstract List<Sample> testData();

  /** The model's raw predictions on {@code samples}, comparable with {@code equals}. */
  abstract Object predictions(M model, List<Sample> samples);

  List<Sample> batch(int k) {
    return trainingData().subList(k * BATCH, (k + 1) * BATCH);
  }

  @Test
  void shouldBuildIdenticalModelsFromIdenticalSeeds() {
    try (M a = create(11); M b = create(11); M c = create(12)) {
      assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
      assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
      for (int k = 0; k < 3; k++) {
        assertThat(b.trainBatch(batch(k))).isEqualTo(a.trainBatch(batch(k)));
      }
      assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
      assertThat(b.evaluate(testData())).isEqualTo(a.evaluate(testData()));
    }
  }

  @Test
  void shouldResumeStepCountOptimizerStateAndPredictionsAfterSaveAndLoad() {
    try (M original = create(5)) {
      for (int k = 0; k < 4; k++) {
        original.trainBatch(batch(k));
      }
      original.save(dir.resolve("saved"));
      try (M loaded = load(dir.resolve("saved"))) {
        assertThat(loaded.step()).isEqualTo(4);
        assertThat(loaded.seed()).isEqualTo(5);
        assertThat(loaded.hyperParameters()).isEqualTo(original.hyperParameters());
        assertThat(loaded.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(predictions(loaded, testData())).isEqualTo(predictions(original, testData()));
        assertThat(loaded.evaluate(testData())).isEqualTo(original.evaluate(testData()));

        // A step after the reload equals the step without it: Adam's moments came back too.
        double expected = original.trainBatch(batch(4));
        double actual = loaded.trainBatch(batch(4));
        assertThat(actual).isCloseTo(expected, within(1e-5));
        assertThat(loaded.step()).isEqualTo(original.step()).isEqualTo(5);
        assertThat(maxDifference(loaded.parameterValues(), original.parameterValues())).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  @Test
  void shouldFineTuneACopyWithoutTouchingTheOriginal() {
    try (M original = create(3)) {
      original.trainBatch(batch(0));
      String before = original.fingerprint();
      try (TaskModel copy = original.copy()) {
        assertThat(copy.fingerprint()).isEqualTo(before);
        assertThat(copy.step()).isEqualTo(1);
        copy.trainBatch(batch(1));
        assertThat(copy.step()).isEqualTo(2);
        assertThat(copy.fingerprint()).isNotEqualTo(before);
      }
      assertThat(original.fingerprint()).isEqualTo(before);
      assertThat(original.step()).isEqualTo(1);
    }
  }

  @Test
  void shouldFreeEveryTemporaryArrayAfterEachBatchAndEvaluation() {
    try (M model = create(2)) {
      model.trainBatch(batch(0));
      model.evaluate(testData());
      int live = ((NetworkModel) model).managedArrays();
      for (int k = 1; k < 4; k++) {
        model.trainBatch(batch(k));
      }
      model.evaluate(testData());
      predictions(model, testData());
      model.copy().close();
      assertThat(((NetworkModel) model).managedArrays()).isEqualTo(live);
    }
  }

  @Test
  void shouldRejectSamplesOfAnotherFamilyWithoutTraining() {
    Sample text = SyntheticSamples.sample("t1", "lm.text", new Text("just text"));
    try (M model = create(1)) {
      assertThat(model.rejection(text)).isPresent();
      assertThatThrownBy(() -> model.trainBatch(List.of(text))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("t1");
      assertThat(model.step()).isZero();
      assertThat(model.prepared()).isFalse();
    }
  }

  @Test
  void shouldRefuseToRefitPreprocessing() {
    try (M model = create(1)) {
      model.prepare(trainingData());
      assertThat(model.prepared()).isTrue();
      assertThatThrownBy(() -> model.prepare(trainingData())).isInstanceOf(IllegalStateException.class);
    }
  }

  static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
    double max = 0;
    for (String name : a.keySet()) {
      float[] x = a.get(name);
      float[] y = b.get(name);
      assertThat(x).hasSameSizeAs(y);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }

  /** Mean of {@code values[from, to)}. */
  static double mean(List<Double> values, int from, int to) {
    return values.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
