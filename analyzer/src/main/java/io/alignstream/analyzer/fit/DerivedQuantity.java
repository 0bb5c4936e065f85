package io.alignstream.analyzer.fit;

import java.util.function.ToDoubleFunction;

/**
 * A quantity computed from a law's natural parameters (a prediction at some D, an exchange rate, …)
 * whose bootstrap confidence interval a fit reports next to the parameters'. The formula may return
 * +∞ (e.g. a crossover that never happens) or NaN (undefined; left out of the interval).
 */
public record DerivedQuantity(String name, ToDoubleFunction<double[]> formula) {

  public double evaluate(double[] natural) {
    return formula.applyAsDouble(natural);
  }
}
