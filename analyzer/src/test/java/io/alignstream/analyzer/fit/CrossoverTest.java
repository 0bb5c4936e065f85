package io.alignstream.analyzer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossoverTest {
  // E0 = 1, κ = 2, B = 10, γ = 1, α = 0.5; aligned set A_hi = 1, D_s = 100: T = 1 + 0 + 10·100^−½ = 2
  private final AlignmentAwareLaw.Parameters law = new AlignmentAwareLaw.Parameters(1, 2, 10, 1, 0.5);

  @Test
  void shouldComputeTheCrossoverInClosedForm() {
    // A_lo = 0.6: floor 1 + 2·0.4 = 1.8; (10 / (2 − 1.8))² = 2500 = D_l·0.6 → D_l = 4166.67, rate 41.67
    Crossover crossover = Crossover.of(law, 1.0, 100, 0.6);

    assertThat(crossover.never()).isFalse();
    assertThat(crossover.targetLoss()).isCloseTo(2.0, within(1e-12));
    assertThat(crossover.misalignedFloor()).isCloseTo(1.8, within(1e-12));
    assertThat(crossover.misalignedSize()).isCloseTo(2500 / 0.6, within(1e-6));
    assertThat(crossover.exchangeRate()).isCloseTo(25 / 0.6, within(1e-8));
    assertThat(law.loss(crossover.misalignedSize(), 0.6)).isCloseTo(crossover.targetLoss(), within(1e-12));
  }

  @Test
  void shouldReduceToTheEffectiveDataRatioWithoutAFloorPenalty() {
    // κ = 0: D_l·A_lo^γ = D_s·A_hi^γ, so the rate is (A_hi/A_lo)^γ = (0.9/0.45)^1.5 = 2^1.5
    AlignmentAwareLaw.Parameters noFloor = new AlignmentAwareLaw.Parameters(1, 0, 10, 1.5, 0.3);

    Crossover crossover = Crossover.of(noFloor, 0.9, 1000, 0.45);

    assertThat(crossover.exchangeRate()).isCloseTo(Math.pow(2, 1.5), within(1e-9));
  }

  @Test
  void shouldSayNeverWhenTheMisalignedFloorReachesTheAlignedLoss() {
    // A_lo = 0.5: floor 1 + 2·0.5 = 2 = T exactly (only D = ∞ would do); A_lo = 0.4: floor 2.2 > 2
    Crossover atFloor = Crossover.of(law, 1.0, 100, 0.5);
    Crossover aboveFloor = Crossover.of(law, 1.0, 100, 0.4);

    assertThat(atFloor.never()).isTrue();
    assertThat(atFloor.misalignedFloor()).isEqualTo(2.0);
    assertThat(atFloor.exchangeRate()).isInfinite();
    assertThat(aboveFloor.never()).isTrue();
    assertThat(aboveFloor.misalignedFloor()).isCloseTo(2.2, within(1e-12));
    assertThat(aboveFloor.misalignedSize()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void shouldComputeTheCrossoverWithALowerAlignedAlignment() {
    // E0 = 1, κ = 1, B = 10, γ = 1, α = 0.5; A_hi = 1, D_s = 100 → T = 2; A_lo = 0.5: floor 1.5,
    // (10/0.5)² = 400 = D_l·0.5 → D_l = 800, rate 8
    Crossover crossover = Crossover.of(new AlignmentAwareLaw.Parameters(1, 1, 10, 1, 0.5), 1.0, 100, 0.5);

    assertThat(crossover.misalignedSize()).isCloseTo(800, within(1e-9));
    assertThat(crossover.exchangeRate()).isCloseTo(8, within(1e-12));
  }

  @Test
  void shouldRejectAlignmentsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> Crossover.of(law, 1.0, 100, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Crossover.of(law, 1.2, 100, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFindWhereTwoPlainCurvesCrossNumerically() {
    // 1 + 10·D^−½ = 0.8 + 1000·D^−1: with s = D^−½, 1000s² − 10s − 0.2 = 0 → s = 0.02, D = 2500, L = 1.2
    CrossEntropyLaw.Parameters first = new CrossEntropyLaw.Parameters(1, 10, 0.5);
    CrossEntropyLaw.Parameters second = new CrossEntropyLaw.Parameters(0.8, 1000, 1);

    CurveCrossing crossing = CurveCrossing.between(first, second, 10, 1e6);

    assertThat(crossing.never()).isFalse();
    assertThat(crossing.size()).isCloseTo(2500, within(1e-6));
    assertThat(crossing.loss()).isCloseTo(1.2, within(1e-12));
    assertThat(crossing.sizes()).hasSize(1);
    assertThat(crossing.firstLowerAtLow()).isTrue();
  }

  @Test
  void shouldSayNeverWhenTheCurvesDoNotCrossInTheStatedRange() {
    CrossEntropyLaw.Parameters first = new CrossEntropyLaw.Parameters(1, 10, 0.5);
    CrossEntropyLaw.Parameters second = new CrossEntropyLaw.Parameters(0.8, 1000, 1);

    CurveCrossing crossing = CurveCrossing.between(first, second, 10, 1000);

    assertThat(crossing.never()).isTrue();
    assertThat(crossing.sizes()).isEmpty();
    assertThat(crossing.size()).isNaN();
  }

  @Test
  void shouldFindBothCrossingsOfCurvesThatCrossTwice() {
    // 1 + 10s = 1.016 + 1000s²: s = 0.002 or 0.008 → D = 250000 and 15625
    CurveCrossing crossing = CurveCrossing.between(new CrossEntropyLaw.Parameters(1, 10, 0.5),
        new CrossEntropyLaw.Parameters(1.016, 1000, 1), 10, 1e7);

    assertThat(crossing.sizes()).hasSize(2);
    assertThat(crossing.sizes().get(0)).isCloseTo(15625, within(1e-5));
    assertThat(crossing.sizes().get(1)).isCloseTo(250000, within(1e-4));
    assertThat(crossing.size()).isEqualTo(crossing.sizes().get(0));
  }
}
