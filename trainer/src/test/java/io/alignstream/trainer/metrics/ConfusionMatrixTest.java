package io.alignstream.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * TSS and HSS2 (DESIGN §1) on hand-worked matrices; the arithmetic is written out at each case.
 * TSS = TP/(TP+FN) − FP/(FP+TN); HSS2 = 2(TP·TN − FN·FP) / [(TP+FN)(FN+TN) + (TP+FP)(FP+TN)].
 */
class ConfusionMatrixTest {
  private static final double EXACT = 1e-12;

  @Test
  void shouldComputeSkillScoresOfATypicalFlareForecast() {
    // TP=10 FP=5 FN=2 TN=83 (N=100).
    // TSS  = 10/12 − 5/88 = 0.8333333333 − 0.0568181818 = 0.7765151515
    // HSS2 = 2(10·83 − 2·5) / [(12)(85) + (15)(88)] = 1640 / 2340 = 0.7008547009
    ConfusionMatrix m = new ConfusionMatrix(10, 5, 2, 83);

    assertThat(m.tss()).isCloseTo(10.0 / 12 - 5.0 / 88, within(EXACT));
    assertThat(m.tss()).isCloseTo(0.7765151515, within(1e-9));
    assertThat(m.hss2()).isCloseTo(1640.0 / 2340, within(EXACT));
    assertThat(m.precision()).isCloseTo(10.0 / 15, within(EXACT));
    assertThat(m.recall()).isCloseTo(10.0 / 12, within(EXACT));
    assertThat(m.falseAlarmRate()).isCloseTo(5.0 / 88, within(EXACT));
    assertThat(m.accuracy()).isCloseTo(0.93, within(EXACT));
  }

  @Test
  void shouldScoreOneForAPerfectForecast() {
    // TP=5 FP=0 FN=0 TN=5: TSS = 1 − 0 = 1; HSS2 = 2·25 / (5·5 + 5·5) = 1.
    ConfusionMatrix m = new ConfusionMatrix(5, 0, 0, 5);

    assertThat(m.tss()).isEqualTo(1.0);
    assertThat(m.hss2()).isEqualTo(1.0);
    assertThat(m.accuracy()).isEqualTo(1.0);
  }

  @Test
  void shouldScoreMinusOneForAnAlwaysWrongForecast() {
    // TP=0 FP=5 FN=5 TN=0: TSS = 0 − 1 = −1; HSS2 = 2(0 − 25) / (5·5 + 5·5) = −1.
    ConfusionMatrix m = new ConfusionMatrix(0, 5, 5, 0);

    assertThat(m.tss()).isEqualTo(-1.0);
    assertThat(m.hss2()).isEqualTo(-1.0);
  }

  @Test
  void shouldScoreZeroForAForecastWithoutSkill() {
    // Always "flare": TP=10 FP=90 FN=0 TN=0: TSS = 1 − 1 = 0; HSS2 = 2(0 − 0) / (10·0 + 100·90) = 0.
    ConfusionMatrix always = new ConfusionMatrix(10, 90, 0, 0);
    // Coin flip on a balanced set: TP=FP=FN=TN=25: TSS = 0.5 − 0.5 = 0; HSS2 = 2(625 − 625)/… = 0.
    ConfusionMatrix coin = new ConfusionMatrix(25, 25, 25, 25);

    assertThat(always.tss()).isEqualTo(0.0);
    assertThat(always.hss2()).isEqualTo(0.0);
    assertThat(coin.tss()).isEqualTo(0.0);
    assertThat(coin.hss2()).isEqualTo(0.0);
  }

  @Test
  void shouldShowImbalanceInHss2ButNotInTss() {
    // TP=8 FP=20 FN=2 TN=970: TSS = 8/10 − 20/990 = 0.8 − 0.0202020202 = 0.7797979798;
    // HSS2 = 2(8·970 − 2·20) / [(10)(972) + (28)(990)] = 15440 / 37440 = 0.4123931624.
    ConfusionMatrix m = new ConfusionMatrix(8, 20, 2, 970);

    assertThat(m.tss()).isCloseTo(0.7797979798, within(1e-9));
    assertThat(m.hss2()).isCloseTo(0.4123931624, within(1e-9));
  }

  @Test
  void shouldBeNaNWhereTheScoresAreUndefined() {
    // No actual positive: TP+FN = 0, so TSS's first ratio is 0/0.
    ConfusionMatrix noPositives = new ConfusionMatrix(0, 3, 0, 7);
    // Everything a correct "no flare": HSS2 denominator (0)(10) + (0)(10) = 0.
    ConfusionMatrix allQuiet = new ConfusionMatrix(0, 0, 0, 10);
    ConfusionMatrix empty = new ConfusionMatrix(0, 0, 0, 0);

    assertThat(noPositives.tss()).isNaN();
    assertThat(noPositives.recall()).isNaN();
    assertThat(noPositives.hss2()).isEqualTo(0.0); // 2(0 − 0) / [(0)(7) + (3)(10)] = 0
    assertThat(allQuiet.tss()).isNaN();
    assertThat(allQuiet.hss2()).isNaN();
    assertThat(allQuiet.precision()).isNaN();
    assertThat(allQuiet.accuracy()).isEqualTo(1.0);
    assertThat(empty.accuracy()).isNaN();
    assertThat(empty.tss()).isNaN();
    assertThat(empty.hss2()).isNaN();
  }

  @Test
  void shouldCountForecastsAgainstOutcomes() {
    boolean[] predicted = {true, true, false, false, true, false};
    boolean[] actual = {true, false, true, false, true, false};

    assertThat(ConfusionMatrix.of(predicted, actual)).isEqualTo(new ConfusionMatrix(2, 1, 1, 2));
  }

  @Test
  void shouldAddMatricesOfSeveralBatches() {
    ConfusionMatrix sum = new ConfusionMatrix(1, 2, 3, 4).plus(new ConfusionMatrix(10, 20, 30, 40));

    assertThat(sum).isEqualTo(new ConfusionMatrix(11, 22, 33, 44));
    assertThat(sum.total()).isEqualTo(110);
  }

  @Test
  void shouldNotOverflowOnLargeCounts() {
    // HSS2 is scale-free: multiplying every cell of the typical matrix by 1e9 leaves 1640/2340.
    long k = 1_000_000_000L;
    ConfusionMatrix m = new ConfusionMatrix(10 * k, 5 * k, 2 * k, 83 * k);

    assertThat(m.hss2()).isCloseTo(1640.0 / 2340, within(1e-12));
  }

  @Test
  void shouldRejectNegativeCountsAndMismatchedArrays() {
    assertThatThrownBy(() -> new ConfusionMatrix(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConfusionMatrix.of(new boolean[2], new boolean[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
