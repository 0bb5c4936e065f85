package io.alignstream.scorer.config;

import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.task2vec.Task2Vec;
import io.alignstream.scorer.topology.EmbeddingScoring;
import java.util.List;

/** The embedding method per sample: MiniLM sentence embeddings, cosine similarity, contrasted. */
final class TextEmbeddingScoring implements EmbeddingScoring {
  private final java.util.function.Supplier<SentenceEncoder> loader;
  private SentenceEncoder encoder;

  /** The encoder is loaded on first use. */
  TextEmbeddingScoring(java.util.function.Supplier<SentenceEncoder> encoder) {
    this.loader = encoder;
  }

  private synchronized SentenceEncoder encoder() {
    if (encoder == null) {
      encoder = loader.get();
    }
    return encoder;
  }

  @Override
  public String method() {
    return "embedding";
  }

  @Override
  public Reference reference(String task, List<Object> targetPayloads) {
    List<Object> text = targetPayloads.stream().filter(p -> encoder().rejection(p) == null).toList();
    if (text.isEmpty()) {
      return null;
    }
    float[][] rows = encoder().embed(text);
    float[] mean = Task2Vec.mean(List.of(rows));
    double spread = 0;
    for (float[] r : rows) {
      spread += 1 - SentenceEncoder.cosine(r, mean);
    }
    return new Reference(encoder().id(), mean, spread / rows.length, 1);
  }

  @Override
  public Embeddings embed(String task, List<Object> payloads) {
    float[][] rows = EmbeddingScoring.embedAccepted(payloads, p -> encoder().rejection(p) == null, encoder()::embed);
    return rows == null ? null : new Embeddings(encoder().id(), rows, true);
  }

  @Override
  public double similarity(float[] a, float[] b) {
    return SentenceEncoder.cosine(a, b);
  }
}
