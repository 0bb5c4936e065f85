package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Knobs of {@link SolarGenerator}.
 *
 * <p><b>Alignment knob.</b> Two things move linearly with {@code a}: the instrument epoch
 * {@code e(a) = shiftedEpoch + a·(targetEpoch − shiftedEpoch)}, which multiplies drift-prone keywords
 * by {@code exp(d_k·e)} (see {@link SharpModel}), and the flaring rate
 * {@code p(a) = shiftedPositiveRate + a·(targetPositiveRate − shiftedPositiveRate)}. At a = 1 the pool
 * is drawn from the target configuration exactly; at a = 0 it is recalibrated and rebalanced.
 *
 * @param seed random seed; sample i is a function of (seed, i)
 * @param role POOL or TARGET
 * @param alignment the knob a ∈ [0,1]
 * @param task the sample's task, e.g. {@code solar.flare24h}
 * @param targetPositiveRate fraction of label-1 (M/X flare within 24 h) records in the target
 * @param shiftedPositiveRate that fraction at a = 0
 * @param targetEpoch instrument epoch of the target, in units of the reference drift (0 = reference
 *     calibration, 1 = the full drift of {@link SharpModel})
 * @param shiftedEpoch instrument epoch at a = 0
 * @param flareSizeShift shift of the size/activity latent (in its standard deviations) for flaring
 *     records: the larger, the easier the task
 * @param flareComplexityShift shift of the shear/twist latent for flaring records
 * @param multiArRate fraction of HARPs that cover more than one NOAA region (NOAA_NUM 2 or 3)
 * @param recordsPerHarp consecutive records sharing one HARP patch (one per timeline step)
 * @param harpNumberBase HARPNUM of the first patch
 * @param timeline event time (UTC) of record i; T_REC is that instant in TAI
 */
public record SolarParams(long seed, Role role, double alignment, String task, double targetPositiveRate,
    double shiftedPositiveRate, double targetEpoch, double shiftedEpoch, double flareSizeShift,
    double flareComplexityShift, double multiArRate, int recordsPerHarp, int harpNumberBase, Timeline timeline) {

  public SolarParams {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(timeline, "timeline");
    AlignmentKnob.check(alignment);
    probability(targetPositiveRate, "targetPositiveRate");
    probability(shiftedPositiveRate, "shiftedPositiveRate");
    probability(multiArRate, "multiArRate");
    for (double v : new double[] {targetEpoch, shiftedEpoch, flareSizeShift, flareComplexityShift}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("epochs and shifts must be finite");
      }
    }
    if (recordsPerHarp < 1 || harpNumberBase < 0) {
      throw new IllegalArgumentException("recordsPerHarp must be ≥ 1 and harpNumberBase ≥ 0");
    }
  }

  /**
   * 5 % flaring in the target, 25 % at a = 0; epochs 0 → 1; flaring shifts 1.3 (size) and 1.0
   * (complexity); 10 % multi-region patches; 10 records (2 h) per HARP at the SHARP cadence of 12 min,
   * the first T_REC being 2014.01.01_00:00:00_TAI.
   */
  public static SolarParams defaults() {
    return new SolarParams(1L, Role.POOL, 1.0, "solar.flare24h", 0.05, 0.25, 0.0, 1.0, 1.3, 1.0, 0.10, 10, 1000,
        new Timeline(Instant.parse("2014-01-01T00:00:00Z").minusSeconds(SolarTime.TAI_MINUS_UTC_SECONDS),
            Duration.ofMinutes(12)));
  }

  /** Flaring rate at this knob value. */
  public double positiveRate() {
    return AlignmentKnob.lerp(alignment, targetPositiveRate, shiftedPositiveRate);
  }

  /** Instrument epoch at this knob value. */
  public double epoch() {
    return AlignmentKnob.lerp(alignment, targetEpoch, shiftedEpoch);
  }

  public SolarParams withSeed(long s) {
    return new SolarParams(s, role, alignment, task, targetPositiveRate, shiftedPositiveRate, targetEpoch,
        shiftedEpoch, flareSizeShift, flareComplexityShift, multiArRate, recordsPerHarp, harpNumberBase, timeline);
  }

  public SolarParams withRole(Role r) {
    return new SolarParams(seed, r, alignment, task, targetPositiveRate, shiftedPositiveRate, targetEpoch,
        shiftedEpoch, flareSizeShift, flareComplexityShift, multiArRate, recordsPerHarp, harpNumberBase, timeline);
  }

  public SolarParams withAlignment(double a) {
    return new SolarParams(seed, role, a, task, targetPositiveRate, shiftedPositiveRate, targetEpoch,
        shiftedEpoch, flareSizeShift, flareComplexityShift, multiArRate, recordsPerHarp, harpNumberBase, timeline);
  }

  public SolarParams withPositiveRates(double target, double shifted) {
    return new SolarParams(seed, role, alignment, task, target, shifted, targetEpoch, shiftedEpoch,
        flareSizeShift, flareComplexityShift, multiArRate, recordsPerHarp, harpNumberBase, timeline);
  }

  public SolarParams withEpochs(double target, double shifted) {
    return new SolarParams(seed, role, alignment, task, targetPositiveRate, shiftedPositiveRate, target, shifted,
        flareSizeShift, flareComplexityShift, multiArRate, recordsPerHarp, harpNumberBase, timeline);
  }

  public SolarParams withMultiArRate(double rate) {
    return new SolarParams(seed, role, alignment, task, targetPositiveRate, shiftedPositiveRate, targetEpoch,
        shiftedEpoch, flareSizeShift, flareComplexityShift, rate, recordsPerHarp, harpNumberBase, timeline);
  }

  public SolarParams withTimeline(Timeline t) {
    return new SolarParams(seed, role, alignment, task, targetPositiveRate, shiftedPositiveRate, targetEpoch,
        shiftedEpoch, flareSizeShift, flareComplexityShift, multiArRate, recordsPerHarp, harpNumberBase, t);
  }

  private static void probability(double p, String what) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0,1]: " + p);
    }
  }
}
