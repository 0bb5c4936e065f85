package io.alignstream.scorer.embedding;

import ai.djl.ndarray.NDManager;
import io.alignstream.scorer.encoder.Chunks;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.encoder.WordPieceTokenizer;
import io.alignstream.scorer.task2vec.Autograd;
import java.util.List;

/**
 * Sentence embeddings of text payloads from the pretrained all-MiniLM-L6-v2 ({@link MiniLm}): the
 * mean of the last hidden states over real tokens, L2-normalised (the model's sentence-transformers
 * pooling). Chunks group similar lengths ({@link Chunks}); a sample's embedding does not depend on its
 * chunk. Calls are serialised with the other encoder work of the JVM.
 */
public final class SentenceEncoder {

  private final MiniLm model;
  private final TextInput input;
  private final int maxChunk;

  /** @param maxChunk at most this many samples per forward pass (also within the token budget) */
  public SentenceEncoder(MiniLm model, TextInput input, int maxChunk) {
    this.model = model;
    this.input = input;
    this.maxChunk = maxChunk;
  }

  /** Identifies the encoder: the weights' version and the input choice. */
  public String id() {
    return "emb-minilm-l6-" + model.version().substring(0, 12) + "-" + input.id();
  }

  public int dimension() {
    return MiniLm.HIDDEN;
  }

  /** Why the payload cannot be embedded, or null. */
  public String rejection(Object payload) {
    return input.rejection(model.tokenizer(), payload);
  }

  /** Unit-length embeddings, one row per payload, in order. */
  public float[][] embed(List<?> payloads) {
    WordPieceTokenizer tok = model.tokenizer();
    List<WordPieceTokenizer.Encoding> encodings = payloads.stream().map(p -> input.encode(tok, p)).toList();
    float[][] out = new float[encodings.size()][];
    return Autograd.locked(() -> Autograd.noGrad(() -> {
      for (int[] chunk : Chunks.of(encodings, WordPieceTokenizer.Encoding::length, Chunks.DEFAULT_TOKEN_BUDGET, maxChunk)) {
        List<WordPieceTokenizer.Encoding> part = new java.util.ArrayList<>();
        for (int i : chunk) {
          part.add(encodings.get(i));
        }
        try (NDManager m = NDManager.newBaseManager()) {
          float[][] rows = model.sentenceEmbeddings(m, MiniLm.Batch.of(part, tok.padId()));
          for (int j = 0; j < chunk.length; j++) {
            out[chunk[j]] = rows[j];
          }
        }
      }
      return out;
    }));
  }

  /** The mean of the payloads' unit embeddings (not re-normalised). */
  public float[] mean(List<?> payloads) {
    float[][] rows = embed(payloads);
    double[] acc = new double[MiniLm.HIDDEN];
    for (float[] r : rows) {
      for (int i = 0; i < acc.length; i++) {
        acc[i] += r[i];
      }
    }
    float[] out = new float[acc.length];
    for (int i = 0; i < acc.length; i++) {
      out[i] = (float) (acc[i] / rows.length);
    }
    return out;
  }

  /** Cosine similarity. */
  public static double cosine(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * (double) b[i];
      aa += a[i] * (double) a[i];
      bb += b[i] * (double) b[i];
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }
}
