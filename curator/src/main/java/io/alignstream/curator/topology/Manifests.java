package io.alignstream.curator.topology;

import io.alignstream.curator.policy.Policy;
import io.alignstream.schemas.dataset.DatasetManifest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the manifest of a curated dataset from its state and policy. */
final class Manifests {
  private Manifests() {}

  static DatasetManifest of(Policy p, String datasetId, String topic, DatasetState d, Long sizeLimit, long now) {
    Map<String, Double> quantiles = new LinkedHashMap<>();
    if (!d.alignment.isEmpty()) {
      double[] q = d.alignment.quantiles(0.1, 0.5, 0.9);
      quantiles.put("p10", q[0]);
      quantiles.put("p50", q[1]);
      quantiles.put("p90", q[2]);
    }
    return DatasetManifest.newBuilder()
        .setDatasetId(datasetId)
        .setTask(p.task())
        .setTopic(topic)
        .setFamily(p.selection() instanceof Policy.Family ? p.id() : null)
        .setPolicy(p.declared().getPolicy())
        .setTargetId(p.targetId())
        .setMethod(p.method())
        .setSize(d.size)
        .setSizeLimit(sizeLimit)
        .setMeanAlignment(d.mean())
        .setAlignmentQuantiles(quantiles)
        .setSealed(d.sealed)
        // Positions in the dataset (the alignstream.seq header of its records), not broker offsets,
        // which transaction markers make unpredictable under exactly-once.
        .setFirstOffset(d.size == 0 ? null : 0L)
        .setLastOffset(d.size == 0 ? null : d.size - 1)
        .setUpdatedTime(Instant.ofEpochMilli(now))
        .build();
  }
}
