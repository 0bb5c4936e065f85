package io.alignstream.analyzer.fit;

import java.util.Arrays;
import java.util.List;

/**
 * The fit objective (DESIGN §5, after Hoffmann et al. 2022): Σᵢ wᵢ·Huber_δ(log f(Dᵢ, Aᵢ) − log yᵢ),
 * <strong>summed</strong> over points, not averaged, with Huber_δ(r) = r²/2 for |r| ≤ δ and
 * δ(|r| − δ/2) beyond. Weights are 1 for a plain fit and the multiplicity of each point in a
 * bootstrap resample, which is the same sum as over the resampled list. Logs of the data are taken
 * once here, so evaluating costs one or two transcendental functions per point. Not thread-safe (it
 * keeps a scratch gradient): one instance per thread.
 */
public final class HuberObjective implements DifferentiableFunction {
  private final ScalingLaw law;
  private final double delta;
  private final double[] logSize;
  private final double[] logAlignment;
  private final double[] logValue;
  private final double[] weight;
  private final double[] pointGradient;

  private HuberObjective(ScalingLaw law, double delta, double[] logSize, double[] logAlignment, double[] logValue,
      double[] weight) {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("Huber delta must be > 0, was " + delta);
    }
    this.law = law;
    this.delta = delta;
    this.logSize = logSize;
    this.logAlignment = logAlignment;
    this.logValue = logValue;
    this.weight = weight;
    this.pointGradient = new double[law.dimension()];
  }

  /** The objective over the given points, each with weight 1 (points are validated for the law). */
  public static HuberObjective of(ScalingLaw law, List<Observation> points, double delta) {
    int n = points.size();
    double[] logSize = new double[n];
    double[] logAlignment = new double[n];
    double[] logValue = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      Observation p = points.get(i);
      check(law, p);
      logSize[i] = Math.log(p.size());
      logAlignment[i] = law.usesAlignment() ? Math.log(p.alignment()) : 0;
      logValue[i] = Math.log(p.value());
      weight[i] = 1;
    }
    return new HuberObjective(law, delta, logSize, logAlignment, logValue, weight);
  }

  /** The same objective over a resample: point i counted {@code counts[i]} times (points with 0 dropped). */
  public HuberObjective reweighted(int[] counts) {
    int kept = 0;
    for (int c : counts) {
      kept += c > 0 ? 1 : 0;
    }
    double[] s = new double[kept];
    double[] a = new double[kept];
    double[] v = new double[kept];
    double[] w = new double[kept];
    for (int i = 0, j = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        s[j] = logSize[i];
        a[j] = logAlignment[i];
        v[j] = logValue[i];
        w[j] = counts[i] * weight[i];
        j++;
      }
    }
    return new HuberObjective(law, delta, s, a, v, w);
  }

  /** Huber_δ(r). */
  public static double huber(double residual, double delta) {
    double abs = Math.abs(residual);
    return abs <= delta ? 0.5 * residual * residual : delta * (abs - 0.5 * delta);
  }

  /** The objective at natural parameters. */
  public double valueAtNatural(double[] natural) {
    return valueAndGradient(law.toFree(natural), null);
  }

  /** @param gradient filled with ∂/∂free, or null for the value only */
  @Override
  public double valueAndGradient(double[] free, double[] gradient) {
    double[] natural = law.toNatural(free);
    int k = free.length;
    if (gradient != null) {
      Arrays.fill(gradient, 0);
    }
    double sum = 0;
    for (int i = 0; i < logSize.length; i++) {
      double prediction = law.logPrediction(free, natural, logSize[i], logAlignment[i],
          gradient == null ? null : pointGradient);
      double r = prediction - logValue[i];
      if (!Double.isFinite(r)) {
        return Double.POSITIVE_INFINITY;
      }
      double abs = Math.abs(r);
      double w = weight[i];
      double slope;
      if (abs <= delta) {
        sum += w * 0.5 * r * r;
        slope = w * r;
      } else {
        sum += w * delta * (abs - 0.5 * delta);
        slope = w * (r > 0 ? delta : -delta);
      }
      if (gradient != null) {
        for (int j = 0; j < k; j++) {
          gradient[j] += slope * pointGradient[j];
        }
      }
    }
    return sum;
  }

  /** Log residuals log f − log y at free parameters, one per point (weights ignored). */
  double[] residuals(double[] free) {
    double[] natural = law.toNatural(free);
    double[] r = new double[logSize.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = law.logPrediction(free, natural, logSize[i], logAlignment[i], null) - logValue[i];
    }
    return r;
  }

  public double delta() {
    return delta;
  }

  public int points() {
    return logSize.length;
  }

  static void check(ScalingLaw law, Observation p) {
    if (!(p.size() > 0) || !Double.isFinite(p.size())) {
      throw new IllegalArgumentException("Dataset size must be finite and > 0: " + p);
    }
    if (!(p.value() > 0) || !Double.isFinite(p.value())) {
      throw new IllegalArgumentException("Observed value must be finite and > 0 (log-space fit): " + p);
    }
    if (law.usesAlignment() && !(p.alignment() > 0 && p.alignment() <= 1)) {
      throw new IllegalArgumentException("Alignment must lie in (0, 1] for " + law.name() + ": " + p);
    }
  }
}
