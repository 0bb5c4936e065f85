package io.alignstream.analyzer.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class NonMonotonicityDetectorTest {
  private final NonMonotonicityDetector detector = new NonMonotonicityDetector();

  /** 30 sizes over [1e3, 1e7]; cross-entropy 2 + 10·D^−0.3 keeps improving throughout. */
  private static List<MetricPoint> curve(DoubleUnaryOperator metricOfLog10Size, double noise,
      boolean crossEntropyImproves, long seed) {
    Random random = new Random(seed);
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double log10 = 3 + 4.0 * i / 29;
      double size = Math.pow(10, log10);
      double ce = crossEntropyImproves ? 2 + 10 * Math.pow(size, -0.3) : 2 + 0.1 * log10;
      points.add(new MetricPoint(size, metricOfLog10Size.applyAsDouble(log10) + noise * random.nextGaussian(),
          ce * (1 + 0.005 * random.nextGaussian())));
    }
    return points;
  }

  @Test
  void shouldReportAMetricThatFallsWhileCrossEntropyImprovesWithItsPeak() {
    // given BLEU = 30 − 4(log₁₀D − 5)², peaking at D = 1e5 and ending at 14, with noise σ = 0.5
    List<MetricPoint> points = curve(x -> 30 - 4 * (x - 5) * (x - 5), 0.5, true, 1);

    NonMonotonicity verdict = detector.detect(points);

    assertThat(verdict.detected()).isTrue();
    assertThat(verdict.metricFalls()).isTrue();
    assertThat(verdict.crossEntropyImproves()).isTrue();
    assertThat(verdict.peakSize()).isBetween(1e5 / 1.5, 1e5 * 1.5);
    assertThat(verdict.peakMetric()).isBetween(28.0, 31.0);
    assertThat(verdict.endMetric()).isBetween(12.0, 16.0);
    assertThat(verdict.drop()).isGreaterThan(verdict.threshold());
    assertThat(verdict.noise()).isBetween(0.3, 0.8);
  }

  @Test
  void shouldNotFlagNoisyMonotonicCurves() {
    // a metric law (log(e^−1·D^0.3))^1.5·10 and a saturating one, each with 2% noise, over 50 seeds
    for (long seed = 0; seed < 50; seed++) {
      List<MetricPoint> rising = curve(x -> 10 * Math.pow(Math.log(Math.exp(-1) * Math.pow(10, 0.3 * x)), 1.5), 0.8,
          true, seed);
      List<MetricPoint> saturating = curve(x -> 30 * (1 - Math.exp(-(x - 2))), 0.6, true, 1000 + seed);

      assertThat(detector.detect(rising).metricFalls()).as("rising, seed %d", seed).isFalse();
      assertThat(detector.detect(saturating).metricFalls()).as("saturating, seed %d", seed).isFalse();
    }
  }

  @Test
  void shouldNotReportAFallWhenCrossEntropyGetsWorseToo() {
    List<MetricPoint> points = curve(x -> 30 - 4 * (x - 5) * (x - 5), 0.5, false, 2);

    NonMonotonicity verdict = detector.detect(points);

    assertThat(verdict.metricFalls()).isTrue();
    assertThat(verdict.crossEntropyImproves()).isFalse();
    assertThat(verdict.detected()).isFalse();
  }

  @Test
  void shouldTreatALowerIsBetterMetricByItsBestValue() {
    // an error that bottoms out at D = 1e4 and then grows again
    List<MetricPoint> points = curve(x -> 2 + (x - 4) * (x - 4), 0.1, true, 3);

    NonMonotonicity verdict = new NonMonotonicityDetector(NonMonotonicityDetector.Settings.defaults()
        .withHigherIsBetter(false)).detect(points);

    assertThat(verdict.detected()).isTrue();
    assertThat(verdict.peakSize()).isBetween(1e4 / 1.5, 1e4 * 1.5);
    assertThat(verdict.peakMetric()).isBetween(1.8, 2.3);
    assertThat(verdict.endMetric()).isGreaterThan(verdict.peakMetric());
  }

  @Test
  void shouldDeclineToJudgeTooFewSizes() {
    List<MetricPoint> points = List.of(new MetricPoint(1e3, 10, 3), new MetricPoint(1e4, 20, 2.5),
        new MetricPoint(1e5, 5, 2.2));

    NonMonotonicity verdict = detector.detect(points);

    assertThat(verdict.detected()).isFalse();
    assertThat(verdict.peakSize()).isNaN();
  }
}
