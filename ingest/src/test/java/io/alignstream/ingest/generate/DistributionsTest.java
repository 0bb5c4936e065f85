package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DistributionsTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 3, 9.9, 10, 57, 5000})
  void shouldDrawPoissonCountsWithMeanAndVarianceLambda(double lambda) {
    SplittableRandom rng = new SplittableRandom(42);
    int n = 200_000;
    double sum = 0;
    double sum2 = 0;
    for (int i = 0; i < n; i++) {
      long k = Distributions.poisson(rng, lambda);
      assertThat(k).isNotNegative();
      sum += k;
      sum2 += (double) k * k;
    }
    double mean = sum / n;
    double var = sum2 / n - mean * mean;
    assertThat(mean).isCloseTo(lambda, offset(5 * Math.sqrt(lambda / n)));
    assertThat(var / lambda).isCloseTo(1.0, offset(0.02));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 1, 4.5})
  void shouldDrawGammaWithMeanEqualToShape(double shape) {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 200_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Distributions.gamma(rng, shape);
    }
    assertThat(sum / n).isCloseTo(shape, offset(5 * Math.sqrt(shape / n)));
  }

  @Test
  void shouldKeepZeroDirichletComponentsAtZero() {
    double[] theta = Distributions.dirichlet(new SplittableRandom(1), new double[] {0, 2, 0, 1});
    assertThat(theta[0]).isZero();
    assertThat(theta[2]).isZero();
    assertThat(theta[1] + theta[3]).isCloseTo(1.0, offset(1e-12));
  }

  @Test
  void shouldStillReturnAPointOnTheSimplexWhenEveryGammaUnderflows() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      double[] theta = Distributions.dirichlet(rng, new double[] {1e-5, 0, 2e-5});
      assertThat(theta[0] + theta[1] + theta[2]).isCloseTo(1.0, offset(1e-12));
      assertThat(theta[1]).isZero();
    }
  }

  @Test
  void shouldComputeLogGammaOfKnownValues() {
    assertThat(Distributions.logGamma(1)).isCloseTo(0, offset(1e-12));
    assertThat(Distributions.logGamma(5)).isCloseTo(Math.log(24), offset(1e-12));
    assertThat(Distributions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), offset(1e-12));
    assertThat(Distributions.logGamma(101)).isCloseTo(363.73937555556347, offset(1e-9));
  }
}
