package io.alignstream.scorer.topology;

import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.gzip.GzipReference;
import io.alignstream.schemas.scored.TargetReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One target as the scorer holds it in memory: DSIR target counts, the gzip reference sample and the
 * version bookkeeping. Its durable form is {@link TargetReference} (store and topic) plus the DSIR
 * bucket counts in the counts store.
 */
final class TargetState {
  final String targetId;
  final String task;
  final DsirCounts dsir = new DsirCounts();
  final GzipReference gzip;
  long version;
  long targetCount;
  boolean dirty;
  /** The encoders' last reference (method → reference), kept between their rate-limited refreshes. */
  final java.util.Map<String, EmbeddingScoring.Reference> encoderReferences = new java.util.HashMap<>();
  /** Wall-clock time of the encoders' last refresh, and the target count it saw. */
  long encodersRefreshedAt = Long.MIN_VALUE;
  long encodersRefreshedCount = -1;
  java.util.List<Object> calibration = java.util.List.of();

  TargetState(String targetId, String task, int gzipSize) {
    this.targetId = targetId;
    this.task = task;
    this.gzip = new GzipReference(gzipSize, targetId.hashCode());
  }

  TargetState(TargetReference r, int gzipSize) {
    this.targetId = r.getTargetId();
    this.task = r.getTask();
    this.version = r.getVersion();
    this.targetCount = r.getTargetCount();
    this.gzip = new GzipReference(gzipSize, targetId.hashCode(), r.getGzipTexts(), r.getTargetCount());
    if (r.getTask2vecProbeId() != null && !r.getTask2vecEmbedding().isEmpty()) {
      encoderReferences.put(ScorerSettings.TASK2VEC, new EmbeddingScoring.Reference(r.getTask2vecProbeId(),
          ScoringTarget.floats(r.getTask2vecEmbedding()), r.getTask2vecSpread() == null ? 0 : r.getTask2vecSpread(),
          r.getTask2vecBatches()));
    }
    if (r.getEmbeddingProbeId() != null && !r.getEmbeddingMean().isEmpty()) {
      encoderReferences.put(ScorerSettings.EMBEDDING, new EmbeddingScoring.Reference(r.getEmbeddingProbeId(),
          ScoringTarget.floats(r.getEmbeddingMean()), 0, 1));
    }
    this.calibration = java.util.List.copyOf(r.getCalibrationPayloads());
    if (!encoderReferences.isEmpty()) {
      this.encodersRefreshedCount = r.getEncoderTargetCount();
    }
  }

  TargetReference toReference(Instant now) {
    List<Integer> buckets = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int b = 0; b < io.alignstream.scorer.dsir.HashedNgrams.BUCKETS; b++) {
      if (dsir.get(b) > 0) {
        buckets.add(b);
        counts.add(dsir.get(b));
      }
    }
    return TargetReference.newBuilder()
        .setTargetId(targetId)
        .setTask(task)
        .setVersion(version)
        .setTargetCount(targetCount)
        .setDsirBuckets(buckets)
        .setDsirCounts(counts)
        .setGzipTexts(gzip.texts())
        .setTask2vecProbeId(probeId(ScorerSettings.TASK2VEC))
        .setTask2vecEmbedding(list(ScorerSettings.TASK2VEC))
        .setTask2vecSpread(encoderReferences.containsKey(ScorerSettings.TASK2VEC)
            ? encoderReferences.get(ScorerSettings.TASK2VEC).spread() : null)
        .setTask2vecBatches(encoderReferences.containsKey(ScorerSettings.TASK2VEC)
            ? encoderReferences.get(ScorerSettings.TASK2VEC).batches() : 0)
        .setEmbeddingProbeId(probeId(ScorerSettings.EMBEDDING))
        .setEmbeddingMean(list(ScorerSettings.EMBEDDING))
        .setCalibrationPayloads(new ArrayList<>(calibration))
        .setEncoderTargetCount(Math.max(0, encodersRefreshedCount))
        .setUpdatedTime(now)
        .build();
  }

  private String probeId(String method) {
    EmbeddingScoring.Reference r = encoderReferences.get(method);
    return r == null ? null : r.probeId();
  }

  private List<Float> list(String method) {
    EmbeddingScoring.Reference r = encoderReferences.get(method);
    List<Float> out = new ArrayList<>();
    if (r != null) {
      for (float v : r.embedding()) {
        out.add(v);
      }
    }
    return out;
  }
}
