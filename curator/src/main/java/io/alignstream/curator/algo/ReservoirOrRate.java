package io.alignstream.curator.algo;

import java.nio.ByteBuffer;

/**
 * Random control datasets: samples chosen without looking at their scores, to compare a curated
 * dataset against.
 *
 * <ul>
 *   <li><b>Rate</b> ({@link #atRate}): each sample is kept independently with probability p. The
 *       coin is {@code hash(id, seed) < p} ({@link #bernoulli}), so a replayed record is decided the
 *       same way, the decision needs no state, and equal seeds give nested samples across rates (a
 *       sample kept at rate p is kept at every rate above p).
 *   <li><b>Size-matched</b> ({@link #sizeMatched}): the same coin, but only until {@code target}
 *       samples are kept; then the control seals. With p = 1 it keeps the first {@code target}
 *       samples; a lower p spreads the control over a longer stretch of the stream, at the cost
 *       of needing about target / p arrivals to fill. The target can be raised as the dataset it
 *       matches grows ({@link #raiseTarget}).
 * </ul>
 *
 * <p>The kept count is state: keep it in a changelogged store updated in the same exactly-once
 * transaction as the output, and a replay neither double-counts nor re-emits. Mutable, not
 * thread-safe.
 */
public final class ReservoirOrRate {

  /** Outcome of {@link #offer}. */
  public enum Decision {
    /** The coin came up and there was room: emit the sample into the control. */
    KEEP,
    /** The coin did not come up for this id. */
    SKIP_NOT_DRAWN,
    /** The control already holds its target size. */
    SKIP_FULL
  }

  /** Target meaning "no size limit". */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  private static final String TYPE = "ReservoirOrRate";
  private static final byte TAG = 'R';
  private static final byte V1 = 1;

  private final double rate;
  private final long seed;
  private long target;
  private long kept;

  private ReservoirOrRate(double rate, long seed, long target, long kept) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException("rate must be in [0, 1], got " + rate);
    }
    if (target < 0 || kept < 0) {
      throw new IllegalArgumentException("target and kept must be non-negative");
    }
    this.rate = rate;
    this.seed = seed;
    this.target = target;
    this.kept = kept;
  }

  /** An unbounded Bernoulli(p) control. */
  public static ReservoirOrRate atRate(double rate, long seed) {
    return new ReservoirOrRate(rate, seed, UNBOUNDED, 0);
  }

  /** A control that keeps Bernoulli(rate)-drawn samples until {@code target} are kept. */
  public static ReservoirOrRate sizeMatched(long target, double rate, long seed) {
    return new ReservoirOrRate(rate, seed, target, 0);
  }

  /**
   * The stateless coin: true with probability {@code rate}, decided by {@code hash(id, seed)}.
   * Rate 0 never keeps, rate 1 always keeps.
   */
  public static boolean bernoulli(String id, double rate, long seed) {
    return Hashing.unitInterval(Hashing.hash64(id, Hashing.domainSeed(seed, Hashing.DOMAIN_CONTROL))) < rate;
  }

  public Decision offer(String id) {
    if (kept >= target) {
      return Decision.SKIP_FULL;
    }
    if (!bernoulli(id, rate, seed)) {
      return Decision.SKIP_NOT_DRAWN;
    }
    kept++;
    return Decision.KEEP;
  }

  /** Raises the size to match (never lowers it: kept samples cannot be taken back). */
  public void raiseTarget(long newTarget) {
    if (newTarget < target) {
      throw new IllegalArgumentException("target can only grow: " + target + " -> " + newTarget);
    }
    target = newTarget;
  }

  public boolean isFull() {
    return kept >= target;
  }

  public long kept() {
    return kept;
  }

  public long target() {
    return target;
  }

  public double rate() {
    return rate;
  }

  public long seed() {
    return seed;
  }

  /** Tag 'R', version 1, rate (double), seed (long), target (long), kept (long). Big-endian. */
  public byte[] toBytes() {
    return Wire.allocate(TAG, V1, 8 * 4).putDouble(rate).putLong(seed).putLong(target).putLong(kept).array();
  }

  public static ReservoirOrRate fromBytes(byte[] bytes) {
    return Wire.decode(TYPE, () -> {
      ByteBuffer buf = Wire.open(bytes, TAG, V1, TYPE);
      ReservoirOrRate r = new ReservoirOrRate(buf.getDouble(), buf.getLong(), buf.getLong(), buf.getLong());
      Wire.requireFullyRead(buf, TYPE);
      return r;
    });
  }

  @Override
  public String toString() {
    return "ReservoirOrRate[rate=" + rate + ", seed=" + seed + ", kept=" + kept + "/" + target + "]";
  }
}
