package io.alignstream.ingest.generate;

import java.util.random.RandomGenerator;

/**
 * Samplers the JDK lacks: Gamma (Marsaglia and Tsang 2000), Dirichlet (normalised Gammas) and
 * Poisson (inversion by multiplication below λ = 10, Hörmann's 1993 PTRS transformed rejection
 * above, so large-dose pixels cost O(1) and stay exactly Poisson).
 */
final class Distributions {
  private Distributions() {}

  static double gamma(RandomGenerator rng, double shape) {
    if (shape <= 0) {
      throw new IllegalArgumentException("shape must be > 0: " + shape);
    }
    if (shape < 1) {
      // Boost: Gamma(k) = Gamma(k+1) · U^(1/k)
      return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** A Dirichlet draw; components with parameter 0 stay exactly 0 (a degenerate but useful limit). */
  static double[] dirichlet(RandomGenerator rng, double[] alpha) {
    double[] x = new double[alpha.length];
    double sum = 0;
    for (int i = 0; i < alpha.length; i++) {
      x[i] = alpha[i] > 0 ? gamma(rng, alpha[i]) : 0.0;
      sum += x[i];
    }
    if (sum == 0) {
      // Every tiny-shape Gamma underflowed: take the small-concentration limit, a vertex chosen ∝ α.
      x[categorical(rng, alpha)] = 1.0;
      return x;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] /= sum;
    }
    return x;
  }

  /** Index drawn with probability proportional to {@code weights[i]} (weights ≥ 0, not all 0). */
  static int categorical(RandomGenerator rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        u -= weights[i];
        if (u < 0) {
          return i;
        }
      }
    }
    return last;
  }

  static long poisson(RandomGenerator rng, double lambda) {
    if (lambda < 0 || Double.isNaN(lambda)) {
      throw new IllegalArgumentException("lambda must be ≥ 0: " + lambda);
    }
    if (lambda == 0) {
      return 0;
    }
    if (lambda < 10) {
      double limit = Math.exp(-lambda);
      double p = rng.nextDouble();
      long k = 0;
      while (p > limit) {
        p *= rng.nextDouble();
        k++;
      }
      return k;
    }
    return poissonPtrs(rng, lambda);
  }

  private static long poissonPtrs(RandomGenerator rng, double lambda) {
    double slam = Math.sqrt(lambda);
    double loglam = Math.log(lambda);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = rng.nextDouble() - 0.5;
      double v = rng.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
          <= -lambda + k * loglam - logGamma(k + 1.0)) {
        return k;
      }
    }
  }

  /** ln Γ(x) for x > 0, Lanczos (g = 7, n = 9), relative error ≈ 1e-15. */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double sum = LANCZOS[0];
    double t = x + 7.5;
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};
}
