package io.alignstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StemModelTest extends TaskModelContract<StemModel> {

  static final StemHyperParameters HP = StemHyperParameters.defaults();
  static final List<Sample> TRAIN = SyntheticSamples.diskImages(600, 1, 48, 0.5);
  static final List<Sample> TEST = SyntheticSamples.diskImages(200, 2, 48, 0.5);

  @Override
  StemModel create(long seed) {
    return StemModel.create(HP, seed);
  }

  @Override
  StemModel load(Path dir) {
    return StemModel.load(dir);
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
  Object predictions(StemModel model, List<Sample> samples) {
    return Arrays.stream(model.predictDiameters(samples)).boxed().toList();
  }

  @Test
  void shouldEstimateDiskDiametersBetterThanPredictingTheMean() {
    double trainMean = TRAIN.stream().mapToDouble(s -> label(s)).average().orElseThrow();
    double baselineMae = TEST.stream().mapToDouble(s -> Math.abs(label(s) - trainMean)).average().orElseThrow();
    try (StemModel model = StemModel.create(HP, 7)) {
      List<Double> losses = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int from = 0; from < TRAIN.size(); from += 32) {
        losses.add(model.trainBatch(TRAIN.subList(from, Math.min(TRAIN.size(), from + 32))));
      }
      double samplesPerSecond = TRAIN.size() / ((System.nanoTime() - t0) / 1e9);
      Evaluation e = model.evaluate(TEST);
      int n = losses.size();
      System.out.printf("STEM: batch loss (first 3) %.3f -> (last 3) %.3f; %s; mean-prediction MAE %.3f Å; "
          + "%.0f samples/s%n", mean(losses, 0, 3), mean(losses, n - 3, n), e.metrics(), baselineMae,
          samplesPerSecond);

      assertThat(mean(losses, n - 3, n)).isLessThan(mean(losses, 0, 3) / 4);
      assertThat(e.metric("MAE")).isLessThan(0.6 * baselineMae);
      assertThat(e.crossEntropy()).isNull();
      assertThat(e.metrics()).containsKeys("relativeError", "testLoss");
    }
  }

  @Test
  void shouldMeasureDiametersInTheImagesOwnPixelSize() {
    List<Sample> coarse = SyntheticSamples.diskImages(20, 2, 48, 1.0);
    List<Sample> fine = SyntheticSamples.diskImages(20, 2, 48, 0.5);
    try (StemModel model = StemModel.create(HP, 7)) {
      model.trainBatch(TRAIN.subList(0, 32));
      double[] a = model.predictDiameters(coarse);
      double[] b = model.predictDiameters(fine);
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isCloseTo(2 * b[i], within(1e-9 * Math.abs(a[i])));
      }
    }
  }

  @Test
  void shouldFitTheLabelScaleOnceAndSaveIt() {
    try (StemModel model = StemModel.create(HP, 7)) {
      model.prepare(TRAIN);
      StemModel.LabelScale scale = model.labelScale().orElseThrow();
      double meanPixels = TRAIN.stream().mapToDouble(s -> label(s) / (0.5 * 48 / 32)).average().orElseThrow();
      assertThat(scale.mean()).isCloseTo(meanPixels, within(1e-9));
      model.trainBatch(TEST.subList(0, 32));
      assertThat(model.labelScale()).contains(scale);
      model.save(dir.resolve("stem"));
      try (StemModel loaded = StemModel.load(dir.resolve("stem"))) {
        assertThat(loaded.labelScale()).contains(scale);
      }
    }
  }

  private static double label(Sample s) {
    return ((Image) s.getPayload()).getLabel();
  }
}
