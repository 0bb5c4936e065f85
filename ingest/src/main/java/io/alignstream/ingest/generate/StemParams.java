package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Knobs of {@link StemGenerator}.
 *
 * <p><b>Alignment knob.</b> The microscope settings of the pool are
 * {@link MicroscopeSettings#interpolate(double, MicroscopeSettings, MicroscopeSettings)
 * interpolate(a, target, shifted)}: voltage, convergence angle (probe size), defocus and source size
 * move linearly, dose and pixel size geometrically. The particle material cannot be interpolated:
 * each image uses the target's material with probability a, the shifted one otherwise. The diameter
 * range, shape and detector stay the same, so the label distribution is unchanged: only the imaging
 * conditions drift.
 *
 * @param seed random seed; image i is a function of (seed, i)
 * @param role POOL or TARGET
 * @param alignment the knob a ∈ [0,1]
 * @param task the sample's task, e.g. {@code stem.size}
 * @param target the downstream microscope's settings
 * @param shifted the settings at a = 0
 * @param imageSize width = height in pixels
 * @param minDiameterAngstrom smallest label diameter (uniform between min and max)
 * @param maxDiameterAngstrom largest label diameter; must fit, with 4 Å to spare, in the field of view
 *     of both settings ({@link #requireParticlesFit()})
 * @param shape how the lattice is cut
 * @param zExponent n in the HAADF contrast Z^n (1.6–2 depending on the detector's inner angle)
 * @param atomSigmaAngstrom σ of each atom's Gaussian g (thermal vibration plus finite potential)
 * @param goldCrossSectionA2 HAADF cross-section of one Z = 79 atom in Å²: the fraction of the probe's
 *     electrons it scatters onto the detector when the probe sits on it, per unit peak probe density;
 *     other atoms scale by (Z/79)^n
 * @param supportAtomsPerA2 areal density of the amorphous carbon support (0.1 atoms/Å³ × thickness:
 *     3 ≈ a 3 nm film; 0 = no support)
 * @param noise detector and scan noise
 * @param timeline event time of image i
 */
public record StemParams(long seed, Role role, double alignment, String task, MicroscopeSettings target,
    MicroscopeSettings shifted, int imageSize, double minDiameterAngstrom, double maxDiameterAngstrom,
    ParticleShape shape, double zExponent, double atomSigmaAngstrom, double goldCrossSectionA2,
    double supportAtomsPerA2, StemNoise noise, Timeline timeline) {

  /** Space kept between the particle's edge and the image border, in Å. */
  static final double MARGIN_ANGSTROM = 2.0;

  public StemParams {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(shifted, "shifted");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(timeline, "timeline");
    AlignmentKnob.check(alignment);
    if (imageSize < 8 || imageSize > 4096) {
      throw new IllegalArgumentException("imageSize must be in [8, 4096]: " + imageSize);
    }
    if (!(minDiameterAngstrom > 0 && maxDiameterAngstrom >= minDiameterAngstrom)) {
      throw new IllegalArgumentException("need 0 < minDiameter ≤ maxDiameter");
    }
    if (!(zExponent > 0 && atomSigmaAngstrom >= 0 && goldCrossSectionA2 > 0 && supportAtomsPerA2 >= 0)) {
      throw new IllegalArgumentException("zExponent and cross-section must be > 0, sigma and support ≥ 0");
    }
  }

  /**
   * Target {@link MicroscopeSettings#target()}, shifted {@link MicroscopeSettings#shifted()}; 64 × 64
   * pixels; spheres of 15–50 Å; n = 1.7; σ_atom = 0.07 Å; 0.005 Å² per gold atom; a 3 nm carbon film;
   * {@link StemNoise#defaults()}; one image per second from 2025-01-01.
   */
  public static StemParams defaults() {
    return new StemParams(1L, Role.POOL, 1.0, "stem.size", MicroscopeSettings.target(),
        MicroscopeSettings.shifted(), 64, 15, 50, ParticleShape.SPHERE, 1.7, 0.07, 0.005, 3.0,
        StemNoise.defaults(), new Timeline(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(1)));
  }

  /**
   * Checks what involves several fields at once (so withers can be chained in any order): the largest
   * particle plus margins must fit in the field of view of both settings. {@link StemGenerator} calls it.
   *
   * @return this
   */
  public StemParams requireParticlesFit() {
    double smallestField = imageSize * Math.min(target.pixelSizeAngstrom(), shifted.pixelSizeAngstrom());
    if (maxDiameterAngstrom + 2 * MARGIN_ANGSTROM > smallestField) {
      throw new IllegalArgumentException("a " + maxDiameterAngstrom + " Å particle does not fit in a "
          + smallestField + " Å field of view");
    }
    return this;
  }

  /** The settings at this knob value (with the target's material; see the class comment). */
  public MicroscopeSettings settings() {
    return MicroscopeSettings.interpolate(alignment, target, shifted);
  }

  public StemParams withSeed(long s) {
    return new StemParams(s, role, alignment, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise,
        timeline);
  }

  public StemParams withRole(Role r) {
    return new StemParams(seed, r, alignment, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise,
        timeline);
  }

  public StemParams withAlignment(double a) {
    return new StemParams(seed, role, a, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise,
        timeline);
  }

  public StemParams withSettings(MicroscopeSettings t, MicroscopeSettings s) {
    return new StemParams(seed, role, alignment, task, t, s, imageSize, minDiameterAngstrom, maxDiameterAngstrom,
        shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise, timeline);
  }

  /** Target settings only (shifted = target): the knob then has nothing to move. */
  public StemParams withFixedSettings(MicroscopeSettings settings) {
    return withSettings(settings, settings);
  }

  public StemParams withImageSize(int size) {
    return new StemParams(seed, role, alignment, task, target, shifted, size, minDiameterAngstrom,
        maxDiameterAngstrom, shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise,
        timeline);
  }

  public StemParams withDiameters(double min, double max) {
    return new StemParams(seed, role, alignment, task, target, shifted, imageSize, min, max, shape, zExponent,
        atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise, timeline);
  }

  public StemParams withShape(ParticleShape s) {
    return new StemParams(seed, role, alignment, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, s, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise,
        timeline);
  }

  public StemParams withZExponent(double n) {
    return new StemParams(seed, role, alignment, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, shape, n, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, noise, timeline);
  }

  public StemParams withSupport(double atomsPerA2) {
    return new StemParams(seed, role, alignment, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, atomsPerA2, noise, timeline);
  }

  public StemParams withNoise(StemNoise n) {
    return new StemParams(seed, role, alignment, task, target, shifted, imageSize, minDiameterAngstrom,
        maxDiameterAngstrom, shape, zExponent, atomSigmaAngstrom, goldCrossSectionA2, supportAtomsPerA2, n,
        timeline);
  }

  /** No shot, read or scan noise and no support: the image is the particle's expected signal. */
  public StemParams noiseless() {
    return withNoise(StemNoise.NONE).withSupport(0);
  }
}
