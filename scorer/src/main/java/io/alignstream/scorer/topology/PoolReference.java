package io.alignstream.scorer.topology;

import java.nio.ByteBuffer;

/**
 * The mean embedding of a task's pool for one method and probe: the reference P of the contrast score.
 * With a window W it is the mean of the task's first W pool samples and then stays fixed; without one
 * (W = 0) the running mean of every sample. Fixed because the scores must stay on one scale while the
 * pool grows: a Task2Vec similarity to a mean of non-negative Fisher embeddings falls as the mean takes
 * in more samples (its support widens), and an exponentially weighted mean widens it just the same
 * (measured in docs/alignment.md). Kept as a sum and a count (so a sample can be left out of it),
 * stored as one entry of {@value ScorerTopology#POOL_REFERENCES_STORE} per task, method and probe.
 */
final class PoolReference {
  /** Layout 2: the sum of the samples in the mean; layout 1 (before the window): the sum of every sample. */
  private static final byte LAYOUT = 2;
  private static final byte LAYOUT_RUNNING_SUM = 1;
  private final double[] sum;
  private final int window;
  private long count;

  /** @param window samples the mean is made of, then fixed; 0 = every sample (a running mean) */
  PoolReference(int dimension, int window) {
    this.sum = new double[dimension];
    this.window = Math.max(0, window);
  }

  int dimension() {
    return sum.length;
  }

  /** Pool samples seen (also those after the window, which the mean does not include). */
  long count() {
    return count;
  }

  /** The samples in the mean. */
  long effective() {
    return window == 0 ? count : Math.min(count, window);
  }

  /** Counts a sample; true when it went into the mean (a sample scored later must then be left out). */
  boolean add(float[] row) {
    boolean included = window == 0 || count < window;
    if (included) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += row[i];
      }
    }
    count++;
    return included;
  }

  /** The mean, or null without samples. */
  float[] mean() {
    return count == 0 ? null : scaled(null);
  }

  /** The mean without {@code row} (which must be in it), or null when nothing else is left. */
  float[] meanWithout(float[] row) {
    return effective() < 2 ? null : scaled(row);
  }

  private float[] scaled(float[] without) {
    long n = without == null ? effective() : effective() - 1;
    float[] out = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) ((sum[i] - (without == null ? 0 : without[i])) / n);
    }
    return out;
  }

  byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + 8 * sum.length).put(LAYOUT).putInt(sum.length).putLong(count);
    for (double v : sum) {
      b.putDouble(v);
    }
    return b.array();
  }

  /**
   * Reads a stored reference under {@code window}. A reference stored as a running mean of more samples
   * than the window keeps its mean (rescaled to the window), fixed from then on.
   */
  static PoolReference fromBytes(byte[] bytes, int window) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte layout = b.get();
    if (layout != LAYOUT && layout != LAYOUT_RUNNING_SUM) {
      throw new IllegalArgumentException("unknown pool reference layout " + layout);
    }
    PoolReference p = new PoolReference(b.getInt(), window);
    p.count = b.getLong();
    for (int i = 0; i < p.sum.length; i++) {
      p.sum[i] = b.getDouble();
    }
    if (layout == LAYOUT_RUNNING_SUM && p.effective() < p.count) {
      double scale = p.effective() / (double) p.count;
      for (int i = 0; i < p.sum.length; i++) {
        p.sum[i] *= scale;
      }
    }
    return p;
  }
}
