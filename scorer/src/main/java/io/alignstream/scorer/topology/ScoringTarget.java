package io.alignstream.scorer.topology;

import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.gzip.GzipReference;

/** A published target reference in the form scoring needs (rebuilt when its version changes). */
final class ScoringTarget {
  final String targetId;
  final String task;
  final long version;
  final DsirCounts dsir = new DsirCounts();
  final GzipReference gzip;
  /** Per method (task2vec, embedding): the target's mean embedding and its probe. */
  final java.util.Map<String, Ref> encoders = new java.util.HashMap<>();
  /** A sample of the target's text payloads, for calibrating contrasted scores. */
  final java.util.List<Object> calibration;

  record Ref(String probeId, float[] mean) {}

  ScoringTarget(TargetReference r, int gzipSize) {
    targetId = r.getTargetId();
    task = r.getTask();
    version = r.getVersion();
    for (int i = 0; i < r.getDsirBuckets().size(); i++) {
      dsir.set(r.getDsirBuckets().get(i), r.getDsirCounts().get(i));
    }
    gzip = new GzipReference(gzipSize, targetId.hashCode(), r.getGzipTexts(), r.getTargetCount());
    if (r.getTask2vecProbeId() != null && !r.getTask2vecEmbedding().isEmpty()) {
      encoders.put(ScorerSettings.TASK2VEC, new Ref(r.getTask2vecProbeId(), floats(r.getTask2vecEmbedding())));
    }
    if (r.getEmbeddingProbeId() != null && !r.getEmbeddingMean().isEmpty()) {
      encoders.put(ScorerSettings.EMBEDDING, new Ref(r.getEmbeddingProbeId(), floats(r.getEmbeddingMean())));
    }
    calibration = java.util.List.copyOf(r.getCalibrationPayloads());
  }

  static float[] floats(java.util.List<Float> values) {
    float[] e = new float[values.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = values.get(i);
    }
    return e;
  }
}
