package io.alignstream.scorer.coefficient;

import io.alignstream.scorer.embedding.SentenceEncoder;
import java.util.List;

/**
 * Embedding alignment (Chawla et al.'s sentence-embedding method): a batch is the mean of its samples'
 * unit sentence embeddings; alignment is the cosine similarity of the two means.
 */
public final class EmbeddingMethod implements CoefficientMethod {
  private final SentenceEncoder encoder;

  public EmbeddingMethod(SentenceEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  public String name() {
    return "embedding";
  }

  @Override
  public String probeId() {
    return encoder.id();
  }

  @Override
  public String rejection(Object payload) {
    return encoder.rejection(payload);
  }

  @Override
  public Object represent(List<?> batch) {
    return encoder.mean(batch);
  }

  @Override
  public double alignment(Object targetBatch, Object datasetBatch) {
    return SentenceEncoder.cosine((float[]) targetBatch, (float[]) datasetBatch);
  }
}
