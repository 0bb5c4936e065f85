package io.alignstream.analyzer.fit;

import java.util.List;

/**
 * A parametric scaling law y = f(D, A; p). Parameters live in two coordinates: <em>natural</em>
 * (what is reported: E, B, α, …) and <em>free</em> (what the optimiser moves, unconstrained, e.g.
 * log E so that E stays positive). Implementations are stateless and thread-safe.
 */
public interface ScalingLaw {

  /** Stable identifier, recorded with every fit (e.g. {@code cross-entropy}). */
  String name();

  /** Natural parameter names, in the order of every parameter array. */
  List<String> parameterNames();

  default int dimension() {
    return parameterNames().size();
  }

  /** Huber δ on log residuals (DESIGN §5: 1e-3 for losses, 0.1 for metrics). */
  double defaultHuberDelta();

  /** Whether predictions depend on the alignment A (then every A must lie in (0, 1]). */
  boolean usesAlignment();

  /** The law's value at (D, A); NaN where the law is undefined for these parameters. */
  double predict(double[] natural, double size, double alignment);

  double[] toNatural(double[] free);

  double[] toFree(double[] natural);

  /**
   * log f(D, A) and its gradient with respect to the free parameters, the inner loop of every fit.
   *
   * @param free the free parameters
   * @param natural the same parameters in natural coordinates ({@link #toNatural} of free)
   * @param gradient filled with ∂ log f / ∂ free, or null when not needed
   * @return log f, NaN where f ≤ 0 or is undefined
   */
  double logPrediction(double[] free, double[] natural, double logSize, double logAlignment, double[] gradient);

  /** Starting points (free coordinates) for the grid of L-BFGS runs, derived from the data. */
  List<double[]> startingPoints(List<Observation> points);
}
