package io.alignstream.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** MAE and mean relative error on hand-worked diameters (nm); the arithmetic is at each case. */
class RegressionMetricsTest {

  @Test
  void shouldAverageAbsoluteErrors() {
    // |4.5 − 5| + |10.5 − 10| + |18 − 20| = 0.5 + 0.5 + 2 = 3, over 3 = 1.0
    double mae = RegressionMetrics.meanAbsoluteError(new double[] {4.5, 10.5, 18}, new double[] {5, 10, 20});

    assertThat(mae).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void shouldAverageRelativeErrors() {
    // 0.5/5 + 0.5/10 + 2/20 = 0.1 + 0.05 + 0.1 = 0.25, over 3 = 0.0833333333
    double mre = RegressionMetrics.meanRelativeError(new double[] {4.5, 10.5, 18}, new double[] {5, 10, 20});

    assertThat(mre).isCloseTo(0.25 / 3, within(1e-12));
  }

  @Test
  void shouldBeZeroForExactEstimates() {
    double[] d = {3, 7.25, 40};

    assertThat(RegressionMetrics.meanAbsoluteError(d, d)).isZero();
    assertThat(RegressionMetrics.meanRelativeError(d, d)).isZero();
  }

  @Test
  void shouldBeNaNOnEmptyInputOrAZeroTruth() {
    assertThat(RegressionMetrics.meanAbsoluteError(new double[0], new double[0])).isNaN();
    assertThat(RegressionMetrics.meanRelativeError(new double[0], new double[0])).isNaN();
    assertThat(RegressionMetrics.meanRelativeError(new double[] {1, 2}, new double[] {1, 0})).isNaN();
  }

  @Test
  void shouldRejectArraysOfDifferentLengths() {
    assertThatThrownBy(() -> RegressionMetrics.meanAbsoluteError(new double[1], new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("predicted has 1 values, actual 2");
  }
}
