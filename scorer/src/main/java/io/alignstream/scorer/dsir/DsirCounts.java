package io.alignstream.scorer.dsir;

/**
 * Hashed n-gram counts of one side of DSIR (Xie et al. 2023): a target's (p) or a task's pool's, i.e.
 * the raw distribution's (q), both updated as samples arrive.
 *
 * <p>Importance weight of a sample x with bucket counts c: {@code log w(x) = Σ_j c_j (log p̂_j − log q̂_j)}
 * (the reference's {@code importance_estimator}), with
 * <ul>
 *   <li>{@code q̂_j = (q_j − c_j + 1) / (N_q − |c| + B)}: the raw distribution without x itself
 *       (leave-one-out: a sample is never scored against a q̂ that counts it), add-one smoothed;
 *   <li>{@code p̂_j = (p_j + μ·q̂_j) / (N_p + μ)}: the target's counts with a Dirichlet prior of strength
 *       μ ({@link #DEFAULT_PRIOR}) centred on q̂. The reference adds 1e-8 to both probabilities,
 *       which makes every n-gram a small target never showed a near-certain veto (−18 per
 *       occurrence); with the prior such an n-gram falls back towards the raw probability (a bounded
 *       penalty of at most {@code log(μ/(N_p+μ))}), and the target's evidence takes over as it grows.
 * </ul>
 * The per-sample alignment value is {@code log w / |c|} (per n-gram, so lengths compare); the curator's
 * importance resampling uses {@code log w} itself, drawing ∝ w.
 */
public final class DsirCounts {
  /** Add-one smoothing of the raw (pool) distribution. */
  public static final double ALPHA = 1.0;
  /** Strength μ of the target's prior towards the raw distribution, in n-grams. */
  public static final double DEFAULT_PRIOR = 1000.0;
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

  /** Add-one smoothed log probability of a bucket (the raw distribution's estimate). */
  public double logProbability(int bucket) {
    return Math.log(counts[bucket] + ALPHA) - Math.log(total + ALPHA * HashedNgrams.BUCKETS);
  }

  /**
   * {@code log w(x) = Σ_j c_j (log p̂_j − log q̂_j)} (class comment) with the default prior.
   *
   * @param poolCountsX whether {@code pool} already counts x (then x is taken out of it first)
   */
  public static double logWeight(DsirCounts target, DsirCounts pool, HashedNgrams.Counts c, boolean poolCountsX) {
    return logWeight(target, pool, c, poolCountsX, DEFAULT_PRIOR);
  }

  public static double logWeight(DsirCounts target, DsirCounts pool, HashedNgrams.Counts c, boolean poolCountsX,
      double prior) {
    int total = c.total();
    double poolTotal = pool.total - (poolCountsX ? total : 0);
    double w = 0;
    for (int i = 0; i < c.buckets().length; i++) {
      int j = c.buckets()[i];
      double qj = (pool.counts[j] - (poolCountsX ? c.counts()[i] : 0) + ALPHA) / (poolTotal + ALPHA * HashedNgrams.BUCKETS);
      double pj = (target.counts[j] + prior * qj) / (target.total + prior);
      w += c.counts()[i] * (Math.log(pj) - Math.log(qj));
    }
    return w;
  }

  /** The per-sample alignment value: {@code log w / Σ_j c_j} (0 for a sample without n-grams). */
  public static double alignment(DsirCounts target, DsirCounts pool, HashedNgrams.Counts c, boolean poolCountsX) {
    int n = c.total();
    return n == 0 ? 0 : logWeight(target, pool, c, poolCountsX) / n;
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
