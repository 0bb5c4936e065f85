package io.alignstream.analyzer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuberObjectiveTest {
  private final CrossEntropyLaw law = new CrossEntropyLaw();
  private final double[] params = {1.0, 10.0, 0.5};

  /** A point whose log residual log f − log y is exactly r: y = f·e^(−r). */
  private Observation withResidual(double size, double r) {
    return Observation.of(size, law.predict(params, size, 1) * Math.exp(-r));
  }

  @Test
  void shouldSumHuberLossOverPointsNotAverage() {
    // given residuals 0.5e-3 (quadratic zone) and 2e-3 and −4e-3 (linear zone), δ = 1e-3
    List<Observation> points = List.of(withResidual(100, 0.5e-3), withResidual(1e4, 2e-3), withResidual(1e6, -4e-3));

    double value = HuberObjective.of(law, points, 1e-3).valueAtNatural(params);

    // then ½(0.5e-3)² + 1e-3(2e-3 − 0.5e-3) + 1e-3(4e-3 − 0.5e-3) = 1.25e-7 + 1.5e-6 + 3.5e-6
    assertThat(value).isCloseTo(5.125e-6, within(1e-15));
  }

  @Test
  void shouldDoubleWhenEveryPointIsCountedTwice() {
    List<Observation> points = List.of(withResidual(100, 0.01), withResidual(1e4, -0.02), withResidual(1e6, 5e-4));
    List<Observation> twice = new ArrayList<>(points);
    twice.addAll(points);

    double once = HuberObjective.of(law, points, 1e-3).valueAtNatural(params);
    double doubled = HuberObjective.of(law, twice, 1e-3).valueAtNatural(params);
    double reweighted = HuberObjective.of(law, points, 1e-3).reweighted(new int[] {2, 2, 2}).valueAtNatural(params);

    assertThat(doubled).isCloseTo(2 * once, within(1e-15));
    assertThat(reweighted).isCloseTo(2 * once, within(1e-15));
  }

  @Test
  void shouldMatchNumericGradientsForEveryLaw() {
    assertGradientMatches(new CrossEntropyLaw(),
        SyntheticCurves.plain(new CrossEntropyLaw(), SyntheticCurves.CROSS_ENTROPY_TRUTH, 30, 0.05, 1),
        new double[] {1.5, 25, 0.3});
    assertGradientMatches(new MetricLogLaw(),
        SyntheticCurves.plain(new MetricLogLaw(), SyntheticCurves.METRIC_TRUTH, 30, 0.05, 2),
        new double[] {0.5, 0.25, 1.7});
    assertGradientMatches(new AlignmentAwareLaw(),
        SyntheticCurves.aligned(SyntheticCurves.ALIGNMENT_AWARE_TRUTH, 30, 0.05, 3),
        new double[] {1.3, 0.6, 15, 1.0, 0.45});
  }

  private static void assertGradientMatches(ScalingLaw law, List<Observation> points, double[] natural) {
    // δ large enough that every residual is in the smooth quadratic zone, where the numeric gradient is exact
    HuberObjective objective = HuberObjective.of(law, points, 10);
    double[] free = law.toFree(natural);
    double[] analytic = new double[free.length];
    double[] numeric = new double[free.length];
    objective.valueAndGradient(free, analytic);
    DifferentiableFunction.numeric(x -> objective.valueAndGradient(x, null)).valueAndGradient(free, numeric);
    for (int i = 0; i < free.length; i++) {
      assertThat(analytic[i]).as("%s ∂/∂%s", law.name(), law.parameterNames().get(i))
          .isCloseTo(numeric[i], within(1e-6 * Math.max(1, Math.abs(numeric[i]))));
    }
  }

  @Test
  void shouldRejectPointsThatHaveNoLogarithm() {
    assertThatThrownBy(() -> HuberObjective.of(law, List.of(Observation.of(100, 0)), 1e-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
    assertThatThrownBy(() -> HuberObjective.of(new AlignmentAwareLaw(), List.of(new Observation(100, 0, 2)), 1e-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Alignment");
  }
}
