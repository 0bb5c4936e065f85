package io.alignstream.scorer.dsir;

/**
 * Streaming DSIR importance weights (Xie et al. 2023) of one target against one pool: target bucket
 * counts p and pool bucket counts q, both updated as samples arrive and add-α smoothed. The log
 * importance weight of a sample with bucket counts c is {@code log w = Σ_j c_j (log p̂_j − log q̂_j)};
 * the alignment value reported is that weight per n-gram ({@code log w / Σ_j c_j}) so samples of
 * different lengths compare.
 */
public final class DsirModel {
  public static final double ALPHA = 1.0;
  private final DsirCounts target;
  private final DsirCounts pool;

  public DsirModel() {
    this(new DsirCounts(), new DsirCounts());
  }

  public DsirModel(DsirCounts target, DsirCounts pool) {
    this.target = target;
    this.pool = pool;
  }

  public void addTarget(HashedNgrams.Counts c) {
    target.add(c, DsirCounts.BucketListener.NONE);
  }

  public void addPool(HashedNgrams.Counts c) {
    pool.add(c, DsirCounts.BucketListener.NONE);
  }

  public long targetTotal() {
    return target.total();
  }

  public long poolTotal() {
    return pool.total();
  }

  /** {@code log w(x)}, natural log. */
  public double logWeight(HashedNgrams.Counts c) {
    return DsirCounts.logWeight(target, pool, c);
  }

  /** The alignment value: log weight per n-gram (0 for a sample without tokens). */
  public double alignment(HashedNgrams.Counts c) {
    int n = c.total();
    return n == 0 ? 0 : logWeight(c) / n;
  }
}
