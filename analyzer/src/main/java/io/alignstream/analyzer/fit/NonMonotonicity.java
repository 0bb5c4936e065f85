package io.alignstream.analyzer.fit;

/**
 * Verdict of {@link NonMonotonicityDetector} on one dataset's curve. All metric and cross-entropy
 * values here are on the smoothed curves, in the metric's own sign.
 *
 * @param detected the metric falls after its peak while the cross-entropy still improves
 * @param metricFalls the smoothed metric drops by more than {@code threshold} after its best value
 * @param crossEntropyImproves the smoothed cross-entropy is lower at the largest D than at the peak
 * @param peakSize D of the best smoothed metric (NaN when there were too few points)
 * @param peakMetric the best smoothed metric
 * @param endMetric the smoothed metric at the largest D
 * @param drop |peakMetric − endMetric|
 * @param threshold the drop a fall must exceed: max(noiseMultiplier·noise, minRelativeDrop·|peakMetric|)
 * @param noise the estimated standard deviation of one metric point around the curve
 * @param crossEntropyAtPeak the smoothed cross-entropy at peakSize
 * @param crossEntropyAtEnd the smoothed cross-entropy at the largest D
 */
public record NonMonotonicity(boolean detected, boolean metricFalls, boolean crossEntropyImproves, double peakSize,
    double peakMetric, double endMetric, double drop, double threshold, double noise, double crossEntropyAtPeak,
    double crossEntropyAtEnd) {

  static NonMonotonicity insufficient() {
    return new NonMonotonicity(false, false, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN);
  }
}
