package io.alignstream.trainer.model;

/**
 * Hyper-parameters of {@link MtModel}.
 *
 * @param vocabularySize declared tokeniser size: the rows of both embedding tables and the output layer
 * @param embeddingSize token embedding width (64–128)
 * @param hiddenSize GRU state width
 * @param maxTokens longest source or target in tokens (longer ones are cut) and the decoding limit
 * @param learningRate Adam step size
 * @param gradientClipNorm global gradient-norm clip (0 = off); recurrent nets need it
 * @param evaluationBatchSize test pairs per forward pass when evaluating or translating
 */
public record MtHyperParameters(int vocabularySize, int embeddingSize, int hiddenSize, int maxTokens,
    double learningRate, double gradientClipNorm, int evaluationBatchSize) implements HyperParameters {

  public MtHyperParameters {
    if (vocabularySize < 8 || embeddingSize < 1 || hiddenSize < 1 || maxTokens < 2 || evaluationBatchSize < 1) {
      throw new IllegalArgumentException("invalid MT hyper-parameters: vocabulary " + vocabularySize + ", embedding "
          + embeddingSize + ", hidden " + hiddenSize + ", maxTokens " + maxTokens + ", evaluationBatchSize "
          + evaluationBatchSize);
    }
    if (!(learningRate > 0) || gradientClipNorm < 0) {
      throw new IllegalArgumentException("invalid MT learning rate " + learningRate + " or clip " + gradientClipNorm);
    }
  }

  /** The research default: 8,000 subwords, embedding 128, hidden 128, 64 tokens. */
  public static MtHyperParameters defaults() {
    return new MtHyperParameters(8000, 128, 128, 64, 5e-3, 1.0, 64);
  }

  /** CI-sized: 512 subwords, embedding 64, hidden 128, 32 tokens. */
  public static MtHyperParameters ciSized() {
    return new MtHyperParameters(512, 64, 128, 32, 1e-2, 1.0, 64);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.MT;
  }
}
