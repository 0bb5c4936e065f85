package io.alignstream.scorer.dsir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DsirCountsTest {

  @Test
  void hashesLowerCasedWordAndPunctuationUnigramsAndBigrams() {
    HashedNgrams.Counts c = HashedNgrams.of("Open FILE, open file!");
    // wordpunct tokens: open file , open file ! -> 6 unigrams + 5 bigrams
    assertThat(c.tokens()).isEqualTo(6);
    assertThat(c.total()).isEqualTo(11);
    assertThat(c.buckets()).isSorted().doesNotHaveDuplicates();
    // punctuation runs are one token, as nltk's WordPunctTokenizer (\w+|[^\w\s]+)
    assertThat(HashedNgrams.of("a --> b").tokens()).isEqualTo(3);
    assertThat(HashedNgrams.of("déjà-vu").tokens()).isEqualTo(3);
  }

  @Test
  void equalsTheFormulaOnAHandWorkedExample() {
    // target "open file" and pool "network error": 3 n-grams each, all in distinct buckets
    DsirCounts p = counts("open file");
    DsirCounts q = counts("network error");
    double b = HashedNgrams.BUCKETS;
    double mu = DsirCounts.DEFAULT_PRIOR;
    // x = "open file", not in the pool: q̂ = 1/(3+B) per n-gram, p̂ = (1 + mu·q̂)/(3 + mu)
    // log w = 3·log(p̂/q̂) = 3·log((B + 3 + mu)/(3 + mu))
    assertThat(DsirCounts.logWeight(p, q, HashedNgrams.of("open file"), false))
        .isCloseTo(3 * Math.log((b + 3 + mu) / (3 + mu)), within(1e-9));
    // x = "network error": the target never saw it, p̂ = mu·q̂/(3 + mu): a bounded penalty per n-gram
    assertThat(DsirCounts.logWeight(p, q, HashedNgrams.of("network error"), false))
        .isCloseTo(3 * Math.log(mu / (3 + mu)), within(1e-9));
    // per n-gram value
    assertThat(DsirCounts.alignment(p, q, HashedNgrams.of("open file"), false))
        .isCloseTo(Math.log((b + 3 + mu) / (3 + mu)), within(1e-9));
  }

  @Test
  void scoresASampleAgainstThePoolWithoutItself() {
    DsirCounts p = counts("could not connect to database server", "database query failed");
    DsirCounts others = counts("add two cups of flour", "bake for twenty minutes");
    DsirCounts withX = counts("add two cups of flour", "bake for twenty minutes", "the database server is down");
    HashedNgrams.Counts x = HashedNgrams.of("the database server is down");
    assertThat(DsirCounts.logWeight(p, withX, x, true)).isCloseTo(DsirCounts.logWeight(p, others, x, false), within(1e-12));
  }

  @Test
  void scoresTargetLikeTextAboveOtherText() {
    DsirCounts p = counts("could not connect to database server", "database query failed", "table does not exist");
    DsirCounts q = counts("add two cups of flour", "bake for twenty minutes", "stir the sauce");
    assertThat(DsirCounts.alignment(p, q, HashedNgrams.of("the database server is down"), false))
        .isGreaterThan(DsirCounts.alignment(p, q, HashedNgrams.of("the sauce needs flour"), false));
  }

  @Test
  void restoresCountsBucketByBucket() {
    DsirCounts original = new DsirCounts();
    java.util.Map<Integer, Long> touched = new java.util.HashMap<>();
    original.add(HashedNgrams.of("alpha beta"), touched::put);
    DsirCounts restored = new DsirCounts();
    touched.forEach(restored::set);
    assertThat(restored.total()).isEqualTo(3);
    assertThat(restored.logProbability(HashedNgrams.bucket("alpha"))).isEqualTo(original.logProbability(HashedNgrams.bucket("alpha")));
  }

  @Test
  void givesZeroForTextWithoutTokens() {
    assertThat(DsirCounts.alignment(new DsirCounts(), new DsirCounts(), HashedNgrams.of("   "), false)).isZero();
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
