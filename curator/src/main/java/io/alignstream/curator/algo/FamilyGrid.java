package io.alignstream.curator.algo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The "size × alignment" family of curated datasets: alignment buckets (cut by score boundaries,
 * e.g. quartiles from a {@link StreamingQuantile}) crossed with size budgets (e.g. powers of two),
 * one member dataset per (bucket, size). It routes a scored sample to the members that still accept
 * it and counts what each holds.
 *
 * <p>Buckets: with ascending boundaries {@code b_0 ≤ … ≤ b_{m−1}}, bucket i holds scores in {@code
 * [b_{i−1}, b_i)} (bucket 0 everything below {@code b_0}, bucket m everything from {@code b_{m−1}}
 * up), so a score equal to a boundary goes to the upper bucket. Bucket 0 is the least aligned.
 * Equal boundaries leave an empty bucket between them. NaN scores go nowhere.
 *
 * <p>Members seal when their count reaches their size. Two layouts:
 * <ul>
 *   <li>{@link Layout#NESTED}: a sample joins <em>every</em> unsealed member of its bucket, so the
 *       smaller datasets are prefixes of the larger ones (the size-n member is the first n
 *       samples of its bucket). Varying size with alignment held fixed then compares like with
 *       like; a bucket needs only {@code max size} samples in all.
 *   <li>{@link Layout#DISJOINT}: a sample joins exactly one member, the smallest unsealed size of
 *       its bucket, so members share no samples (independent datasets), at the cost of needing
 *       {@code sum of sizes} samples per bucket, and larger members being drawn from later in the
 *       stream.
 * </ul>
 * A larger member of a bucket keeps accepting after a smaller one seals, in both layouts.
 *
 * <p>Mutable (the counts), not thread-safe. Boundaries are fixed per instance; {@link
 * #withBoundaries} re-cuts future samples while keeping the counts (samples already routed stay
 * where they are).
 */
public final class FamilyGrid {

  public enum Layout {
    NESTED,
    DISJOINT
  }

  /** One member dataset: an alignment bucket and a size budget. */
  public record Member(int bucket, int sizeIndex, long size) {

    /** A stable name fragment, e.g. {@code "a2-n1024"} (alignment bucket 2, size 1024). */
    public String id() {
      return "a" + bucket + "-n" + size;
    }
  }

  private static final String TYPE = "FamilyGrid";
  private static final byte TAG = 'F';
  private static final byte V1 = 1;

  private final double[] boundaries;
  private final long[] sizes;
  private final Layout layout;
  private final long[][] counts;

  public FamilyGrid(double[] boundaries, long[] sizes, Layout layout) {
    this(boundaries, sizes, layout, new long[boundaries.length + 1][sizes.length]);
  }

  private FamilyGrid(double[] boundaries, long[] sizes, Layout layout, long[][] counts) {
    if (layout == null) {
      throw new IllegalArgumentException("layout is required");
    }
    for (int i = 0; i < boundaries.length; i++) {
      if (Double.isNaN(boundaries[i]) || (i > 0 && boundaries[i] < boundaries[i - 1])) {
        throw new IllegalArgumentException("boundaries must be ascending and not NaN: "
            + Arrays.toString(boundaries));
      }
    }
    if (sizes.length == 0) {
      throw new IllegalArgumentException("at least one size is required");
    }
    for (int j = 0; j < sizes.length; j++) {
      if (sizes[j] < 1 || (j > 0 && sizes[j] <= sizes[j - 1])) {
        throw new IllegalArgumentException("sizes must be positive and strictly ascending: "
            + Arrays.toString(sizes));
      }
    }
    this.boundaries = boundaries.clone();
    this.sizes = sizes.clone();
    this.layout = layout;
    this.counts = counts;
  }

  /** Powers of two from {@code min} to {@code max} inclusive; both must be powers of two. */
  public static long[] powersOfTwo(long min, long max) {
    if (min < 1 || Long.bitCount(min) != 1 || Long.bitCount(max) != 1 || max < min) {
      throw new IllegalArgumentException("need powers of two with 1 <= min <= max, got " + min + ", " + max);
    }
    int n = Long.numberOfTrailingZeros(max) - Long.numberOfTrailingZeros(min) + 1;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = min << i;
    }
    return out;
  }

  /** The {@code buckets − 1} inner boundaries that cut the sketch's distribution into equal-mass buckets. */
  public static double[] equalMassBoundaries(StreamingQuantile quantile, int buckets) {
    if (buckets < 1 || quantile.isEmpty()) {
      throw new IllegalArgumentException("need at least one bucket and a non-empty sketch");
    }
    double[] out = new double[buckets - 1];
    for (int i = 1; i < buckets; i++) {
      out[i - 1] = quantile.quantile((double) i / buckets);
    }
    return out;
  }

  public int bucketCount() {
    return boundaries.length + 1;
  }

  public Layout layout() {
    return layout;
  }

  public double[] boundaries() {
    return boundaries.clone();
  }

  public long[] sizes() {
    return sizes.clone();
  }

  /** The number of boundaries at or below {@code score}. */
  public int bucketOf(double score) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("a NaN score has no bucket");
    }
    int lo = 0;
    int hi = boundaries.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundaries[mid] <= score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The members that would take a sample with this score now, smallest size first; no change. */
  public List<Member> accepting(double score) {
    if (Double.isNaN(score)) {
      return List.of();
    }
    int bucket = bucketOf(score);
    List<Member> out = new ArrayList<>();
    for (int j = 0; j < sizes.length; j++) {
      if (counts[bucket][j] < sizes[j]) {
        out.add(new Member(bucket, j, sizes[j]));
        if (layout == Layout.DISJOINT) {
          break;
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Routes a sample: counts it in every member of {@link #accepting} and returns them. */
  public List<Member> offer(double score) {
    List<Member> accepted = accepting(score);
    for (Member m : accepted) {
      counts[m.bucket()][m.sizeIndex()]++;
    }
    return accepted;
  }

  public long count(int bucket, int sizeIndex) {
    return counts[bucket][sizeIndex];
  }

  public boolean isSealed(int bucket, int sizeIndex) {
    return counts[bucket][sizeIndex] >= sizes[sizeIndex];
  }

  /** Whether every member is sealed: the grid accepts nothing more. */
  public boolean isComplete() {
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < sizes.length; j++) {
        if (!isSealed(i, j)) {
          return false;
        }
      }
    }
    return true;
  }

  /** All members, bucket-major, smallest size first. */
  public List<Member> members() {
    List<Member> out = new ArrayList<>();
    for (int i = 0; i < bucketCount(); i++) {
      for (int j = 0; j < sizes.length; j++) {
        out.add(new Member(i, j, sizes[j]));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A grid with new boundaries (same count), the same sizes and layout, and a copy of the counts. */
  public FamilyGrid withBoundaries(double[] newBoundaries) {
    if (newBoundaries.length != boundaries.length) {
      throw new IllegalArgumentException("the number of buckets cannot change under existing counts");
    }
    return new FamilyGrid(newBoundaries, sizes, layout, copyCounts());
  }

  private long[][] copyCounts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /**
   * Tag 'F', version 1, layout ordinal (byte), boundary count m (int) and boundaries (doubles),
   * size count s (int) and sizes (longs), then (m + 1) × s counts (longs, bucket-major).
   */
  public byte[] toBytes() {
    int body = 1 + 4 + 8 * boundaries.length + 4 + 8 * sizes.length + 8 * counts.length * sizes.length;
    ByteBuffer buf = Wire.allocate(TAG, V1, body).put((byte) layout.ordinal()).putInt(boundaries.length);
    for (double b : boundaries) {
      buf.putDouble(b);
    }
    buf.putInt(sizes.length);
    for (long s : sizes) {
      buf.putLong(s);
    }
    for (long[] row : counts) {
      for (long c : row) {
        buf.putLong(c);
      }
    }
    return buf.array();
  }

  public static FamilyGrid fromBytes(byte[] bytes) {
    return Wire.decode(TYPE, () -> {
      ByteBuffer buf = Wire.open(bytes, TAG, V1, TYPE);
      int layout = buf.get();
      if (layout < 0 || layout >= Layout.values().length) {
        throw new IllegalArgumentException(TYPE + ": corrupt layout " + layout);
      }
      double[] boundaries = new double[checkedLength(buf.getInt(), buf)];
      for (int i = 0; i < boundaries.length; i++) {
        boundaries[i] = buf.getDouble();
      }
      long[] sizes = new long[checkedLength(buf.getInt(), buf)];
      for (int j = 0; j < sizes.length; j++) {
        sizes[j] = buf.getLong();
      }
      long[][] counts = new long[boundaries.length + 1][sizes.length];
      for (long[] row : counts) {
        for (int j = 0; j < row.length; j++) {
          row[j] = buf.getLong();
          if (row[j] < 0) {
            throw new IllegalArgumentException(TYPE + ": corrupt count " + row[j]);
          }
        }
      }
      Wire.requireFullyRead(buf, TYPE);
      return new FamilyGrid(boundaries, sizes, Layout.values()[layout], counts);
    });
  }

  private static int checkedLength(int n, ByteBuffer buf) {
    if (n < 0 || n > buf.remaining() / 8) {
      throw new IllegalArgumentException(TYPE + ": corrupt length " + n);
    }
    return n;
  }

  @Override
  public String toString() {
    return "FamilyGrid[" + layout + ", buckets=" + bucketCount() + ", sizes=" + Arrays.toString(sizes) + "]";
  }
}
