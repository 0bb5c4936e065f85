package io.alignstream.curator.topology;

import io.alignstream.curator.algo.StreamingQuantile;
import java.nio.ByteBuffer;

/**
 * What the curator knows about one curated dataset: how many records it holds, the sum and a
 * sketch of their alignment values (for the manifest's mean and quantiles), and whether it is
 * sealed. Stored as bytes in {@value CuratorTopology#DATASET_STORE}.
 */
final class DatasetState {
  private static final byte V1 = 1;
  long size;
  long scored;
  double sum;
  boolean sealed;
  final StreamingQuantile alignment;

  DatasetState() {
    this(0, 0, 0, false, new StreamingQuantile(64));
  }

  private DatasetState(long size, long scored, double sum, boolean sealed, StreamingQuantile alignment) {
    this.size = size;
    this.scored = scored;
    this.sum = sum;
    this.sealed = sealed;
    this.alignment = alignment;
  }

  /** Counts one curated record (score NaN when the policy reads none). */
  void add(double score) {
    size++;
    if (!Double.isNaN(score)) {
      scored++;
      sum += score;
      alignment.update(score);
    }
  }

  Double mean() {
    return scored == 0 ? null : sum / scored;
  }

  byte[] toBytes() {
    byte[] sketch = alignment.toBytes();
    return ByteBuffer.allocate(1 + 8 + 8 + 8 + 1 + 4 + sketch.length).put(V1).putLong(size).putLong(scored).putDouble(sum)
        .put((byte) (sealed ? 1 : 0)).putInt(sketch.length).put(sketch).array();
  }

  static DatasetState fromBytes(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != V1) {
      throw new IllegalStateException("unknown dataset state layout " + version);
    }
    long size = in.getLong();
    long scored = in.getLong();
    double sum = in.getDouble();
    boolean sealed = in.get() == 1;
    byte[] sketch = new byte[in.getInt()];
    in.get(sketch);
    return new DatasetState(size, scored, sum, sealed, StreamingQuantile.fromBytes(sketch));
  }
}
