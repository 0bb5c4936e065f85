package io.alignstream.analyzer.fit;

import java.util.List;

/**
 * How to fit: bootstrap resamples and seed, confidence level, Huber δ, held-out check and derived
 * quantities.
 *
 * @param resamples bootstrap resamples (0: point estimate only; DESIGN §5: ≥ {@value #LIVE_RESAMPLES} live,
 *     {@value #REPORT_RESAMPLES} for reports)
 * @param seed seeds the resampling; the same seed and data give the same result
 * @param confidence two-sided level of the percentile intervals, e.g. 0.95
 * @param huberDelta δ of the Huber loss, or NaN for the law's default (1e-3 losses, 0.1 metrics)
 * @param heldOutTrainPoints when &gt; 0, also fit the smallest this-many points by D and report the
 *     prediction error on the rest
 * @param derived quantities of the parameters to report with intervals
 */
public record FitOptions(int resamples, long seed, double confidence, double huberDelta, int heldOutTrainPoints,
    List<DerivedQuantity> derived) {
  public static final int LIVE_RESAMPLES = 200;
  public static final int REPORT_RESAMPLES = 4000;

  public FitOptions {
    if (resamples < 0) {
      throw new IllegalArgumentException("resamples must be ≥ 0, was " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1), was " + confidence);
    }
    if (!Double.isNaN(huberDelta) && !(huberDelta > 0)) {
      throw new IllegalArgumentException("huberDelta must be > 0 or NaN (law default), was " + huberDelta);
    }
    if (heldOutTrainPoints < 0) {
      throw new IllegalArgumentException("heldOutTrainPoints must be ≥ 0, was " + heldOutTrainPoints);
    }
    derived = List.copyOf(derived);
  }

  /** Live refits: {@value #LIVE_RESAMPLES} resamples, 95% intervals. */
  public static FitOptions live(long seed) {
    return new FitOptions(LIVE_RESAMPLES, seed, 0.95, Double.NaN, 0, List.of());
  }

  /** Reports: {@value #REPORT_RESAMPLES} resamples, 95% intervals. */
  public static FitOptions report(long seed) {
    return new FitOptions(REPORT_RESAMPLES, seed, 0.95, Double.NaN, 0, List.of());
  }

  public FitOptions withResamples(int count) {
    return new FitOptions(count, seed, confidence, huberDelta, heldOutTrainPoints, derived);
  }

  public FitOptions withConfidence(double level) {
    return new FitOptions(resamples, seed, level, huberDelta, heldOutTrainPoints, derived);
  }

  public FitOptions withHuberDelta(double delta) {
    return new FitOptions(resamples, seed, confidence, delta, heldOutTrainPoints, derived);
  }

  public FitOptions withHeldOutTrainPoints(int trainPoints) {
    return new FitOptions(resamples, seed, confidence, huberDelta, trainPoints, derived);
  }

  public FitOptions withDerived(DerivedQuantity... quantities) {
    return new FitOptions(resamples, seed, confidence, huberDelta, heldOutTrainPoints, List.of(quantities));
  }

  /** The δ to use for a law: the explicit one, else the law's default. */
  public double huberDeltaFor(ScalingLaw law) {
    return Double.isNaN(huberDelta) ? law.defaultHuberDelta() : huberDelta;
  }
}
