package io.alignstream.trainer.model;

/**
 * Hyper-parameters of {@link StemModel}.
 *
 * @param inputSize side of the square network input in pixels (a multiple of 4)
 * @param conv1Filters filters of the first 3×3 convolution
 * @param conv2Filters filters of the second 3×3 convolution
 * @param denseSize width of the dense layer
 * @param loss training loss on the standardised target
 * @param learningRate Adam step size
 */
public record StemHyperParameters(int inputSize, int conv1Filters, int conv2Filters, int denseSize, Loss loss,
    double learningRate) implements HyperParameters {

  /** Regression loss. */
  public enum Loss {
    /** Mean absolute error (matches the MAE metric; robust to outliers). */
    L1,
    /** Mean squared error. */
    MSE
  }

  public StemHyperParameters {
    if (inputSize < 8 || inputSize % 4 != 0 || conv1Filters < 1 || conv2Filters < 1 || denseSize < 1
        || loss == null || !(learningRate > 0)) {
      throw new IllegalArgumentException("invalid STEM hyper-parameters: input " + inputSize + " (multiple of 4, ≥ 8), "
          + "filters " + conv1Filters + "/" + conv2Filters + ", dense " + denseSize + ", loss " + loss
          + ", learning rate " + learningRate);
    }
  }

  /** 32×32 input, conv 8 → conv 16, dense 64, L1. */
  public static StemHyperParameters defaults() {
    return new StemHyperParameters(32, 8, 16, 64, Loss.L1, 2e-3);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.STEM;
  }

  @Override
  public double gradientClipNorm() {
    return 0;
  }
}
