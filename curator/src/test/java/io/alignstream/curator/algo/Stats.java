package io.alignstream.curator.algo;

/** Test-only statistics: tolerances derived from the trial count, never hand-tuned constants. */
final class Stats {

  /**
   * z for the per-check tolerances below: a two-sided normal tail of about 7e-6, so a family of a
   * few dozen checks on a correct implementation fails with probability well under 0.1% (and,
   * with fixed seeds, the outcome is the same on every run).
   */
  static final double Z = 4.5;

  private Stats() {}

  /** Allowed |observed frequency − p| after {@code trials} Bernoulli(p) trials. */
  static double binomialTolerance(double p, int trials) {
    return Z * Math.sqrt(p * (1 - p) / trials);
  }

  /** Pearson's chi-square of observed counts against expected probabilities. */
  static double chiSquare(long[] observed, double[] expectedProbability) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double chi2 = 0;
    for (int i = 0; i < observed.length; i++) {
      double e = n * expectedProbability[i];
      chi2 += (observed[i] - e) * (observed[i] - e) / e;
    }
    return chi2;
  }

  /**
   * The chi-square quantile at upper tail 0.001 (z = 3.0902), by the Wilson–Hilferty cube
   * approximation: within 1.5% for df ≥ 4, slightly lenient (df 4: 18.7 vs 18.47 exact; df 19:
   * 43.9 vs 43.82).
   */
  static double chiSquareCritical001(int df) {
    double z = 3.0902;
    double c = 2.0 / (9.0 * df);
    double t = 1 - c + z * Math.sqrt(c);
    return df * t * t * t;
  }
}
