package io.alignstream.scorer.dsir;

/**
 * Hashed n-gram counts of one side of DSIR (Xie et al. 2023): a target's (p) or a task's pool's (q),
 * both updated as samples arrive, with add-α smoothing {@code p̂_j = (c_j + α) / (N + α·B)}. The log
 * importance weight of a sample with bucket counts c is {@code log w = Σ_j c_j (log p̂_j − log q̂_j)};
 * the alignment value reported is that weight per n-gram, so samples of different lengths compare.
 */
public final class DsirCounts {
  public static final double ALPHA = 1.0;
  private final long[] counts = new long[HashedNgrams.BUCKETS];
  private long total;

  /** Adds a sample's counts; calls {@code changed(bucket, newCount)} for each bucket it touched. */
  public void add(HashedNgrams.Counts c, BucketListener changed) {
    for (int i = 0; i < c.buckets().length; i++) {
      int j = c.buckets()[i];
      counts[j] += c.counts()[i];
      total += c.counts()[i];
      changed.onChange(j, counts[j]);
    }
  }

  /** Adds a sample's counts without telling anyone (the caller persists the whole table). */
  public void add(HashedNgrams.Counts c) {
    for (int i = 0; i < c.buckets().length; i++) {
      counts[c.buckets()[i]] += c.counts()[i];
      total += c.counts()[i];
    }
  }

  /**
   * The whole table as bytes (version byte, then the non-zero buckets as (int bucket, long count)),
   * for a store that keeps one entry per owner instead of one per bucket.
   */
  public byte[] toBytes() {
    int nonZero = 0;
    for (long c : counts) {
      nonZero += c != 0 ? 1 : 0;
    }
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(1 + 4 + nonZero * 12).put((byte) 1).putInt(nonZero);
    for (int b = 0; b < counts.length; b++) {
      if (counts[b] != 0) {
        out.putInt(b).putLong(counts[b]);
      }
    }
    return out.array();
  }

  /** Reads {@link #toBytes()}; refuses an unknown layout version. */
  public static DsirCounts fromBytes(byte[] bytes) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != 1) {
      throw new IllegalArgumentException("unknown DSIR counts layout version " + version);
    }
    DsirCounts d = new DsirCounts();
    for (int i = in.getInt(); i > 0; i--) {
      d.set(in.getInt(), in.getLong());
    }
    return d;
  }

  /** Sets a bucket (restoring from a store). */
  public void set(int bucket, long count) {
    total += count - counts[bucket];
    counts[bucket] = count;
  }

  public long get(int bucket) {
    return counts[bucket];
  }

  public long total() {
    return total;
  }

  /** Smoothed log probability of a bucket. */
  public double logProbability(int bucket) {
    return Math.log(counts[bucket] + ALPHA) - Math.log(total + ALPHA * HashedNgrams.BUCKETS);
  }

  /** {@code Σ_j c_j (log p̂_j − log q̂_j)} for a sample's counts c, p = target, q = pool. */
  public static double logWeight(DsirCounts target, DsirCounts pool, HashedNgrams.Counts c) {
    double w = 0;
    for (int i = 0; i < c.buckets().length; i++) {
      int j = c.buckets()[i];
      w += c.counts()[i] * (target.logProbability(j) - pool.logProbability(j));
    }
    return w;
  }

  /** The alignment value: {@code log w / Σ_j c_j} (0 for a sample without n-grams). */
  public static double alignment(DsirCounts target, DsirCounts pool, HashedNgrams.Counts c) {
    int n = c.total();
    return n == 0 ? 0 : logWeight(target, pool, c) / n;
  }

  /** Key of one bucket of one owner (target id or task) in a counts store: {@code owner|bucket}. */
  public static String storeKey(String owner, int bucket) {
    return owner + "|" + bucket;
  }

  public static String ownerOf(String storeKey) {
    return storeKey.substring(0, storeKey.lastIndexOf('|'));
  }

  public static int bucketOf(String storeKey) {
    return Integer.parseInt(storeKey.substring(storeKey.lastIndexOf('|') + 1));
  }

  /** Told about each bucket an update touched. */
  @FunctionalInterface
  public interface BucketListener {
    void onChange(int bucket, long count);

    BucketListener NONE = (b, c) -> {};
  }
}
