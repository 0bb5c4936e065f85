package io.alignstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolarModelTest extends TaskModelContract<SolarModel> {

  static final SolarHyperParameters HP = SolarHyperParameters.defaults()
      .withFeatures(SyntheticSamples.FEATURE_NAMES);
  static final SolarHyperParameters FAST = new SolarHyperParameters(SyntheticSamples.FEATURE_NAMES, 64, 32, 3e-3,
      0.5, 0);
  static final List<Sample> TRAIN = SyntheticSamples.flareFeatures(600, 1, 0.15);
  static final List<Sample> TEST = SyntheticSamples.flareFeatures(300, 2, 0.15);

  @Override
  SolarModel create(long seed) {
    return SolarModel.create(HP, seed);
  }

  @Override
  SolarModel load(Path dir) {
    return SolarModel.load(dir);
  }

  @Override
  List<Sample> trainingData() {
    return TRAIN;
  }

  @Override
  List<Sample> testData() {
    return TEST;
  }

  @Override
  Object predictions(SolarModel model, List<Sample> samples) {
    return Arrays.stream(model.predictProbabilities(samples)).boxed().toList();
  }

  @Test
  void shouldSeparateFlaringFromQuietRegionsWithPositiveSkill() {
    try (SolarModel model = SolarModel.create(FAST, 7)) {
      model.prepare(TRAIN);
      double crossEntropyBefore = model.evaluate(TEST).crossEntropy();
      List<Double> losses = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int epoch = 0; epoch < 2; epoch++) {
        for (int from = 0; from < TRAIN.size(); from += 32) {
          losses.add(model.trainBatch(TRAIN.subList(from, Math.min(TRAIN.size(), from + 32))));
        }
      }
      double samplesPerSecond = 2 * TRAIN.size() / ((System.nanoTime() - t0) / 1e9);
      Evaluation e = model.evaluate(TEST);
      int n = losses.size();
      System.out.printf("solar: batch loss (first 5) %.3f -> (last 5) %.3f; test cross-entropy %.3f -> %.3f; %s "
          + "(constant forecast: TSS 0, HSS2 0); %.0f samples/s%n", mean(losses, 0, 5), mean(losses, n - 5, n),
          crossEntropyBefore, e.crossEntropy(), e.metrics(), samplesPerSecond);

      assertThat(mean(losses, n - 5, n)).isLessThan(mean(losses, 0, 5) * 0.7);
      assertThat(e.crossEntropy()).isLessThan(crossEntropyBefore);
      assertThat(e.metric("TSS")).isGreaterThan(0.4);
      assertThat(e.metric("HSS2")).isGreaterThan(0.2);
    }
  }

  @Test
  void shouldStandardiseSignedLogFeaturesWithStatisticsOfTheDeclaredReference() {
    try (SolarModel model = SolarModel.create(HP, 7)) {
      model.prepare(TRAIN);
      model.trainBatch(TEST.subList(0, 32));
      FeatureStandardizer s = model.standardizer().orElseThrow();
      double expectedMean = TRAIN.stream()
          .mapToDouble(x -> FeatureStandardizer.signedLog1p(((Features) x.getPayload()).getValues().get(0)))
          .average().orElseThrow();
      assertThat(s.mean()[0]).isCloseTo(expectedMean, within(1e-9));
      assertThat(s.names()).isEqualTo(SyntheticSamples.FEATURE_NAMES);
    }
  }

  @Test
  void shouldSaveTheStandardisationWithTheModel() {
    try (SolarModel model = SolarModel.create(HP, 7)) {
      model.trainBatch(TRAIN.subList(0, 32));
      model.save(dir.resolve("solar"));
      try (TaskModel loaded = TaskModels.load(dir.resolve("solar"))) {
        assertThat(loaded).isInstanceOf(SolarModel.class);
        assertThat(((SolarModel) loaded).standardizer()).isEqualTo(model.standardizer());
      }
    }
  }

  @Test
  void shouldForecastFlaresOnlyAtOrAboveTheConfiguredThreshold() {
    SolarHyperParameters strict = new SolarHyperParameters(SyntheticSamples.FEATURE_NAMES, 64, 32, 3e-3, 0.999, 0);
    try (SolarModel model = SolarModel.create(strict, 7)) {
      model.trainBatch(TRAIN.subList(0, 32));
      double[] p = model.predictProbabilities(TEST);
      long forecasts = Arrays.stream(p).filter(v -> v >= 0.999).count();
      Evaluation e = model.evaluate(TEST);
      // With hardly any forecast flare, accuracy is the share of quiet regions that were not forecast.
      assertThat(forecasts).isLessThan(TEST.size() / 10);
      assertThat(e.metric("accuracy")).isGreaterThan(0.7);
    }
  }
}
