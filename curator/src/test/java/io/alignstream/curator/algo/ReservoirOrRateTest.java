package io.alignstream.curator.algo;

import static io.alignstream.curator.algo.ReservoirOrRate.Decision.KEEP;
import static io.alignstream.curator.algo.ReservoirOrRate.Decision.SKIP_FULL;
import static io.alignstream.curator.algo.ReservoirOrRate.Decision.SKIP_NOT_DRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservoirOrRateTest {

  private static final int N = 100_000;

  @Test
  void shouldKeepIdsAtTheConfiguredRate() {
    for (double p : new double[] {0.01, 0.1, 0.5}) {
      ReservoirOrRate control = ReservoirOrRate.atRate(p, 17);
      long kept = 0;
      for (int i = 0; i < N; i++) {
        kept += control.offer("sample-" + i) == KEEP ? 1 : 0;
      }
      assertThat((double) kept / N).as("rate %s", p).isCloseTo(p, within(Stats.binomialTolerance(p, N)));
      assertThat(control.kept()).isEqualTo(kept);
      assertThat(control.isFull()).isFalse();
    }
  }

  @Test
  void shouldDecideTheSameOnReplayAndNestAcrossRates() {
    int agreeAcrossSeeds = 0;
    for (int i = 0; i < N; i++) {
      String id = "sample-" + i;
      boolean at10 = ReservoirOrRate.bernoulli(id, 0.1, 3);
      assertThat(ReservoirOrRate.bernoulli(id, 0.1, 3)).isEqualTo(at10);
      if (at10) {
        assertThat(ReservoirOrRate.bernoulli(id, 0.3, 3)).as("kept at 0.1 implies kept at 0.3").isTrue();
      }
      agreeAcrossSeeds += ReservoirOrRate.bernoulli(id, 0.5, 3) == ReservoirOrRate.bernoulli(id, 0.5, 4) ? 1 : 0;
    }
    // independent seeds agree half the time at rate 0.5
    assertThat((double) agreeAcrossSeeds / N).isCloseTo(0.5, within(Stats.binomialTolerance(0.5, N)));
  }

  @Test
  void shouldNotCorrelateWithGumbelKeysDrawnFromTheSameSeed() {
    // a control and a Gumbel top-k sharing a user seed must still be independent draws
    int both = 0;
    int controlKept = 0;
    for (int i = 0; i < N; i++) {
      String id = "sample-" + i;
      boolean kept = ReservoirOrRate.bernoulli(id, 0.5, 9);
      boolean highKey = GumbelTopK.gumbelKey(id, 0.0, 9) > -Math.log(Math.log(2)); // Gumbel median
      controlKept += kept ? 1 : 0;
      both += kept && highKey ? 1 : 0;
    }
    assertThat((double) both / controlKept).isCloseTo(0.5, within(Stats.binomialTolerance(0.5, controlKept)));
  }

  @Test
  void shouldStopKeepingOnceTheTargetSizeIsReached() {
    ReservoirOrRate firstN = ReservoirOrRate.sizeMatched(100, 1.0, 1);
    List<ReservoirOrRate.Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      decisions.add(firstN.offer("s" + i));
    }
    assertThat(decisions.subList(0, 100)).containsOnly(KEEP);
    assertThat(decisions.subList(100, 150)).containsOnly(SKIP_FULL);
    assertThat(firstN.isFull()).isTrue();
    assertThat(firstN.kept()).isEqualTo(100);

    firstN.raiseTarget(120);
    assertThat(firstN.offer("s150")).isEqualTo(KEEP);
    assertThat(firstN.kept()).isEqualTo(101);
    assertThatThrownBy(() -> firstN.raiseTarget(50)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepExactlyTheDrawnIdsUntilTheThinnedControlIsFull() {
    ReservoirOrRate thinned = ReservoirOrRate.sizeMatched(50, 0.2, 8);
    int i = 0;
    while (!thinned.isFull()) {
      String id = "s" + i++;
      ReservoirOrRate.Decision d = thinned.offer(id);
      assertThat(d).isEqualTo(ReservoirOrRate.bernoulli(id, 0.2, 8) ? KEEP : SKIP_NOT_DRAWN);
    }
    assertThat(thinned.kept()).isEqualTo(50);
    assertThat(i).as("about target / rate arrivals").isBetween(100, 600);
    assertThat(thinned.offer("anything")).isEqualTo(SKIP_FULL);
  }

  @Test
  void shouldHonourRateEdges() {
    assertThat(ReservoirOrRate.atRate(0.0, 1).offer("x")).isEqualTo(SKIP_NOT_DRAWN);
    assertThat(ReservoirOrRate.atRate(1.0, 1).offer("x")).isEqualTo(KEEP);
    assertThat(ReservoirOrRate.sizeMatched(0, 1.0, 1).offer("x")).isEqualTo(SKIP_FULL);
    assertThat(ReservoirOrRate.bernoulli("", 1.0, 1)).isTrue();
    assertThatThrownBy(() -> ReservoirOrRate.atRate(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReservoirOrRate.sizeMatched(-1, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripThroughBytes() {
    ReservoirOrRate control = ReservoirOrRate.sizeMatched(1000, 0.25, 77);
    for (int i = 0; i < 400; i++) {
      control.offer("s" + i);
    }

    byte[] bytes = control.toBytes();
    ReservoirOrRate copy = ReservoirOrRate.fromBytes(bytes);

    assertThat(bytes).hasSize(2 + 32);
    assertThat(bytes[0]).isEqualTo((byte) 'R');
    assertThat(copy.kept()).isEqualTo(control.kept());
    assertThat(copy.target()).isEqualTo(1000);
    assertThat(copy.rate()).isEqualTo(0.25);
    assertThat(copy.seed()).isEqualTo(77);
    assertThat(copy.toBytes()).isEqualTo(bytes);
    assertThat(copy.offer("next")).isEqualTo(control.offer("next"));
    assertThatThrownBy(() -> ReservoirOrRate.fromBytes(java.util.Arrays.copyOf(bytes, 20)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
