package io.alignstream.curator.algo;

import static org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Streaming quantiles of a score distribution in bounded memory (a KLL doubles sketch), for the
 * "streaming top-q" policy and for alignment-bucket boundaries.
 *
 * <p>Ranks are inclusive: {@code rank(v)} is the (approximate) fraction of values seen so far that
 * are {@code <= v}. With probability 0.99 each rank is within {@link #normalizedRankError()} of the
 * exact one (about 1.33% at the default k = 200, independent of the stream length), and a quantile
 * is a value whose exact rank is within that error of the requested one. The serialised state is a
 * few KB (about 4.7 KB after 100k values at k = 200) and grows only logarithmically with n.
 *
 * <p>Mutable and not thread-safe: one instance per store key, owned by one stream task. Sketches
 * merge across partitions ({@link #merge}); a merged sketch keeps the error bound of the smaller k.
 * NaN values are ignored by {@link #update}. KLL compaction draws coin flips from the library's
 * own random source, so two sketches fed the same stream may differ within the error bound; this
 * does not break exactly-once, because the state is restored from its changelog, not recomputed.
 */
public final class StreamingQuantile {

  public static final int DEFAULT_K = 200;

  private static final String TYPE = "StreamingQuantile";
  private static final byte TAG = 'Q';
  private static final byte V1 = 1;

  private final KllDoublesSketch sketch;

  public StreamingQuantile() {
    this(DEFAULT_K);
  }

  /** @param k accuracy parameter, 8..65535; the rank error shrinks roughly as 1/k */
  public StreamingQuantile(int k) {
    if (k < 8 || k > 65_535) {
      throw new IllegalArgumentException("k must be in [8, 65535], got " + k);
    }
    this.sketch = KllDoublesSketch.newHeapInstance(k);
  }

  private StreamingQuantile(KllDoublesSketch sketch) {
    this.sketch = sketch;
  }

  public void update(double value) {
    sketch.update(value);
  }

  /** Number of (non-NaN) values seen. */
  public long count() {
    return sketch.getN();
  }

  public boolean isEmpty() {
    return sketch.isEmpty();
  }

  public int k() {
    return sketch.getK();
  }

  /**
   * The smallest retained value whose inclusive rank is at least {@code q}; NaN when empty.
   * {@code quantile(0)} and {@code quantile(1)} are the exact minimum and maximum.
   */
  public double quantile(double q) {
    requireFraction(q, "q");
    return sketch.isEmpty() ? Double.NaN : sketch.getQuantile(q, INCLUSIVE);
  }

  /** {@link #quantile} for each fraction, e.g. {0.25, 0.5, 0.75} for quartile boundaries. */
  public double[] quantiles(double... qs) {
    double[] out = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      out[i] = quantile(qs[i]);
    }
    return out;
  }

  /** Approximate fraction of values seen that are {@code <= value}; NaN when empty. */
  public double rank(double value) {
    return sketch.isEmpty() || Double.isNaN(value) ? Double.NaN : sketch.getRank(value, INCLUSIVE);
  }

  /**
   * Whether {@code value} lies in the top {@code q} fraction of the values seen so far: true when
   * fewer than a fraction {@code q} of them are strictly greater, i.e. {@code rank(value) > 1 −
   * q}.
   *
   * <p>Ties: equal values always get the same answer, and a block of ties straddling the cut is
   * kept whole, so on heavily tied scores more than {@code q} may be kept (all-equal scores keep
   * everything for any q > 0). Edges: q ≤ 0 keeps nothing, q ≥ 1 keeps everything, an empty
   * sketch keeps everything (no evidence against the first values), NaN is never kept.
   *
   * <p>Typical use is {@code update(v)} then {@code isInTopFraction(v, q)}, so a sample is
   * judged among everything seen including itself. Near the cut a decision may differ from the
   * exact one; it can only do so for values whose exact rank is within {@link
   * #normalizedRankError()} of {@code 1 − q} (with probability 0.99).
   */
  public boolean isInTopFraction(double value, double q) {
    if (Double.isNaN(value) || Double.isNaN(q) || q <= 0.0) {
      return false;
    }
    if (q >= 1.0 || sketch.isEmpty()) {
      return true;
    }
    return sketch.getRank(value, INCLUSIVE) > 1.0 - q;
  }

  /** The sketch's a-priori single-rank error at 99% confidence ({@code getNormalizedRankError(false)}). */
  public double normalizedRankError() {
    return sketch.getNormalizedRankError(false);
  }

  /** Folds {@code other}'s values into this sketch; {@code other} is unchanged. */
  public void merge(StreamingQuantile other) {
    sketch.merge(other.sketch);
  }

  /** Tag 'Q', version 1, then the KLL compact serialisation (which carries k and n). */
  public byte[] toBytes() {
    byte[] body = sketch.toByteArray();
    return Wire.allocate(TAG, V1, body.length).put(body).array();
  }

  public static StreamingQuantile fromBytes(byte[] bytes) {
    return Wire.decode(TYPE, () -> {
      ByteBuffer body = Wire.open(bytes, TAG, V1, TYPE);
      try {
        Memory mem =
            Memory.wrap(bytes, Wire.HEADER_BYTES, body.remaining(), ByteOrder.LITTLE_ENDIAN);
        return new StreamingQuantile(KllDoublesSketch.heapify(mem));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(TYPE + ": corrupt sketch bytes", e);
      }
    });
  }

  private static void requireFraction(double q, String name) {
    if (!(q >= 0.0 && q <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + q);
    }
  }

  @Override
  public String toString() {
    return "StreamingQuantile[k=" + k() + ", n=" + count() + "]";
  }
}
