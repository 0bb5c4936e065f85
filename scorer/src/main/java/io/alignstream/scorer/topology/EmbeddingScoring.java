package io.alignstream.scorer.topology;

import java.util.List;

/**
 * A per-sample method that scores by comparing embeddings, as the scoring processor sees it: {@code
 * task2vec} (Fisher embeddings of a probe) or {@code embedding} (sentence embeddings). A target's
 * reference is the mean embedding of (a sample of) its payloads; a pool sample's embedding comes from
 * one batched pass.
 *
 * <p>When {@link Embeddings#contrasted()}, the score is the calibrated contrast against the task's
 * pool ({@link BatchScorer}): {@code (sim(x, T) − sim(x, P)) / c_T}. Otherwise (the legacy feature and
 * image probes) it is {@code sim(x, T)} alone.
 */
public interface EmbeddingScoring {

  /** A target's mean embedding from the probe {@code probeId}, with its spread over K batches. */
  record Reference(String probeId, float[] embedding, double spread, int batches) {}

  /** Per-sample embeddings of a batch (a null row: a payload the probe cannot embed). */
  record Embeddings(String probeId, float[][] rows, boolean contrasted) {}

  /** task2vec or embedding. */
  String method();

  /** The reference of a target from (a sample of) its payloads; null when it cannot be built yet. */
  Reference reference(String task, List<Object> targetPayloads);

  /** Embeddings of a batch of payloads of one task; null when the task has no probe (yet). */
  Embeddings embed(String task, List<Object> payloads);

  /** Similarity of two embeddings, higher = more alike (task2vec: 1 − Task2Vec distance; embedding: cosine). */
  double similarity(float[] a, float[] b);

  /**
   * One row per payload: the payloads {@code accepts} takes are embedded in one call of {@code embed},
   * the others get a null row; null when none is taken.
   */
  static float[][] embedAccepted(List<Object> payloads, java.util.function.Predicate<Object> accepts,
      java.util.function.Function<List<Object>, float[][]> embed) {
    List<Integer> index = new java.util.ArrayList<>();
    List<Object> accepted = new java.util.ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      if (accepts.test(payloads.get(i))) {
        index.add(i);
        accepted.add(payloads.get(i));
      }
    }
    if (accepted.isEmpty()) {
      return null;
    }
    float[][] rows = new float[payloads.size()][];
    float[][] embedded = embed.apply(accepted);
    for (int j = 0; j < index.size(); j++) {
      rows[index.get(j)] = embedded[j];
    }
    return rows;
  }
}
