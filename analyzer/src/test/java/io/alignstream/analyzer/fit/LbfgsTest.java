package io.alignstream.analyzer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LbfgsTest {

  /** f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1), a curved narrow valley. */
  private static double rosenbrock(double[] p, double[] gradient) {
    double x = p[0];
    double y = p[1];
    if (gradient != null) {
      gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      gradient[1] = 200 * (y - x * x);
    }
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
  }

  @Test
  void shouldMinimiseRosenbrockFromTheClassicStart() {
    Lbfgs.Result result = Lbfgs.minimise(LbfgsTest::rosenbrock, new double[] {-1.2, 1}, Lbfgs.Settings.defaults());

    assertThat(result.converged()).isTrue();
    assertThat(result.point()[0]).isCloseTo(1, within(1e-6));
    assertThat(result.point()[1]).isCloseTo(1, within(1e-6));
    assertThat(result.value()).isLessThan(1e-12);
    assertThat(result.iterations()).isLessThan(100);
  }

  @Test
  void shouldMinimiseRosenbrockWithNumericGradients() {
    DifferentiableFunction numeric = DifferentiableFunction.numeric(p -> rosenbrock(p, null));

    Lbfgs.Result result = Lbfgs.minimise(numeric, new double[] {-1.2, 1}, Lbfgs.Settings.defaults());

    assertThat(result.point()[0]).isCloseTo(1, within(1e-4));
    assertThat(result.point()[1]).isCloseTo(1, within(1e-4));
  }

  @Test
  void shouldMinimiseAHigherDimensionalRosenbrock() {
    double[] start = new double[10];
    for (int i = 0; i < start.length; i++) {
      start[i] = i % 2 == 0 ? -1.2 : 1;
    }
    DifferentiableFunction chained = (p, g) -> {
      Arrays.fill(g, 0);
      double sum = 0;
      for (int i = 0; i + 1 < p.length; i++) {
        double a = p[i + 1] - p[i] * p[i];
        sum += 100 * a * a + (1 - p[i]) * (1 - p[i]);
        g[i] += -400 * p[i] * a - 2 * (1 - p[i]);
        g[i + 1] += 200 * a;
      }
      return sum;
    };

    Lbfgs.Result result = Lbfgs.minimise(chained, start, Lbfgs.Settings.defaults());

    for (double v : result.point()) {
      assertThat(v).isCloseTo(1, within(1e-5));
    }
  }

  @Test
  void shouldStepBackWhenTheObjectiveIsUndefinedBeyondTheStep() {
    // f(x) = x − log x on x > 0 (minimum at 1); the first full step from 20 lands at x < 0.
    DifferentiableFunction f = (p, g) -> {
      g[0] = 1 - 1 / p[0];
      return p[0] > 0 ? p[0] - Math.log(p[0]) : Double.NaN;
    };

    Lbfgs.Result result = Lbfgs.minimise(f, new double[] {20}, Lbfgs.Settings.defaults());

    assertThat(result.point()[0]).isCloseTo(1, within(1e-6));
  }

  @Test
  void shouldReportAnUndefinedStartInsteadOfMoving() {
    Lbfgs.Result result = Lbfgs.minimise((p, g) -> Double.NaN, new double[] {3}, Lbfgs.Settings.defaults());

    assertThat(result.termination()).isEqualTo(Lbfgs.Termination.UNDEFINED_START);
    assertThat(result.converged()).isFalse();
    assertThat(result.point()).containsExactly(3);
  }
}
