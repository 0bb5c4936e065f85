package io.alignstream.scorer.dsir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DsirCountsTest {

  @Test
  void shouldHashLowerCasedUnigramsAndBigrams() {
    HashedNgrams.Counts c = HashedNgrams.of("Open FILE, open file!");
    // open, file, open, file + bigrams "open file", "file open", "open file"
    assertThat(c.tokens()).isEqualTo(4);
    assertThat(c.total()).isEqualTo(7);
    assertThat(c.buckets()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void shouldEqualTheFormulaOnAHandWorkedExample() {
    // given: target "open file", pool "network error" — 3 n-grams each, in distinct buckets
    DsirCounts p = counts("open file");
    DsirCounts q = counts("network error");
    int b = HashedNgrams.BUCKETS;

    // then: log w = Σ_j c_j (log p̂_j − log q̂_j), p̂_j = (p_j + 1) / (3 + B)
    double perTargetGram = Math.log(2.0 / (3 + b)) - Math.log(1.0 / (3 + b));
    assertThat(DsirCounts.logWeight(p, q, HashedNgrams.of("open file"))).isCloseTo(3 * perTargetGram, within(1e-12));
    assertThat(DsirCounts.logWeight(p, q, HashedNgrams.of("network error")))
        .isCloseTo(-3 * perTargetGram, within(1e-12));
    // "open error": +ln2 (open) − ln2 (error) + 0 (unseen bigram)
    assertThat(DsirCounts.logWeight(p, q, HashedNgrams.of("open error"))).isCloseTo(0.0, within(1e-12));
    assertThat(DsirCounts.alignment(p, q, HashedNgrams.of("open file"))).isCloseTo(Math.log(2), within(1e-12));
  }

  @Test
  void shouldScoreTargetLikeTextAboveOtherText() {
    DsirCounts p = counts("could not connect to database server", "database query failed", "table does not exist");
    DsirCounts q = counts("add two cups of flour", "bake for twenty minutes", "stir the sauce");
    assertThat(DsirCounts.alignment(p, q, HashedNgrams.of("the database server is down")))
        .isGreaterThan(DsirCounts.alignment(p, q, HashedNgrams.of("the sauce needs flour")));
  }

  @Test
  void shouldRestoreCountsBucketByBucket() {
    DsirCounts original = new DsirCounts();
    java.util.Map<Integer, Long> touched = new java.util.HashMap<>();
    original.add(HashedNgrams.of("alpha beta"), touched::put);
    DsirCounts restored = new DsirCounts();
    touched.forEach(restored::set);
    assertThat(restored.total()).isEqualTo(3);
    assertThat(restored.logProbability(HashedNgrams.bucket("alpha"))).isEqualTo(original.logProbability(HashedNgrams.bucket("alpha")));
  }

  @Test
  void shouldGiveZeroForTextWithoutTokens() {
    assertThat(DsirCounts.alignment(new DsirCounts(), new DsirCounts(), HashedNgrams.of(" !? "))).isZero();
  }

  @Test
  void shouldEncodeOwnerAndBucketInStoreKeys() {
    String key = DsirCounts.storeKey("mt.en-fr/default", 4711);
    assertThat(DsirCounts.ownerOf(key)).isEqualTo("mt.en-fr/default");
    assertThat(DsirCounts.bucketOf(key)).isEqualTo(4711);
  }

  private static DsirCounts counts(String... texts) {
    DsirCounts c = new DsirCounts();
    for (String t : texts) {
      c.add(HashedNgrams.of(t), DsirCounts.BucketListener.NONE);
    }
    return c;
  }

  @Test
  void shouldRoundTripTheWholeTableThroughBytes() {
    DsirCounts counts = new DsirCounts();
    counts.add(HashedNgrams.of("the quick brown fox jumps over the lazy dog"));
    counts.add(HashedNgrams.of("the lazy dog sleeps"));

    DsirCounts back = DsirCounts.fromBytes(counts.toBytes());

    assertThat(back.total()).isEqualTo(counts.total());
    for (int b = 0; b < HashedNgrams.BUCKETS; b++) {
      assertThat(back.get(b)).as("bucket %d", b).isEqualTo(counts.get(b));
    }
  }

  @Test
  void shouldRefuseAnUnknownTableLayout() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DsirCounts.fromBytes(new byte[] {9, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layout version 9");
  }
}
