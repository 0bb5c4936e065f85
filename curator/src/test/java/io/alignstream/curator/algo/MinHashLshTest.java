package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.curator.algo.MinHashLsh.BandKey;
import io.alignstream.curator.algo.MinHashLsh.Config;
import io.alignstream.curator.algo.MinHashLsh.ShingleUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHashLshTest {

  /** 20 bands × 5 rows: S-curve midpoint ≈ 0.55; P(collide) ≈ 0.9996 at s = 0.8, ≈ 0.047 at s = 0.3. */
  private static final MinHashLsh LSH = new MinHashLsh(Config.defaults(2024));

  @Test
  void shouldEstimateJaccardCloseToTheExactValue() {
    // given: pairs of shingle sets with exactly known Jaccard similarity
    Random random = new Random(5);
    int m = LSH.config().numHashes();
    double sumError = 0;
    int pairs = 0;
    for (int common = 0; common <= 100; common += 10) {
      for (int rep = 0; rep < 30; rep++) {
        Set<String>[] pair = pairWithOverlap(random, common, (100 - common) / 2);
        double exact = MinHashLsh.jaccard(pair[0], pair[1]);

        // when
        double estimate = LSH.signatureOfShingles(pair[0]).estimateJaccard(LSH.signatureOfShingles(pair[1]));

        // then: within the estimator's own standard error for this many hash functions
        double sd = Math.sqrt(exact * (1 - exact) / m);
        assertThat(estimate).as("exact %s", exact).isCloseTo(exact, within(Stats.Z * sd + 1e-12));
        sumError += estimate - exact;
        pairs++;
      }
    }
    // and unbiased on average (sd of the mean of 330 estimates is below 0.003)
    assertThat(sumError / pairs).isCloseTo(0.0, within(0.01));
  }

  @Test
  void shouldCollideNearDuplicatesOftenAndDissimilarPairsRarelyFollowingTheSCurve() {
    Random random = new Random(11);
    int pairs = 1500;
    // (common, unique per side) over a union of 100 shingles: s = common / 100
    int[][] designs = {{20, 40}, {30, 35}, {50, 25}, {60, 20}, {80, 10}, {90, 5}};
    for (int[] design : designs) {
      double s = design[0] / 100.0;
      int collisions = 0;
      for (int i = 0; i < pairs; i++) {
        Set<String>[] pair = pairWithOverlap(random, design[0], design[1]);
        if (shareABand(LSH.bandKeys(LSH.signatureOfShingles(pair[0])),
            LSH.bandKeys(LSH.signatureOfShingles(pair[1])))) {
          collisions++;
        }
      }
      double expected = LSH.collisionProbability(s);
      double observed = (double) collisions / pairs;
      assertThat(observed).as("collision rate at s=%s", s)
          .isCloseTo(expected, within(Stats.binomialTolerance(expected, pairs) + 0.005));
      if (s >= 0.8) {
        assertThat(observed).as("near-duplicates collide").isGreaterThanOrEqualTo(0.99);
      }
      if (s <= 0.3) {
        assertThat(observed).as("dissimilar pairs rarely collide").isLessThan(0.08);
      }
    }
  }

  @Test
  void shouldFlagAnEditedTextAsNearDuplicateButNotAnUnrelatedOne() {
    String original = "The probe network is trained once on reference data and frozen; its id is recorded "
        + "with every score, and scores from different probes are never mixed in one window.";
    String edited = "The probe network is trained once on reference data and then frozen; its id is recorded "
        + "with every score, and scores from different probes are never mixed in a window.";
    String unrelated = "Solar flare forecasting uses SHARP keywords per active region patch at a twelve "
        + "minute cadence, labelled by whether an M or X class flare follows within a day.";

    double exact = MinHashLsh.jaccard(LSH.shingles(original), LSH.shingles(edited));
    MinHashSignature a = LSH.signature(original);
    MinHashSignature b = LSH.signature(edited);
    MinHashSignature c = LSH.signature(unrelated);

    assertThat(exact).isGreaterThan(0.8);
    assertThat(a.estimateJaccard(b)).isCloseTo(exact, within(0.2));
    assertThat(shareABand(LSH.bandKeys(a), LSH.bandKeys(b))).isTrue();
    assertThat(a.estimateJaccard(c)).isLessThan(0.2);
    assertThat(shareABand(LSH.bandKeys(a), LSH.bandKeys(c))).isFalse();
    // normalisation: case and whitespace do not matter
    assertThat(LSH.signature("  THE probe\tnetwork ")).isEqualTo(LSH.signature("the probe network"));
  }

  @Test
  void shouldCutCharacterAndWordShingles() {
    MinHashLsh chars = new MinHashLsh(new Config(ShingleUnit.CHARACTER, 3, 4, 2, 1, TextNormalizer.LOWER_CASE));
    MinHashLsh words = new MinHashLsh(new Config(ShingleUnit.WORD, 2, 4, 2, 1, TextNormalizer.CASE_PRESERVING));

    assertThat(chars.shingles("AbcdE")).containsExactly("abc", "bcd", "cde");
    assertThat(chars.shingles("ab")).containsExactly("ab");
    assertThat(chars.shingles(" \t ")).isEmpty();
    assertThat(chars.shingles("a😀bc")).containsExactly("a😀b", "😀bc");
    assertThat(words.shingles("to be or  not to be")).containsExactly("to be", "be or", "or not", "not to");
    assertThat(words.shingles("One")).containsExactly("One");
    assertThat(chars.signature("").estimateJaccard(chars.signature("   "))).isEqualTo(1.0);
  }

  @Test
  void shouldProduceStableBandKeysForAStateStore() {
    MinHashSignature sig = LSH.signature("a stable text for a stable key");
    List<BandKey> keys = LSH.bandKeys(sig);

    assertThat(keys).hasSize(20);
    assertThat(keys).extracting(BandKey::band).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 20).boxed().toList());
    assertThat(keys).isEqualTo(new MinHashLsh(Config.defaults(2024)).bandKeys(sig));
    assertThat(keys.get(3).toString()).matches("b3-[0-9a-f]{16}");
    assertThat(BandKey.fromBytes(keys.get(3).toBytes())).isEqualTo(keys.get(3));
    // a different seed is a different configuration: its keys differ and signatures do not mix
    MinHashLsh other = new MinHashLsh(Config.defaults(2025));
    assertThat(other.bandKeys(other.signature("a stable text for a stable key"))).doesNotContainAnyElementsOf(keys);
    assertThatThrownBy(() -> other.bandKeys(sig)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sig.estimateJaccard(other.signature("x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldComputeTheLshCollisionProbability() {
    assertThat(MinHashLsh.collisionProbability(0.0, 20, 5)).isEqualTo(0.0);
    assertThat(MinHashLsh.collisionProbability(1.0, 20, 5)).isEqualTo(1.0);
    assertThat(MinHashLsh.collisionProbability(0.8, 20, 5))
        .isCloseTo(1 - Math.pow(1 - Math.pow(0.8, 5), 20), within(1e-12));
    assertThat(MinHashLsh.collisionProbability(0.5, 1, 1)).isCloseTo(0.5, within(1e-15));
    assertThat(LSH.threshold()).isCloseTo(Math.pow(0.05, 0.2), within(1e-12));
    assertThatThrownBy(() -> MinHashLsh.collisionProbability(1.2, 2, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripSignaturesThroughBytes() {
    MinHashSignature sig = LSH.signature("round trip me");
    byte[] bytes = sig.toBytes();

    MinHashSignature copy = MinHashSignature.fromBytes(bytes);

    assertThat(bytes[0]).isEqualTo((byte) 'M');
    assertThat(bytes).hasSize(2 + 8 + 4 + 8 * 100);
    assertThat(copy).isEqualTo(sig);
    assertThat(copy.estimateJaccard(sig)).isEqualTo(1.0);
    assertThat(LSH.bandKeys(copy)).isEqualTo(LSH.bandKeys(sig));
    assertThatThrownBy(() -> MinHashSignature.fromBytes(java.util.Arrays.copyOf(bytes, 30)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectInvalidConfigurations() {
    assertThatThrownBy(() -> new Config(ShingleUnit.WORD, 0, 2, 2, 1, TextNormalizer.LOWER_CASE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Config(ShingleUnit.WORD, 2, 100, 100, 1, TextNormalizer.LOWER_CASE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Config(null, 2, 2, 2, 1, TextNormalizer.LOWER_CASE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Two sets sharing {@code common} random tokens, each with {@code unique} tokens of its own. */
  @SuppressWarnings("unchecked")
  private static Set<String>[] pairWithOverlap(Random random, int common, int unique) {
    Set<String> a = new HashSet<>();
    Set<String> b = new HashSet<>();
    List<String> tokens = new ArrayList<>();
    while (tokens.size() < common + 2 * unique) {
      String t = Long.toHexString(random.nextLong());
      if (!tokens.contains(t)) {
        tokens.add(t);
      }
    }
    Collections.shuffle(tokens, random);
    a.addAll(tokens.subList(0, common + unique));
    b.addAll(tokens.subList(0, common));
    b.addAll(tokens.subList(common + unique, common + 2 * unique));
    return new Set[] {a, b};
  }

  private static boolean shareABand(List<BandKey> x, List<BandKey> y) {
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).equals(y.get(i))) {
        return true;
      }
    }
    return false;
  }
}
