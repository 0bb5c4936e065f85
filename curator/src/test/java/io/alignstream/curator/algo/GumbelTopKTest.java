package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GumbelTopKTest {

  private static final int TRIALS = 20_000;

  @Test
  void shouldIncludeItemsWithTheProbabilitiesOfSamplingWithoutReplacement() {
    // given: 6 items, k = 3, sampling ∝ exp(score / T)
    double[] scores = {0.0, 0.5, 1.0, 1.5, 2.0, 3.0};
    double temperature = 1.0;
    int k = 3;
    double[] weights = softmaxWeights(scores, temperature);
    double[] subsetProbability = exactSubsetProbabilities(weights, k);

    // when: independent trials (one seed each), items arriving in a random order per trial
    long[] subsetCounts = new long[1 << scores.length];
    long[] inclusionCounts = new long[scores.length];
    for (int trial = 0; trial < TRIALS; trial++) {
      int mask = sampleOnce(scores, temperature, k, trial);
      subsetCounts[mask]++;
      for (int i = 0; i < scores.length; i++) {
        inclusionCounts[i] += (mask >> i) & 1;
      }
    }

    // then: the joint law of the chosen subset matches (chi-square over the C(6,3) = 20 subsets)
    List<Long> observed = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    for (int mask = 0; mask < subsetCounts.length; mask++) {
      if (Integer.bitCount(mask) == k) {
        observed.add(subsetCounts[mask]);
        expected.add(subsetProbability[mask]);
        assertThat(TRIALS * subsetProbability[mask]).as("expected count, chi-square validity").isGreaterThan(5);
      } else {
        assertThat(subsetCounts[mask]).as("always exactly k members").isZero();
      }
    }
    double chi2 = Stats.chiSquare(
        observed.stream().mapToLong(Long::longValue).toArray(),
        expected.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(chi2).isLessThan(Stats.chiSquareCritical001(observed.size() - 1));

    // and each item's inclusion frequency matches its inclusion probability
    for (int i = 0; i < scores.length; i++) {
      double p = 0;
      for (int mask = 0; mask < subsetProbability.length; mask++) {
        p += ((mask >> i) & 1) * subsetProbability[mask];
      }
      assertThat((double) inclusionCounts[i] / TRIALS)
          .as("inclusion of item %d", i)
          .isCloseTo(p, within(Stats.binomialTolerance(p, TRIALS)));
    }
  }

  @Test
  void shouldPickWithSoftmaxProbabilitiesWhenKIsOne() {
    double[] scores = {-1.0, 0.0, 0.5, 1.0, 2.0};
    double temperature = 0.5;
    double[] softmax = softmaxWeights(scores, temperature);
    double total = 0;
    for (double w : softmax) {
      total += w;
    }
    long[] counts = new long[scores.length];
    for (int trial = 0; trial < TRIALS; trial++) {
      counts[Integer.numberOfTrailingZeros(sampleOnce(scores, temperature, 1, trial))]++;
    }
    double[] expected = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      expected[i] = softmax[i] / total;
      assertThat((double) counts[i] / TRIALS)
          .isCloseTo(expected[i], within(Stats.binomialTolerance(expected[i], TRIALS)));
    }
    assertThat(Stats.chiSquare(counts, expected)).isLessThan(Stats.chiSquareCritical001(scores.length - 1));
  }

  @Test
  void shouldDecideIdenticallyOnReplayAndWhateverTheArrivalOrder() {
    List<String> ids = IntStream.range(0, 500).mapToObj(i -> "sample-" + i).toList();
    GumbelTopK first = new GumbelTopK(20, 42);
    GumbelTopK replay = new GumbelTopK(20, 42);
    List<GumbelTopK.Offer> firstOffers = new ArrayList<>();
    List<GumbelTopK.Offer> replayOffers = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      firstOffers.add(first.offer(ids.get(i), i % 7 * 0.3));
      replayOffers.add(replay.offer(ids.get(i), i % 7 * 0.3));
    }
    assertThat(replayOffers).isEqualTo(firstOffers);

    List<Integer> order = new ArrayList<>(IntStream.range(0, ids.size()).boxed().toList());
    Collections.shuffle(order, new Random(3));
    GumbelTopK shuffled = new GumbelTopK(20, 42);
    order.forEach(i -> shuffled.offer(ids.get(i), i % 7 * 0.3));
    assertThat(shuffled.members()).isEqualTo(first.members());

    GumbelTopK otherSeed = new GumbelTopK(20, 43);
    ids.forEach(id -> otherSeed.offer(id, 0.0));
    assertThat(otherSeed.members()).isNotEqualTo(first.members());
  }

  @Test
  void shouldReportTheEvictedIdWhenAStrongerItemArrives() {
    GumbelTopK topK = new GumbelTopK(2, 7);
    assertThat(topK.offer("a", 0.0).evicted()).isEmpty();
    assertThat(topK.offer("b", 0.0).inTopK()).isTrue();
    assertThat(topK.threshold()).isPresent();
    String weakest = topK.members().get(1).id();

    GumbelTopK.Offer strong = topK.offer("c", 1_000.0);

    assertThat(strong.inTopK()).isTrue();
    assertThat(strong.evicted()).contains(weakest);
    assertThat(topK.contains(weakest)).isFalse();
    assertThat(topK.members()).extracting(GumbelTopK.Member::id).startsWith("c").hasSize(2);

    GumbelTopK.Offer weak = topK.offer("d", -1_000.0);
    assertThat(weak.inTopK()).isFalse();
    assertThat(weak.evicted()).isEmpty();
    assertThat(weak.key()).isLessThan(topK.threshold().getAsDouble());
  }

  @Test
  void shouldNeverKeepZeroWeightItemsAndTreatReoffersAsIdempotent() {
    GumbelTopK topK = new GumbelTopK(3, 1);
    assertThat(topK.offer("zero", Double.NEGATIVE_INFINITY).inTopK()).isFalse();
    assertThat(topK.size()).isZero();

    GumbelTopK.Offer once = topK.offer("x", 0.5);
    GumbelTopK.Offer again = topK.offer("x", 0.5);
    assertThat(again).isEqualTo(once);
    assertThat(topK.size()).isEqualTo(1);

    GumbelTopK.Offer rescored = topK.offer("x", 2.5);
    assertThat(rescored.key()).isCloseTo(once.key() + 2.0, within(1e-12));
    assertThat(topK.members()).singleElement().extracting(GumbelTopK.Member::logWeight).isEqualTo(2.5);

    GumbelTopK.Offer zeroed = topK.offer("x", Double.NEGATIVE_INFINITY);
    assertThat(zeroed.inTopK()).isFalse();
    assertThat(zeroed.evicted()).as("a member re-scored to weight 0 leaves").contains("x");
    assertThat(topK.size()).isZero();

    assertThatThrownBy(() -> topK.offer("y", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> topK.offer(null, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GumbelTopK(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldComputeLogWeightAsScoreOverTemperature() {
    assertThat(GumbelTopK.logWeight(3.0, 2.0)).isEqualTo(1.5);
    assertThat(GumbelTopK.logWeight(-1.0, 0.25)).isEqualTo(-4.0);
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> GumbelTopK.logWeight(1.0, bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldMergePartitionsIntoTheTopKOfTheUnion() {
    GumbelTopK whole = new GumbelTopK(10, 5);
    GumbelTopK left = new GumbelTopK(10, 5);
    GumbelTopK right = new GumbelTopK(10, 5);
    for (int i = 0; i < 300; i++) {
      double w = Math.sin(i);
      whole.offer("s" + i, w);
      (i % 2 == 0 ? left : right).offer("s" + i, w);
    }

    left.merge(right);

    assertThat(left.members()).isEqualTo(whole.members());
    assertThatThrownBy(() -> left.merge(new GumbelTopK(10, 6))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripThroughBytesAndKeepDecidingTheSame() {
    GumbelTopK topK = new GumbelTopK(5, 99);
    for (int i = 0; i < 50; i++) {
      topK.offer("id-" + i + "-é", i * 0.01);
    }

    byte[] bytes = topK.toBytes();
    GumbelTopK copy = GumbelTopK.fromBytes(bytes);

    assertThat(bytes[0]).isEqualTo((byte) 'G');
    assertThat(copy.members()).isEqualTo(topK.members());
    assertThat(copy.k()).isEqualTo(5);
    assertThat(copy.seed()).isEqualTo(99);
    assertThat(copy.toBytes()).isEqualTo(bytes);
    assertThat(copy.offer("next", 0.7)).isEqualTo(topK.offer("next", 0.7));
    assertThat(GumbelTopK.fromBytes(new GumbelTopK(3, 0).toBytes()).size()).isZero();

    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> GumbelTopK.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GumbelTopK.fromBytes(new StreamingQuantile().toBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** One trial: a fresh top-k with its own seed, items offered in a trial-specific order; the kept set as a bitmask. */
  private static int sampleOnce(double[] scores, double temperature, int k, int trial) {
    GumbelTopK topK = new GumbelTopK(k, trial);
    List<Integer> order = new ArrayList<>(IntStream.range(0, scores.length).boxed().toList());
    Collections.shuffle(order, new Random(trial));
    for (int i : order) {
      topK.offer("item-" + i, GumbelTopK.logWeight(scores[i], temperature));
    }
    int mask = 0;
    for (GumbelTopK.Member m : topK.members()) {
      mask |= 1 << Integer.parseInt(m.id().substring("item-".length()));
    }
    return mask;
  }

  private static double[] softmaxWeights(double[] scores, double temperature) {
    double[] w = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      w[i] = Math.exp(scores[i] / temperature);
    }
    return w;
  }

  /**
   * Exact law of the set drawn by k successive draws without replacement, each ∝ weight among the
   * items left: sums the probabilities of every ordered sequence into its set (bitmask-indexed).
   */
  static double[] exactSubsetProbabilities(double[] weights, int k) {
    double[] out = new double[1 << weights.length];
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    drawSequences(weights, k, 0, total, 1.0, out);
    return out;
  }

  private static void drawSequences(double[] weights, int left, int mask, double remaining, double p, double[] out) {
    if (left == 0) {
      out[mask] += p;
      return;
    }
    for (int i = 0; i < weights.length; i++) {
      if ((mask & (1 << i)) == 0) {
        drawSequences(weights, left - 1, mask | (1 << i), remaining - weights[i], p * weights[i] / remaining, out);
      }
    }
  }
}
