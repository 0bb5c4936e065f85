package io.alignstream.scorer.dsir;

/**
 * Hashed n-gram counts of one side of DSIR (a target, or a task's pool), with add-α smoothing:
 * {@code p̂_j = (c_j + α) / (N + α·B)}.
 */
public final class DsirCounts {
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
    return Math.log(counts[bucket] + DsirModel.ALPHA) - Math.log(total + DsirModel.ALPHA * HashedNgrams.BUCKETS);
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

  /** Told about each bucket an update touched. */
  @FunctionalInterface
  public interface BucketListener {
    void onChange(int bucket, long count);

    BucketListener NONE = (b, c) -> {};
  }
}
