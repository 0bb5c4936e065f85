package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Downstream cross-entropy against dataset size (Isik et al. 2025): {@code L(D) = E + B·D^(−α)}, with
 * E ≥ 0 the irreducible loss, B &gt; 0 and α &gt; 0. Free coordinates are (log E, log B, log α), so all
 * three stay positive. Ignores alignment.
 */
public final class CrossEntropyLaw implements ScalingLaw {
  public static final String NAME = "cross-entropy";
  private static final List<String> NAMES = List.of("E", "B", "alpha");
  private static final double[] FLOOR_FRACTIONS = {0.01, 0.5, 0.9, 0.99};
  private static final double[] EXPONENTS = {0.05, 0.15, 0.4, 1.0};

  /** The law's parameters by name, with the law's formulas. */
  public record Parameters(double e, double b, double alpha) {

    public static Parameters of(double[] natural) {
      return new Parameters(natural[0], natural[1], natural[2]);
    }

    public double loss(double size) {
      return e + b * Math.pow(size, -alpha);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double defaultHuberDelta() {
    return 1e-3;
  }

  @Override
  public boolean usesAlignment() {
    return false;
  }

  @Override
  public double predict(double[] natural, double size, double alignment) {
    return Parameters.of(natural).loss(size);
  }

  @Override
  public double[] toNatural(double[] free) {
    return new double[] {Math.exp(free[0]), Math.exp(free[1]), Math.exp(free[2])};
  }

  @Override
  public double[] toFree(double[] natural) {
    return new double[] {Math.log(natural[0]), Math.log(natural[1]), Math.log(natural[2])};
  }

  @Override
  public double logPrediction(double[] free, double[] natural, double logSize, double logAlignment,
      double[] gradient) {
    double e = natural[0];
    double alpha = natural[2];
    double term = Math.exp(free[1] - alpha * logSize);
    double loss = e + term;
    if (gradient != null) {
      gradient[0] = e / loss;
      gradient[1] = term / loss;
      gradient[2] = -term * alpha * logSize / loss;
    }
    return Math.log(loss);
  }

  /**
   * E from a few fractions of the smallest observed loss × α from a spread of exponents; for each pair
   * B is the median of (y − E)·D^α, so every start passes through the middle of the data.
   */
  @Override
  public List<double[]> startingPoints(List<Observation> points) {
    double minimum = points.stream().mapToDouble(Observation::value).min().orElseThrow();
    List<double[]> starts = new ArrayList<>();
    for (double fraction : FLOOR_FRACTIONS) {
      double e = fraction * minimum;
      for (double alpha : EXPONENTS) {
        double[] logB = points.stream().filter(p -> p.value() > e)
            .mapToDouble(p -> Math.log(p.value() - e) + alpha * Math.log(p.size())).toArray();
        if (logB.length > 0) {
          starts.add(new double[] {Math.log(e), Stats.median(logB), Math.log(alpha)});
        }
      }
    }
    return starts;
  }
}
