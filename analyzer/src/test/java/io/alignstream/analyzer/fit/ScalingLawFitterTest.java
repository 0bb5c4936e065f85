package io.alignstream.analyzer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScalingLawFitterTest {
  private final ScalingLawFitter fitter = new ScalingLawFitter();

  // The fixed-seed recovery tests below are single draws of a 95% interval; the intervals' calibration
  // itself (about 95 of 100 seeded datasets covered, per parameter and law) is what
  // shouldCoverTheTrueParametersInMostSeededRepetitions checks for the plain law.

  @Test
  void shouldRecoverKnownParametersWithinTheirConfidenceIntervals() {
    // given 200 points of L = 1.8 + 30·D^−0.35 with 1% log-normal noise
    double[] truth = SyntheticCurves.CROSS_ENTROPY_TRUTH;
    List<Observation> points = SyntheticCurves.plain(new CrossEntropyLaw(), truth, 200, 0.01, 11);

    FitResult fit = fitter.fit(new CrossEntropyLaw(), points, FitOptions.live(7));

    assertRecovered(fit, truth, 0.15);
    assertThat(fit.goodness().rmseLog()).isCloseTo(0.01, within(0.003));
    assertThat(fit.goodness().rSquared()).isGreaterThan(0.99);
    assertThat(fit.resamples()).isEqualTo(200);
    assertThat(fit.failedResamples()).isZero();
  }

  @Test
  void shouldRecoverKnownMetricLawParametersWithinTheirConfidenceIntervals() {
    // given f = (log(e^−1·D^0.3))^1.5 with 2% noise, fitted with the metric δ = 0.1
    double[] truth = SyntheticCurves.METRIC_TRUTH;
    List<Observation> points = SyntheticCurves.plain(new MetricLogLaw(), truth, 200, 0.02, 12);

    FitResult fit = fitter.fit(new MetricLogLaw(), points, FitOptions.live(7));

    assertThat(fit.goodness().huberDelta()).isEqualTo(0.1);
    assertRecovered(fit, truth, 0.3);
  }

  @Test
  void shouldRecoverKnownAlignmentAwareParametersWithinTheirConfidenceIntervals() {
    // given 40 sizes × 5 alignments of L = 1.5 + 0.8(1−A) + 20·(D·A^1.2)^−0.4 with 1% noise
    double[] truth = SyntheticCurves.ALIGNMENT_AWARE_TRUTH;
    List<Observation> points = SyntheticCurves.aligned(truth, 200, 0.01, 14);

    FitResult fit = fitter.fit(new AlignmentAwareLaw(), points, FitOptions.live(7));

    assertRecovered(fit, truth, 0.25);
  }

  @Test
  void shouldCoverTheTrueParametersInMostSeededRepetitions() {
    // 95% intervals should hold the truth in about 19 of 20 independent datasets: intervals that are
    // too narrow (e.g. resample fits stuck at their warm start) would fail this
    double[] truth = SyntheticCurves.CROSS_ENTROPY_TRUTH;
    int[] covered = new int[3];
    for (int seed = 0; seed < 20; seed++) {
      List<Observation> points = SyntheticCurves.plain(new CrossEntropyLaw(), truth, 100, 0.01, 100 + seed);
      FitResult fit = fitter.fit(new CrossEntropyLaw(), points, FitOptions.live(seed));
      for (int j = 0; j < 3; j++) {
        covered[j] += fit.parameters().get(j).intervalContains(truth[j]) ? 1 : 0;
      }
    }
    for (int j = 0; j < 3; j++) {
      assertThat(covered[j]).as("intervals holding %s", new CrossEntropyLaw().parameterNames().get(j))
          .isGreaterThanOrEqualTo(16);
    }
  }

  @Test
  void shouldWarmStartResampleFitsToTheSameOptimumAsAFullGridFit() {
    List<Observation> points = SyntheticCurves.aligned(SyntheticCurves.ALIGNMENT_AWARE_TRUTH, 100, 0.01, 21);
    AlignmentAwareLaw law = new AlignmentAwareLaw();
    HuberObjective objective = HuberObjective.of(law, points, 1e-3);
    double[] optimum = law.toFree(fitter.fitParameters(law, points, 1e-3));
    SplittableRandom random = new SplittableRandom(5);
    for (int r = 0; r < 5; r++) {
      int[] counts = new int[points.size()];
      List<Observation> resample = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        int j = random.nextInt(points.size());
        counts[j]++;
        resample.add(points.get(j));
      }
      double warm = Lbfgs.minimise(objective.reweighted(counts), optimum, Lbfgs.Settings.defaults()).value();
      double cold = HuberObjective.of(law, resample, 1e-3).valueAtNatural(fitter.fitParameters(law, resample, 1e-3));
      assertThat(warm).isCloseTo(cold, within(1e-6 * cold));
    }
  }

  @Test
  void shouldGiveTheSameResultForTheSameSeedAndDifferentIntervalsForAnother() {
    List<Observation> points = SyntheticCurves.plain(new CrossEntropyLaw(), SyntheticCurves.CROSS_ENTROPY_TRUTH, 80,
        0.01, 3);

    FitResult first = fitter.fit(new CrossEntropyLaw(), points, FitOptions.live(99));
    FitResult again = fitter.fit(new CrossEntropyLaw(), points, FitOptions.live(99));
    FitResult other = fitter.fit(new CrossEntropyLaw(), points, FitOptions.live(100));

    assertThat(again.parameters()).isEqualTo(first.parameters());
    assertThat(other.values()).containsExactly(first.values());
    assertThat(other.parameters()).isNotEqualTo(first.parameters());
  }

  @Test
  void shouldPredictHeldOutLargerSizesFromTheSmallestPoints() {
    List<Observation> points = SyntheticCurves.plain(new CrossEntropyLaw(), SyntheticCurves.CROSS_ENTROPY_TRUTH, 100,
        0.005, 4);

    FitResult fit = fitter.fit(new CrossEntropyLaw(), points, FitOptions.live(1).withHeldOutTrainPoints(70));

    HeldOutError heldOut = fit.heldOut().orElseThrow();
    assertThat(heldOut.trainPoints()).isEqualTo(70);
    assertThat(heldOut.heldOutPoints()).isEqualTo(30);
    assertThat(heldOut.largestTrainSize()).isEqualTo(points.get(69).size());
    assertThat(heldOut.meanRelativeError()).isLessThan(0.01);
    assertThat(heldOut.meanAbsoluteError()).isLessThan(0.01 * 2.5);
    assertThat(heldOut.maxRelativeError()).isGreaterThanOrEqualTo(heldOut.meanRelativeError());
  }

  @Test
  void shouldPreferTheAlignmentAwareLawOnHeldOutErrorWhenAlignmentMatters() {
    List<Observation> points = SyntheticCurves.aligned(SyntheticCurves.ALIGNMENT_AWARE_TRUTH, 150, 0.01, 8);

    ModelComparison comparison = ModelComparison.byHeldOutError(fitter, points, 100,
        List.of(new CrossEntropyLaw(), new AlignmentAwareLaw()));

    assertThat(comparison.best()).isEqualTo(AlignmentAwareLaw.NAME);
    assertThat(comparison.entries().get(1).heldOut().meanRelativeError())
        .isLessThan(comparison.entries().get(0).heldOut().meanRelativeError() / 3);
  }

  @Test
  void shouldReportDerivedQuantitiesWithIntervals() {
    double[] truth = SyntheticCurves.ALIGNMENT_AWARE_TRUTH;
    List<Observation> points = SyntheticCurves.aligned(truth, 200, 0.01, 14);
    DerivedQuantity rate = Crossover.exchangeRate(1.0, 1e4, 0.7);

    FitResult fit = fitter.fit(new AlignmentAwareLaw(), points, FitOptions.live(7).withDerived(rate));

    ParameterEstimate estimate = fit.derivedQuantity(rate.name());
    assertThat(estimate.value()).isEqualTo(rate.evaluate(fit.values()));
    assertThat(estimate.ciLow()).isLessThan(estimate.value());
    assertThat(estimate.ciHigh()).isGreaterThan(estimate.value());
    assertThat(estimate.intervalContains(rate.evaluate(truth))).isTrue();
  }

  @Test
  void shouldRefuseTooFewPointsForTheParameters() {
    List<Observation> three = SyntheticCurves.plain(new CrossEntropyLaw(), SyntheticCurves.CROSS_ENTROPY_TRUTH, 3, 0,
        1);

    assertThatThrownBy(() -> fitter.fit(new CrossEntropyLaw(), three, FitOptions.live(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more points");
  }

  /** Every interval holds the truth, and none is so wide that holding it means little. */
  private static void assertRecovered(FitResult fit, double[] truth, double maxRelativeWidth) {
    for (int j = 0; j < truth.length; j++) {
      ParameterEstimate p = fit.parameters().get(j);
      assertThat(p.intervalContains(truth[j])).as("%s = %s in [%s, %s]", p.name(), truth[j], p.ciLow(), p.ciHigh())
          .isTrue();
      assertThat(p.ciLow()).as(p.name()).isLessThanOrEqualTo(p.value());
      assertThat(p.ciHigh()).as(p.name()).isGreaterThanOrEqualTo(p.value());
      assertThat((p.ciHigh() - p.ciLow()) / truth[j]).as("relative width of %s", p.name())
          .isLessThan(maxRelativeWidth);
    }
  }
}
