package io.alignstream.analyzer.fit;

/**
 * A fitted parameter or derived quantity: the full-data estimate and its percentile bootstrap
 * confidence interval (both bounds NaN when the fit ran no resamples; a bound may be +∞ for a derived
 * quantity such as a crossover that never happens in some resamples).
 */
public record ParameterEstimate(String name, double value, double ciLow, double ciHigh) {

  public boolean intervalContains(double x) {
    return x >= ciLow && x <= ciHigh;
  }
}
