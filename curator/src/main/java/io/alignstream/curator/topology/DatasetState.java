package io.alignstream.curator.topology;

import io.alignstream.curator.algo.StreamingQuantile;
import java.nio.ByteBuffer;

/**
 * What the curator knows about one curated dataset: how many records it holds, the sum and a
 * sketch of their alignment values (for the manifest's mean and quantiles), and whether it is
 * sealed. In {@value CuratorTopology#DATASET_STORE} the exact counters are written with every record
 * (key: dataset id) and the sketch only with each manifest (key: dataset id + {@value #SKETCH_SUFFIX}),
 * so after a crash the manifest's quantiles may miss the records of one manifest interval while
 * size, mean and seal stay exact.
 */
final class DatasetState {
  static final String SKETCH_SUFFIX = "|sketch";
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

  byte[] countersToBytes() {
    return ByteBuffer.allocate(1 + 8 + 8 + 8 + 1).put(V1).putLong(size).putLong(scored).putDouble(sum)
        .put((byte) (sealed ? 1 : 0)).array();
  }

  byte[] sketchToBytes() {
    return alignment.toBytes();
  }

  /** From the stored counters (required) and sketch (null when none was stored yet). */
  static DatasetState fromBytes(byte[] counters, byte[] sketch) {
    ByteBuffer in = ByteBuffer.wrap(counters);
    byte version = in.get();
    if (version != V1) {
      throw new IllegalStateException("unknown dataset state layout " + version);
    }
    return new DatasetState(in.getLong(), in.getLong(), in.getDouble(), in.get() == 1,
        sketch == null ? new StreamingQuantile(64) : StreamingQuantile.fromBytes(sketch));
  }
}
