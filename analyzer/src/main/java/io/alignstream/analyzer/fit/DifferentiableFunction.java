package io.alignstream.analyzer.fit;

import java.util.function.ToDoubleFunction;

/** A function ℝⁿ → ℝ with its gradient, as {@link Lbfgs} needs it. */
@FunctionalInterface
public interface DifferentiableFunction {

  /**
   * @param x the point (not modified)
   * @param gradient filled with ∇f(x), same length as x
   * @return f(x); +∞ or NaN where f is undefined (the line search then steps back)
   */
  double valueAndGradient(double[] x, double[] gradient);

  /**
   * Central-difference gradient of a plain function, for objectives without an analytic gradient
   * (2n extra evaluations per call; steps scale with |xᵢ|).
   */
  static DifferentiableFunction numeric(ToDoubleFunction<double[]> f) {
    return (x, gradient) -> {
      double fx = f.applyAsDouble(x);
      double[] probe = x.clone();
      for (int i = 0; i < x.length; i++) {
        double h = 1e-6 * Math.max(1.0, Math.abs(x[i]));
        probe[i] = x[i] + h;
        double up = f.applyAsDouble(probe);
        probe[i] = x[i] - h;
        double down = f.applyAsDouble(probe);
        probe[i] = x[i];
        gradient[i] = (up - down) / (2 * h);
      }
      return fx;
    };
  }
}
