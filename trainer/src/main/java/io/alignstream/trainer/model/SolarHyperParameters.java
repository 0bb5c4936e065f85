package io.alignstream.trainer.model;

import java.util.List;

/**
 * Hyper-parameters of {@link SolarModel}.
 *
 * @param features the input features by name, in input order (payloads are matched by name; a
 *     missing feature counts as missing, extra ones are ignored)
 * @param hidden1 first hidden layer width
 * @param hidden2 second hidden layer width
 * @param learningRate Adam step size
 * @param threshold a probability at or above it forecasts a flare
 * @param positiveWeight loss weight of a positive sample (negatives weigh 1); 0 = balanced, from the
 *     class counts of all training samples so far: {@code N/(2·P)} and {@code N/(2·(N−P))}
 */
public record SolarHyperParameters(List<String> features, int hidden1, int hidden2, double learningRate,
    double threshold, double positiveWeight) implements HyperParameters {

  /** The SHARP keywords of DESIGN §7 that describe an active region's magnetic field. */
  public static final List<String> SHARP_FEATURES = List.of("USFLUX", "MEANGAM", "MEANGBT", "MEANGBZ", "MEANGBH",
      "MEANJZD", "TOTUSJZ", "MEANALP", "MEANJZH", "TOTUSJH", "ABSNJZH", "SAVNCPP", "MEANPOT", "TOTPOT", "MEANSHR",
      "SHRGT45", "R_VALUE", "AREA_ACR");

  public SolarHyperParameters {
    features = List.copyOf(features);
    if (features.isEmpty() || features.stream().distinct().count() != features.size()) {
      throw new IllegalArgumentException("solar features must be non-empty and distinct: " + features);
    }
    if (hidden1 < 1 || hidden2 < 1 || !(learningRate > 0) || !(threshold > 0 && threshold < 1)
        || positiveWeight < 0) {
      throw new IllegalArgumentException("invalid solar hyper-parameters: hidden " + hidden1 + "/" + hidden2
          + ", learning rate " + learningRate + ", threshold " + threshold + ", positive weight " + positiveWeight);
    }
  }

  /** The 18 SHARP keywords, MLP 64 → 32, balanced class weights, threshold 0.5. */
  public static SolarHyperParameters defaults() {
    return new SolarHyperParameters(SHARP_FEATURES, 64, 32, 1e-3, 0.5, 0);
  }

  /** The same network on other features. */
  public SolarHyperParameters withFeatures(List<String> names) {
    return new SolarHyperParameters(names, hidden1, hidden2, learningRate, threshold, positiveWeight);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.SOLAR;
  }

  @Override
  public double gradientClipNorm() {
    return 0;
  }
}
