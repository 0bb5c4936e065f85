package io.alignstream.analyzer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationTableTest {

  @Test
  void shouldComputePearsonRLikeTheHandWorkedExample() {
    // x̄ = 3, ȳ = 4; Sxy = 6, Sxx = 10, Syy = 6 → r = 6/√60 = 0.774597, r² = 0.6
    double r = CorrelationTable.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});

    assertThat(r).isCloseTo(6 / Math.sqrt(60), within(1e-12));
    assertThat(r * r).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void shouldReportOneRowPerMethodWithBootstrapIntervals() {
    // given the hand-worked pairs for "gzip" and a perfectly anti-correlated "task2vec"
    List<AlignmentLossPoint> points = new ArrayList<>();
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 4, 5, 4, 5};
    for (int i = 0; i < 5; i++) {
      points.add(new AlignmentLossPoint("gzip", "d" + i, x[i], y[i]));
      points.add(new AlignmentLossPoint("task2vec", "d" + i, x[i] / 10, 3 - x[i] / 5));
    }

    List<CorrelationRow> rows = CorrelationTable.compute(points, 400, 7, 0.95);

    assertThat(rows).extracting(CorrelationRow::method).containsExactly("gzip", "task2vec");
    CorrelationRow gzip = rows.get(0);
    assertThat(gzip.datasets()).isEqualTo(5);
    assertThat(gzip.r()).isCloseTo(0.774597, within(1e-6));
    assertThat(gzip.rSquared()).isCloseTo(0.6, within(1e-12));
    assertThat(gzip.rLow()).isLessThan(gzip.r());
    assertThat(gzip.rHigh()).isGreaterThanOrEqualTo(gzip.r());
    assertThat(gzip.rSquaredLow()).isBetween(0.0, gzip.rSquared());
    CorrelationRow task2vec = rows.get(1);
    assertThat(task2vec.r()).isCloseTo(-1, within(1e-12));
    assertThat(task2vec.rLow()).isCloseTo(-1, within(1e-12));
    assertThat(task2vec.rSquaredHigh()).isCloseTo(1, within(1e-12));
  }

  @Test
  void shouldGiveIntervalsThatHoldTheTrueCorrelationAndRepeatForTheSameSeed() {
    // given 40 datasets with loss = 3 − 2·alignment + noise (population r ≈ −0.9)
    Random random = new Random(4);
    List<AlignmentLossPoint> points = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double a = random.nextDouble();
      points.add(new AlignmentLossPoint("dsir", "d" + i, a, 3 - 2 * a + 0.28 * random.nextGaussian()));
    }

    CorrelationRow row = CorrelationTable.compute(points, 1000, 11, 0.95).get(0);
    CorrelationRow again = CorrelationTable.compute(points, 1000, 11, 0.95).get(0);

    assertThat(row.rLow()).isLessThan(-0.9 + 0.05);
    assertThat(row.rHigh()).isGreaterThan(-0.9 - 0.05);
    assertThat(row.rHigh()).isLessThan(-0.7);
    assertThat(again).isEqualTo(row);
  }
}
