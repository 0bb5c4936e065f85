package io.alignstream.ingest.generate;

/**
 * The two Bessel functions the probe model needs, by the polynomial approximations of Abramowitz and
 * Stegun (1964): J₁ (9.4.4 and 9.4.6, absolute error ≤ 1.3e-8) and the exponentially scaled
 * {@code I₀(x)·e^(−x)} (9.8.1 and 9.8.2, relative error ≤ 2e-7), scaled so that large arguments do not
 * overflow.
 */
final class Bessel {
  private Bessel() {}

  static double j1(double x) {
    double ax = Math.abs(x);
    double result;
    if (ax <= 3) {
      double t = (x / 3) * (x / 3);
      result = x * (0.5 + t * (-0.56249985 + t * (0.21093573 + t * (-0.03954289 + t * (0.00443319
          + t * (-0.00031761 + t * 0.00001109))))));
      return result;
    }
    double u = 3 / ax;
    double f1 = 0.79788456 + u * (0.00000156 + u * (0.01659667 + u * (0.00017105 + u * (-0.00249511
        + u * (0.00113653 - u * 0.00020033)))));
    double theta1 = ax - 2.35619449 + u * (0.12499612 + u * (0.00005650 + u * (-0.00637879 + u * (0.00074348
        + u * (0.00079824 - u * 0.00029166)))));
    result = f1 * Math.cos(theta1) / Math.sqrt(ax);
    return x < 0 ? -result : result;
  }

  /** {@code e^(−|x|)·I₀(x)}. */
  static double i0Scaled(double x) {
    double ax = Math.abs(x);
    if (ax < 3.75) {
      double t = (x / 3.75) * (x / 3.75);
      double i0 = 1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768
          + t * 0.0045813)))));
      return i0 * Math.exp(-ax);
    }
    double u = 3.75 / ax;
    return (0.39894228 + u * (0.01328592 + u * (0.00225319 + u * (-0.00157565 + u * (0.00916281
        + u * (-0.02057706 + u * (0.02635537 + u * (-0.01647633 + u * 0.00392377)))))))) / Math.sqrt(ax);
  }
}
