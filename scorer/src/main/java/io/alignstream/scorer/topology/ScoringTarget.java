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
  final String task2vecProbeId;
  final float[] task2vecEmbedding;

  ScoringTarget(TargetReference r, int gzipSize) {
    targetId = r.getTargetId();
    task = r.getTask();
    version = r.getVersion();
    for (int i = 0; i < r.getDsirBuckets().size(); i++) {
      dsir.set(r.getDsirBuckets().get(i), r.getDsirCounts().get(i));
    }
    gzip = new GzipReference(gzipSize, targetId.hashCode(), r.getGzipTexts(), r.getTargetCount());
    task2vecProbeId = r.getTask2vecProbeId();
    float[] e = new float[r.getTask2vecEmbedding().size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = r.getTask2vecEmbedding().get(i);
    }
    task2vecEmbedding = e;
  }

  boolean hasTask2Vec() {
    return task2vecProbeId != null && task2vecEmbedding.length > 0;
  }
}
