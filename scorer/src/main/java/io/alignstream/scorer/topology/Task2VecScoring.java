package io.alignstream.scorer.topology;

import java.util.List;

/**
 * Task2Vec as the scoring processor sees it: a target reference f(T) from target payloads, and
 * per-sample embeddings of a batch, both from the task's probe. Implemented over DJL probes
 * ({@code io.alignstream.scorer.task2vec}); {@link #NONE} when Task2Vec is switched off.
 */
public interface Task2VecScoring {

  /** f(T) with its spread over K batches, from the probe {@code probeId}. */
  record Reference(String probeId, float[] embedding, double spread, int batches) {}

  /** Per-sample embeddings of a batch from the probe {@code probeId}, one row per payload. */
  record Embeddings(String probeId, float[][] rows) {}

  /** The reference of a target from (a sample of) its payloads; null when it cannot be built yet. */
  Reference reference(String task, List<Object> targetPayloads);

  /** Embeddings of a batch of payloads of one task; null when the task has no probe yet. */
  Embeddings embed(String task, List<Object> payloads);

  /** 1 − Task2Vec distance between a sample embedding and a reference. */
  double alignment(float[] sample, float[] reference);

  Task2VecScoring NONE = new Task2VecScoring() {
    @Override
    public Reference reference(String task, List<Object> targetPayloads) {
      return null;
    }

    @Override
    public Embeddings embed(String task, List<Object> payloads) {
      return null;
    }

    @Override
    public double alignment(float[] sample, float[] reference) {
      return Double.NaN;
    }
  };
}
