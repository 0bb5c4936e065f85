package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Alignment-aware downstream loss (DESIGN §5, our extension, to be tested against the plain law):
 * effective data D·A^γ and a misalignment floor E(A) = E₀ + κ(1 − A):
 * {@code L(D, A) = E₀ + κ(1−A) + B·(D·A^γ)^(−α)}, with E₀, κ, γ ≥ 0 and B, α &gt; 0. Free coordinates are
 * the logs of all five (κ or γ near 0 shows as a large negative free value). A must lie in (0, 1].
 */
public final class AlignmentAwareLaw implements ScalingLaw {
  public static final String NAME = "alignment-aware";
  private static final List<String> NAMES = List.of("E0", "kappa", "B", "gamma", "alpha");
  private static final double[] FLOOR_FRACTIONS = {0.3, 0.7, 0.95};
  private static final double[] KAPPA_FRACTIONS = {0.05, 0.5};
  private static final double[] GAMMAS = {0.5, 1.5};
  private static final double[] EXPONENTS = {0.1, 0.3, 0.8};

  /** The law's parameters by name, with the law's formulas. */
  public record Parameters(double e0, double kappa, double b, double gamma, double alpha) {

    public static Parameters of(double[] natural) {
      return new Parameters(natural[0], natural[1], natural[2], natural[3], natural[4]);
    }

    /** The misalignment floor E(A) = E₀ + κ(1 − A): the loss no amount of data at alignment A goes below. */
    public double floor(double alignment) {
      return e0 + kappa * (1 - alignment);
    }

    public double loss(double size, double alignment) {
      return floor(alignment) + b * Math.pow(size * Math.pow(alignment, gamma), -alpha);
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
    return true;
  }

  @Override
  public double predict(double[] natural, double size, double alignment) {
    return Parameters.of(natural).loss(size, alignment);
  }

  @Override
  public double[] toNatural(double[] free) {
    double[] natural = new double[5];
    for (int i = 0; i < 5; i++) {
      natural[i] = Math.exp(free[i]);
    }
    return natural;
  }

  @Override
  public double[] toFree(double[] natural) {
    double[] free = new double[5];
    for (int i = 0; i < 5; i++) {
      free[i] = Math.log(natural[i]);
    }
    return free;
  }

  @Override
  public double logPrediction(double[] free, double[] natural, double logSize, double logAlignment,
      double[] gradient) {
    double e0 = natural[0];
    double kappa = natural[1];
    double gamma = natural[3];
    double alpha = natural[4];
    double logEffective = logSize + gamma * logAlignment;
    double term = Math.exp(free[2] - alpha * logEffective);
    double misalignment = kappa * -Math.expm1(logAlignment);
    double loss = e0 + misalignment + term;
    if (gradient != null) {
      gradient[0] = e0 / loss;
      gradient[1] = misalignment / loss;
      gradient[2] = term / loss;
      gradient[3] = -term * alpha * gamma * logAlignment / loss;
      gradient[4] = -term * alpha * logEffective / loss;
    }
    return Math.log(loss);
  }

  /**
   * A grid over the floor E₀ (fractions of the smallest loss), κ (fractions of the spread of losses),
   * γ and α; B for each is the median of (y − E(A))·(D·A^γ)^α over points above the floor.
   */
  @Override
  public List<double[]> startingPoints(List<Observation> points) {
    double minimum = points.stream().mapToDouble(Observation::value).min().orElseThrow();
    double maximum = points.stream().mapToDouble(Observation::value).max().orElseThrow();
    double spread = Math.max(maximum - minimum, 1e-3 * maximum);
    List<double[]> starts = new ArrayList<>();
    for (double floorFraction : FLOOR_FRACTIONS) {
      double e0 = floorFraction * minimum;
      for (double kappaFraction : KAPPA_FRACTIONS) {
        double kappa = kappaFraction * spread;
        for (double gamma : GAMMAS) {
          for (double alpha : EXPONENTS) {
            double[] logB = points.stream().filter(p -> p.value() > e0 + kappa * (1 - p.alignment()))
                .mapToDouble(p -> Math.log(p.value() - e0 - kappa * (1 - p.alignment()))
                    + alpha * (Math.log(p.size()) + gamma * Math.log(p.alignment())))
                .toArray();
            if (logB.length > 0) {
              starts.add(new double[] {Math.log(e0), Math.log(kappa), Stats.median(logB), Math.log(gamma),
                  Math.log(alpha)});
            }
          }
        }
      }
    }
    return starts;
  }
}
