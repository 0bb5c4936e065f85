package io.alignstream.ingest.generate;

/**
 * Relativistic electron wavelength: {@code λ = hc / √(eE₀·(2mc² + eE₀))}. With energies in keV and
 * λ in Å: {@code λ = 12.398 / √(E₀·(1021.998 + E₀))}, i.e. 0.02508 Å at 200 kV, 0.01969 Å at 300 kV.
 */
public final class Electron {
  private Electron() {}

  /** hc in keV·Å (CODATA 2018: 1239.84198 eV·nm). */
  static final double HC_KEV_ANGSTROM = 12.398_419_843;
  /** Electron rest energy mc² in keV (CODATA 2018). */
  static final double REST_ENERGY_KEV = 510.998_950;

  /** Wavelength in Å of electrons accelerated through {@code kilovolts} kV. */
  public static double wavelengthAngstrom(double kilovolts) {
    if (!(kilovolts > 0)) {
      throw new IllegalArgumentException("accelerating voltage must be > 0 kV: " + kilovolts);
    }
    return HC_KEV_ANGSTROM / Math.sqrt(kilovolts * (2 * REST_ENERGY_KEV + kilovolts));
  }
}
