package io.alignstream.curator.algo;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A MinHash signature: for each of the {@code bands × rows} seeded hash functions, the minimum
 * hash over a text's shingles. It carries the id of the {@link MinHashLsh.Config} that made it, so
 * signatures made under different shingling, seeds or sizes are never compared by mistake.
 * Immutable.
 */
public final class MinHashSignature {

  private static final String TYPE = "MinHashSignature";
  private static final byte TAG = 'M';
  private static final byte V1 = 1;

  private final long configId;
  private final long[] values;

  MinHashSignature(long configId, long[] values) {
    this.configId = configId;
    this.values = values;
  }

  public long configId() {
    return configId;
  }

  public int length() {
    return values.length;
  }

  /** The i-th minimum hash. */
  public long value(int i) {
    return values[i];
  }

  long[] valuesView() {
    return values;
  }

  /**
   * The fraction of hash functions on which the two minima agree: an unbiased estimate of the
   * Jaccard similarity of the two shingle sets, with standard error {@code sqrt(J(1 − J)/m)} for m
   * hash functions. Two empty texts estimate 1.
   */
  public double estimateJaccard(MinHashSignature other) {
    if (other.configId != configId || other.values.length != values.length) {
      throw new IllegalArgumentException("signatures come from different MinHash configurations");
    }
    int equal = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == other.values[i]) {
        equal++;
      }
    }
    return (double) equal / values.length;
  }

  /** Tag 'M', version 1, config id (long), length (int), the minima (longs). Big-endian. */
  public byte[] toBytes() {
    ByteBuffer buf = Wire.allocate(TAG, V1, 8 + 4 + 8 * values.length)
        .putLong(configId)
        .putInt(values.length);
    for (long v : values) {
      buf.putLong(v);
    }
    return buf.array();
  }

  public static MinHashSignature fromBytes(byte[] bytes) {
    return Wire.decode(TYPE, () -> {
      ByteBuffer buf = Wire.open(bytes, TAG, V1, TYPE);
      long configId = buf.getLong();
      int n = buf.getInt();
      if (n < 1 || n > buf.remaining() / 8) {
        throw new IllegalArgumentException(TYPE + ": corrupt length " + n);
      }
      long[] values = new long[n];
      buf.asLongBuffer().get(values);
      buf.position(buf.position() + 8 * n);
      Wire.requireFullyRead(buf, TYPE);
      return new MinHashSignature(configId, values);
    });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinHashSignature s && s.configId == configId && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(configId) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "MinHashSignature[config=" + Long.toHexString(configId) + ", length=" + values.length + "]";
  }
}
