package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Translation-metric log-law (Isik et al. 2025): {@code f(D) = (log(a·D^α))^β} with the natural
 * logarithm, a &gt; 0, α &gt; 0, β &gt; 0. The law is only defined where a·D^α &gt; 1; predictions outside
 * are NaN and the optimiser never leaves that region. Free coordinates are (log a, log α, log β).
 * Monotone by construction: non-monotonic metric curves are detected separately
 * ({@link NonMonotonicityDetector}). Ignores alignment.
 */
public final class MetricLogLaw implements ScalingLaw {
  public static final String NAME = "metric-log";
  private static final List<String> NAMES = List.of("a", "alpha", "beta");
  private static final double[] POWERS = {0.25, 0.5, 1, 2, 4, 8};

  /** The law's parameters by name, with the law's formula. */
  public record Parameters(double a, double alpha, double beta) {

    public static Parameters of(double[] natural) {
      return new Parameters(natural[0], natural[1], natural[2]);
    }

    public double metric(double size) {
      double inner = Math.log(a) + alpha * Math.log(size);
      return inner > 0 ? Math.pow(inner, beta) : Double.NaN;
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
    return 0.1;
  }

  @Override
  public boolean usesAlignment() {
    return false;
  }

  @Override
  public double predict(double[] natural, double size, double alignment) {
    return Parameters.of(natural).metric(size);
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
    double alpha = natural[1];
    double beta = natural[2];
    double inner = free[0] + alpha * logSize;
    if (!(inner > 0)) {
      return Double.NaN;
    }
    double logInner = Math.log(inner);
    if (gradient != null) {
      gradient[0] = beta / inner;
      gradient[1] = beta * alpha * logSize / inner;
      gradient[2] = beta * logInner;
    }
    return beta * logInner;
  }

  /**
   * For each β of a spread, f^(1/β) is linear in log D: a least-squares line gives log a and α. The
   * line is shifted up where needed so that every observed D is inside the law's domain.
   */
  @Override
  public List<double[]> startingPoints(List<Observation> points) {
    int n = points.size();
    double[] x = points.stream().mapToDouble(p -> Math.log(p.size())).toArray();
    double meanX = Arrays.stream(x).average().orElseThrow();
    double minX = Arrays.stream(x).min().orElseThrow();
    List<double[]> starts = new ArrayList<>();
    for (double beta : POWERS) {
      double[] u = points.stream().mapToDouble(p -> Math.pow(p.value(), 1 / beta)).toArray();
      double meanU = Arrays.stream(u).average().orElseThrow();
      double sxu = 0;
      double sxx = 0;
      for (int i = 0; i < n; i++) {
        sxu += (x[i] - meanX) * (u[i] - meanU);
        sxx += (x[i] - meanX) * (x[i] - meanX);
      }
      double alpha = sxx > 0 && sxu > 0 ? sxu / sxx : 1e-3 * meanU / Math.max(1, Math.abs(meanX));
      double logA = meanU - alpha * meanX;
      double lowest = logA + alpha * minX;
      if (lowest <= 0.05 * meanU) {
        logA += 0.05 * meanU - lowest;
      }
      starts.add(new double[] {logA, Math.log(alpha), Math.log(beta)});
    }
    return starts;
  }
}
