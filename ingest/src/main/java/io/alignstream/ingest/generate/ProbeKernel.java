package io.alignstream.ingest.generate;

/**
 * The radial image of one atom: the probe intensity convolved with the atom's Gaussian,
 * {@code K = |ψ_probe|² ⊛ g}, tabulated once per microscope setting and normalised to
 * {@code ∫K d²r = 1} (units 1/Å²).
 *
 * <p>Probe: the aberration-free Airy pattern {@code [2J₁(v)/v]²}, {@code v = 2π·α·r/λ}, kept to its
 * third zero ({@code v = 10.17}, ≈ 94 % of its energy; the rest of the weak rings is dropped and the
 * kernel renormalised). Every Gaussian broadening adds in quadrature, {@code σ² = σ_atom² +
 * σ_source² + (α·Δf/2)²}: the atom's own width g, the source size, and defocus treated as a
 * Gaussian of the geometric disc's r.m.s. width (the first-order approximation; spherical aberration
 * is ignored). For radial functions the convolution with a 2D Gaussian is the Hankel-type integral
 * {@code K(r) = ∫ A(r')·(r'/σ²)·exp(−(r−r')²/2σ²)·Ĩ₀(r·r'/σ²) dr'} with {@code Ĩ₀(x) = e^(−x)I₀(x)}.
 */
final class ProbeKernel {
  private static final double THIRD_AIRY_ZERO = 10.1735;
  private static final int TABLE_SIZE = 1024;

  private final double cutoff;
  private final double step;
  private final double[] table;
  private final double fwhmEstimate;

  /**
   * @param wavelength λ in Å
   * @param alphaRad convergence semi-angle in radians
   * @param sigma total Gaussian broadening σ in Å (≥ 0)
   */
  ProbeKernel(double wavelength, double alphaRad, double sigma) {
    double k = 2 * Math.PI * alphaRad / wavelength;
    double airyCutoff = THIRD_AIRY_ZERO / k;
    this.cutoff = airyCutoff + 4 * sigma;
    this.step = cutoff / (TABLE_SIZE - 1);
    double[] k0 = new double[TABLE_SIZE];
    // Integrate the source on a grid fine against both the Airy rings and the Gaussian.
    double h = Math.min(airyCutoff / 400, sigma > 0 ? sigma / 8 : Double.MAX_VALUE);
    int n = (int) Math.ceil(airyCutoff / h);
    h = airyCutoff / n;
    for (int i = 0; i < TABLE_SIZE; i++) {
      double r = i * step;
      if (sigma < h) {
        k0[i] = r <= airyCutoff ? airy(k * r) : 0;
        continue;
      }
      double s2 = sigma * sigma;
      double sum = 0;
      for (int j = 0; j <= n; j++) {
        double rp = j * h;
        double w = (j == 0 || j == n) ? 0.5 : 1;
        double d = r - rp;
        sum += w * airy(k * rp) * (rp / s2) * Math.exp(-d * d / (2 * s2)) * Bessel.i0Scaled(r * rp / s2);
      }
      k0[i] = sum * h;
    }
    double norm = 0;
    for (int i = 0; i < TABLE_SIZE; i++) {
      double w = (i == 0 || i == TABLE_SIZE - 1) ? 0.5 : 1;
      norm += w * k0[i] * 2 * Math.PI * i * step;
    }
    norm *= step;
    double half = k0[0] / 2;
    double fwhm = 0;
    for (int i = 0; i < TABLE_SIZE; i++) {
      k0[i] /= norm;
      if (fwhm == 0 && k0[i] * norm < half) {
        fwhm = 2 * i * step;
      }
    }
    this.table = k0;
    this.fwhmEstimate = fwhm;
  }

  private static double airy(double v) {
    if (v < 1e-8) {
      return 1;
    }
    double a = 2 * Bessel.j1(v) / v;
    return a * a;
  }

  /** K(r) in 1/Å², 0 beyond the cutoff. */
  double at(double r) {
    double x = r / step;
    int i = (int) x;
    if (i >= TABLE_SIZE - 1) {
      return 0;
    }
    double f = x - i;
    return table[i] + f * (table[i + 1] - table[i]);
  }

  /** Radius in Å beyond which K is taken as 0. */
  double cutoff() {
    return cutoff;
  }

  /** Full width at half maximum in Å, to the table's resolution. */
  double fwhm() {
    return fwhmEstimate;
  }
}
