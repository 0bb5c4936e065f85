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
        .setUpdatedTime(now)
        .build();
  }
}
