package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingQuantileTest {

  private static final int N = 100_000;

  @BeforeEach
  void seedSketchCoins() {
    seedKllRandom(20_240_601L);
  }

  @Test
  void shouldKeepSamplesInTopFractionWithinSketchRankError() {
    // given: 100k skewed scores (log-normal) and the exact sorted order
    double[] values = logNormal(N, 7);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    StreamingQuantile sketch = new StreamingQuantile();
    for (double v : values) {
      sketch.update(v);
    }
    double eps = sketch.normalizedRankError();

    for (double q : new double[] {0.01, 0.1, 0.25, 0.5, 0.9}) {
      long kept = 0;
      double worstMisjudged = 0;
      for (double v : values) {
        // when
        boolean approx = sketch.isInTopFraction(v, q);
        // then: a decision may differ from the exact one only for values whose exact rank
        // lies within the stated rank error of the cut 1 − q
        double exactRank = exactInclusiveRank(sorted, v);
        boolean exact = exactRank > 1 - q;
        if (approx != exact) {
          worstMisjudged = Math.max(worstMisjudged, Math.abs(exactRank - (1 - q)));
        }
        kept += approx ? 1 : 0;
      }
      assertThat(worstMisjudged).as("q=%s", q).isLessThanOrEqualTo(eps);
      assertThat((double) kept / N).as("kept fraction at q=%s", q).isCloseTo(q, within(eps));
    }
  }

  @Test
  void shouldReturnQuantilesWhoseExactRankIsWithinRankError() {
    double[] values = logNormal(N, 11);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    StreamingQuantile sketch = new StreamingQuantile();
    Arrays.stream(values).forEach(sketch::update);

    for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
      double exactRank = exactInclusiveRank(sorted, sketch.quantile(q));
      assertThat(exactRank).as("rank of quantile(%s)", q).isCloseTo(q, within(sketch.normalizedRankError()));
    }
    assertThat(sketch.quantile(0)).isEqualTo(sorted[0]);
    assertThat(sketch.quantile(1)).isEqualTo(sorted[N - 1]);
    assertThat(sketch.quantiles(0.0, 1.0)).containsExactly(sorted[0], sorted[N - 1]);
  }

  @Test
  void shouldKeepAboutQOfAStationaryStreamWhenDecidingOnArrival() {
    // the policy's own use: update with the sample, then judge it among everything seen so far
    double[] values = logNormal(N, 13);
    StreamingQuantile sketch = new StreamingQuantile();
    long kept = 0;
    for (double v : values) {
      sketch.update(v);
      kept += sketch.isInTopFraction(v, 0.1) ? 1 : 0;
    }
    assertThat((double) kept / N).isCloseTo(0.1, within(sketch.normalizedRankError()));
  }

  @Test
  void shouldMergePartitionSketchesIntoOneWithTheSameErrorBound() {
    double[] values = logNormal(N, 17);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    StreamingQuantile[] partitions = new StreamingQuantile[4];
    for (int p = 0; p < 4; p++) {
      partitions[p] = new StreamingQuantile();
    }
    for (int i = 0; i < N; i++) {
      partitions[i % 4].update(values[i]);
    }

    StreamingQuantile merged = new StreamingQuantile();
    for (StreamingQuantile p : partitions) {
      merged.merge(p);
    }

    assertThat(merged.count()).isEqualTo(N);
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      assertThat(exactInclusiveRank(sorted, merged.quantile(q))).isCloseTo(q, within(merged.normalizedRankError()));
    }
    assertThat(partitions[0].count()).isEqualTo(N / 4);
  }

  @Test
  void shouldKeepTiedValuesTogetherAndHandleEdges() {
    StreamingQuantile sketch = new StreamingQuantile();
    assertThat(sketch.isInTopFraction(1.0, 0.1)).as("empty sketch keeps").isTrue();
    assertThat(sketch.quantile(0.5)).isNaN();
    assertThat(sketch.rank(0.5)).isNaN();

    for (int i = 0; i < 1000; i++) {
      sketch.update(5.0);
    }
    // all-equal scores straddle every cut: the tie block is kept whole
    assertThat(sketch.isInTopFraction(5.0, 0.1)).isTrue();
    assertThat(sketch.isInTopFraction(4.0, 0.99)).isFalse();
    assertThat(sketch.isInTopFraction(4.0, 1.0)).as("q = 1 keeps everything").isTrue();
    assertThat(sketch.isInTopFraction(6.0, 0.0)).as("q = 0 keeps nothing").isFalse();
    assertThat(sketch.isInTopFraction(Double.NaN, 0.5)).isFalse();

    sketch.update(Double.NaN);
    assertThat(sketch.count()).as("NaN is ignored").isEqualTo(1000);
  }

  @Test
  void shouldExposeTheSketchRankErrorForItsK() {
    assertThat(new StreamingQuantile().k()).isEqualTo(StreamingQuantile.DEFAULT_K);
    assertThat(new StreamingQuantile().normalizedRankError())
        .isEqualTo(KllSketch.getNormalizedRankError(200, false))
        .isBetween(0.01, 0.02);
    assertThat(new StreamingQuantile(800).normalizedRankError())
        .isLessThan(new StreamingQuantile(200).normalizedRankError());
    assertThatThrownBy(() -> new StreamingQuantile(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamingQuantile().quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripThroughBytes() {
    StreamingQuantile sketch = new StreamingQuantile(100);
    Arrays.stream(logNormal(10_000, 19)).forEach(sketch::update);

    byte[] bytes = sketch.toBytes();
    StreamingQuantile copy = StreamingQuantile.fromBytes(bytes);

    assertThat(bytes[0]).isEqualTo((byte) 'Q');
    assertThat(bytes[1]).isEqualTo((byte) 1);
    assertThat(copy.k()).isEqualTo(100);
    assertThat(copy.count()).isEqualTo(10_000);
    assertThat(copy.quantiles(0, 0.1, 0.5, 0.9, 1)).containsExactly(sketch.quantiles(0, 0.1, 0.5, 0.9, 1));
    assertThat(copy.rank(1.0)).isEqualTo(sketch.rank(1.0));
    // decode then encode is the identity (a query may re-sort the copy's level 0, so use a fresh one)
    assertThat(StreamingQuantile.fromBytes(bytes).toBytes()).isEqualTo(bytes);
    assertThat(StreamingQuantile.fromBytes(new StreamingQuantile().toBytes()).isEmpty()).isTrue();
  }

  @Test
  void shouldRejectBytesOfAnotherTypeVersionOrTruncated() {
    byte[] bytes = new StreamingQuantile().toBytes();
    byte[] otherType = bytes.clone();
    otherType[0] = 'G';
    byte[] newer = bytes.clone();
    newer[1] = 2;
    StreamingQuantile full = new StreamingQuantile();
    Arrays.stream(logNormal(1000, 23)).forEach(full::update);
    byte[] truncated = Arrays.copyOf(full.toBytes(), 40);

    for (byte[] bad : new byte[][] {otherType, newer, truncated, new byte[1]}) {
      assertThatThrownBy(() -> StreamingQuantile.fromBytes(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  static double[] logNormal(int n, long seed) {
    Random random = new Random(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.exp(random.nextGaussian());
    }
    return out;
  }

  /** Fraction of {@code sorted} that is {@code <= v}. */
  static double exactInclusiveRank(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (double) lo / sorted.length;
  }

  /**
   * KLL compaction flips coins from one library-wide {@code java.util.Random} that the API does not
   * let us seed. Seeding it here makes these tests reproducible run to run. Unseeded, they would
   * still pass with high probability (in 1000 unseeded runs of the top-q test the worst error near
   * the cuts stayed below 0.9 of the bound), so if a library upgrade moves the field, deleting this
   * seeding is a safe fix.
   */
  static void seedKllRandom(long seed) {
    try {
      Field field = KllSketch.class.getDeclaredField("random");
      field.setAccessible(true);
      ((Random) field.get(null)).setSeed(seed);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("KllSketch.random is gone: see seedKllRandom's comment", e);
    }
  }
}
