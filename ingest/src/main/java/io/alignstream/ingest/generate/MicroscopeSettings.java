package io.alignstream.ingest.generate;

import java.util.Objects;

/**
 * The microscope and specimen settings that make STEM data "aligned" with a downstream microscope.
 *
 * @param voltageKv accelerating voltage (sets the wavelength, {@link Electron})
 * @param convergenceMrad probe convergence semi-angle α; the aberration-free probe has an Airy
 *     intensity whose first zero lies at {@code 0.61·λ/α}
 * @param defocusAngstrom defocus Δf; approximated as a Gaussian broadening of the probe with
 *     {@code σ = α·|Δf|/2} (the geometric disc of radius α|Δf| has that r.m.s. width per axis)
 * @param sourceSizeAngstrom effective source size (partial spatial coherence), a Gaussian σ
 * @param dosePerA2 electron dose in electrons per Å² (each pixel receives dose × pixel² electrons)
 * @param pixelSizeAngstrom scan step; pixels sample the probe-convolved object at their centres
 * @param material the particle metal
 */
public record MicroscopeSettings(double voltageKv, double convergenceMrad, double defocusAngstrom,
    double sourceSizeAngstrom, double dosePerA2, double pixelSizeAngstrom, Material material) {

  public MicroscopeSettings {
    Objects.requireNonNull(material, "material");
    if (!(voltageKv > 0 && convergenceMrad > 0 && dosePerA2 > 0 && pixelSizeAngstrom > 0)) {
      throw new IllegalArgumentException("voltage, convergence, dose and pixel size must be > 0");
    }
    if (!(sourceSizeAngstrom >= 0) || !Double.isFinite(defocusAngstrom)) {
      throw new IllegalArgumentException("source size must be ≥ 0 and defocus finite");
    }
  }

  /** 200 kV, 25 mrad, in focus, 0.3 Å source, 5,000 e⁻/Å², 1 Å pixels, gold. */
  public static MicroscopeSettings target() {
    return new MicroscopeSettings(200, 25, 0, 0.3, 5_000, 1.0, Material.AU);
  }

  /** 200 kV, 12 mrad, 60 Å defocus, 0.6 Å source, 1,000 e⁻/Å², 1.5 Å pixels, palladium. */
  public static MicroscopeSettings shifted() {
    return new MicroscopeSettings(200, 12, 60, 0.6, 1_000, 1.5, Material.PD);
  }

  public double wavelengthAngstrom() {
    return Electron.wavelengthAngstrom(voltageKv);
  }

  /**
   * The knob's interpolation from {@code shifted} (a = 0) to {@code target} (a = 1): linear for
   * voltage, angle, defocus and source size, geometric for dose and pixel size (scale parameters).
   * The material cannot be interpolated: this keeps the target's; generators pick per sample.
   */
  public static MicroscopeSettings interpolate(double a, MicroscopeSettings target, MicroscopeSettings shifted) {
    return new MicroscopeSettings(
        AlignmentKnob.lerp(a, target.voltageKv, shifted.voltageKv),
        AlignmentKnob.lerp(a, target.convergenceMrad, shifted.convergenceMrad),
        AlignmentKnob.lerp(a, target.defocusAngstrom, shifted.defocusAngstrom),
        AlignmentKnob.lerp(a, target.sourceSizeAngstrom, shifted.sourceSizeAngstrom),
        AlignmentKnob.logLerp(a, target.dosePerA2, shifted.dosePerA2),
        AlignmentKnob.logLerp(a, target.pixelSizeAngstrom, shifted.pixelSizeAngstrom),
        target.material);
  }

  public MicroscopeSettings withMaterial(Material m) {
    return new MicroscopeSettings(voltageKv, convergenceMrad, defocusAngstrom, sourceSizeAngstrom, dosePerA2,
        pixelSizeAngstrom, m);
  }

  public MicroscopeSettings withDose(double d) {
    return new MicroscopeSettings(voltageKv, convergenceMrad, defocusAngstrom, sourceSizeAngstrom, d,
        pixelSizeAngstrom, material);
  }

  public MicroscopeSettings withPixelSize(double p) {
    return new MicroscopeSettings(voltageKv, convergenceMrad, defocusAngstrom, sourceSizeAngstrom, dosePerA2, p,
        material);
  }

  public MicroscopeSettings withDefocus(double df) {
    return new MicroscopeSettings(voltageKv, convergenceMrad, df, sourceSizeAngstrom, dosePerA2,
        pixelSizeAngstrom, material);
  }

  public MicroscopeSettings withConvergence(double mrad) {
    return new MicroscopeSettings(voltageKv, mrad, defocusAngstrom, sourceSizeAngstrom, dosePerA2,
        pixelSizeAngstrom, material);
  }
}
