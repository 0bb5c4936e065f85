package io.alignstream.ingest.generate;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generative model of the 18 SHARP keywords of one record from two latent factors: {@code z}, the
 * region's size/activity, and {@code c}, its magnetic complexity (shear, twist, current helicity).
 * Each keyword is {@code x = μ + b·z + c_k·c + σ·ε} (ε standard normal, independent per keyword) mapped
 * to its physical range:
 * <ul>
 *   <li>extensive quantities (USFLUX Mx, TOTUSJZ A, TOTUSJH G²/m, ABSNJZH, SAVNCPP A, TOTPOT erg/cm,
 *       AREA_ACR μHem) and mean gradients/energy density are log-normal: {@code 10^x};
 *   <li>angles and percentages (MEANGAM, MEANSHR in degrees, SHRGT45 in %) are
 *       {@code range·sigmoid(x)}, so they stay bounded;
 *   <li>R_VALUE (log10 of flux near strong-gradient polarity inversion lines) is {@code max(0, x)}:
 *       quiet regions without such a line read exactly 0, as in SHARP;
 *   <li>signed means (MEANJZD mA/m², MEANALP 1/Mm, MEANJZH G²/m) are {@code σ·ε·exp(b·z + c_k·c)}:
 *       no preferred sign, magnitude growing with activity.
 * </ul>
 * Sharing z and c makes the extensive keywords strongly and positively correlated, as they are in
 * SHARP data. Instrument drift multiplies some keywords by {@code exp(d_k·epoch)}: at epoch 1 USFLUX
 * reads ×1.25, TOTPOT ×1.5, MEANPOT ×1.3, the field gradients ×1.15, AREA_ACR ×1.1, TOTUSJZ ×0.8,
 * SAVNCPP ×0.85 (the order of magnitude of the MDI→HMI cross-calibration).
 */
final class SharpModel {
  private SharpModel() {}

  enum Kind { LOG10, BOUNDED, R_VALUE, SIGNED }

  /** One keyword's row: kind, μ, loading on z, loading on c, noise σ, range (BOUNDED), drift factor at epoch 1. */
  record Keyword(String name, Kind kind, double mu, double bz, double bc, double sigma, double range,
      double driftAtEpoch1) {
    double value(double z, double c, double epoch, RandomGenerator rng) {
      double eps = rng.nextGaussian();
      double drift = Math.exp(Math.log(driftAtEpoch1) * epoch);
      double x = mu + bz * z + bc * c + sigma * eps;
      double v = switch (kind) {
        case LOG10 -> Math.pow(10, x);
        case BOUNDED -> range / (1 + Math.exp(-x));
        case R_VALUE -> Math.max(0, x);
        case SIGNED -> sigma * eps * Math.exp(bz * z + bc * c);
      };
      return v * drift;
    }
  }

  private static Keyword log(String n, double mu, double bz, double bc, double s, double drift) {
    return new Keyword(n, Kind.LOG10, mu, bz, bc, s, 0, drift);
  }

  /** DESIGN §7 order. */
  static final List<Keyword> KEYWORDS = List.of(
      log("USFLUX", 21.7, 0.40, 0.05, 0.08, 1.25),
      new Keyword("MEANGAM", Kind.BOUNDED, -0.45, 0.05, 0.25, 0.15, 90, 1),
      log("MEANGBT", 1.95, 0.08, 0.12, 0.06, 1.15),
      log("MEANGBZ", 2.0, 0.08, 0.12, 0.06, 1.15),
      log("MEANGBH", 1.75, 0.08, 0.15, 0.07, 1.15),
      new Keyword("MEANJZD", Kind.SIGNED, 0, 0.1, 0.3, 0.3, 0, 1),
      log("TOTUSJZ", 12.9, 0.42, 0.15, 0.08, 0.8),
      new Keyword("MEANALP", Kind.SIGNED, 0, 0.05, 0.3, 0.03, 0, 1),
      new Keyword("MEANJZH", Kind.SIGNED, 0, 0.1, 0.4, 0.004, 0, 1),
      log("TOTUSJH", 2.6, 0.42, 0.2, 0.08, 1),
      log("ABSNJZH", 1.4, 0.35, 0.35, 0.15, 1),
      log("SAVNCPP", 12.2, 0.35, 0.35, 0.15, 0.85),
      log("MEANPOT", 3.6, 0.08, 0.25, 0.08, 1.3),
      log("TOTPOT", 22.6, 0.5, 0.35, 0.1, 1.5),
      new Keyword("MEANSHR", Kind.BOUNDED, -0.69, 0.05, 0.3, 0.1, 90, 1),
      new Keyword("SHRGT45", Kind.BOUNDED, -2.0, 0.1, 0.7, 0.25, 100, 1),
      new Keyword("R_VALUE", Kind.R_VALUE, 2.5, 0.55, 0.3, 0.3, 0, 1),
      log("AREA_ACR", 2.6, 0.45, 0.05, 0.08, 1.1));

  static final List<String> NAMES = KEYWORDS.stream().map(Keyword::name).toList();
}
