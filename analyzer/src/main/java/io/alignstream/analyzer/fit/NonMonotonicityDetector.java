package io.alignstream.analyzer.fit;

import java.util.Arrays;
import java.util.List;

/**
 * Detects the misalignment signature of DESIGN §5: the downstream metric falls with more data while
 * the cross-entropy still improves. The metric law itself is monotone, so the rule works on smoothed
 * curves instead:
 * <ol>
 *   <li>Metric and cross-entropy are each smoothed against x = log D by local-linear regression with a
 *       Gaussian kernel of bandwidth {@code bandwidth·(x_max − x_min)} (local-linear, unlike a moving
 *       average, keeps a trend unbiased at the ends of the range, where a fall shows).</li>
 *   <li>The peak is the best smoothed metric on 256 points evenly spaced in log D; the end is the
 *       smoothed metric at the largest D.</li>
 *   <li>Noise σ of one metric point: a robust difference-based estimate ({@link #noise}), which does
 *       not depend on the smoother (a smoother that follows the points would understate it, one that
 *       cuts a peak would overstate it).</li>
 *   <li>The metric falls when the peak lies before the largest D and the smoothed drop from peak to end
 *       exceeds max(noiseMultiplier·σ, minRelativeDrop·|peak|): a drop the size of single-point noise
 *       does not count, so noisy monotone curves are not flagged.</li>
 *   <li>The cross-entropy improves when its smoothed value at the largest D is below its value at the
 *       peak. Detected = falls and improves.</li>
 * </ol>
 * Fewer than {@code minDistinctSizes} distinct D give "not detected" with NaN fields.
 */
public final class NonMonotonicityDetector {
  private static final int PEAK_GRID = 256;
  private final Settings settings;

  /**
   * @param bandwidth kernel width as a fraction of the log-D range
   * @param noiseMultiplier how many noise standard deviations a fall must exceed
   * @param minRelativeDrop the smallest fall counted, as a fraction of the peak
   * @param higherIsBetter true for BLEU/chrF/TSS, false for errors such as MAE
   * @param minDistinctSizes fewer distinct D than this is never a detection
   * @param minAbsoluteDrop the smallest fall counted, in the metric's own units (e.g. 0.5 BLEU points): a
   *     curve that stays at the floor (BLEU 0.02 → 0) has no peak worth the name however small its noise
   */
  public record Settings(double bandwidth, double noiseMultiplier, double minRelativeDrop, boolean higherIsBetter,
      int minDistinctSizes, double minAbsoluteDrop) {

    public static Settings defaults() {
      return new Settings(0.12, 2.0, 0.01, true, 5, 0);
    }

    public Settings withHigherIsBetter(boolean higher) {
      return new Settings(bandwidth, noiseMultiplier, minRelativeDrop, higher, minDistinctSizes, minAbsoluteDrop);
    }

    public Settings withMinAbsoluteDrop(double drop) {
      return new Settings(bandwidth, noiseMultiplier, minRelativeDrop, higherIsBetter, minDistinctSizes, drop);
    }
  }

  public NonMonotonicityDetector() {
    this(Settings.defaults());
  }

  public NonMonotonicityDetector(Settings settings) {
    this.settings = settings;
  }

  public NonMonotonicity detect(List<MetricPoint> points) {
    int n = points.size();
    double[] x = new double[n];
    double[] metric = new double[n];
    double[] crossEntropy = new double[n];
    double sign = settings.higherIsBetter() ? 1 : -1;
    for (int i = 0; i < n; i++) {
      MetricPoint p = points.get(i);
      if (!(p.size() > 0) || !Double.isFinite(p.metric()) || !Double.isFinite(p.crossEntropy())) {
        throw new IllegalArgumentException("Need D > 0 and finite metric and cross-entropy: " + p);
      }
      x[i] = Math.log(p.size());
      metric[i] = sign * p.metric();
      crossEntropy[i] = p.crossEntropy();
    }
    if (Arrays.stream(x).distinct().count() < settings.minDistinctSizes()) {
      return NonMonotonicity.insufficient();
    }
    double lo = Arrays.stream(x).min().orElseThrow();
    double hi = Arrays.stream(x).max().orElseThrow();
    double h = settings.bandwidth() * (hi - lo);

    double peakX = lo;
    double peak = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < PEAK_GRID; i++) {
      double at = lo + (hi - lo) * i / (PEAK_GRID - 1);
      double value = smooth(x, metric, h, at);
      if (value > peak) {
        peak = value;
        peakX = at;
      }
    }
    double end = smooth(x, metric, h, hi);
    double noise = noise(x, metric);
    double drop = peak - end;
    double threshold = Math.max(Math.max(settings.noiseMultiplier() * noise, settings.minRelativeDrop() * Math.abs(peak)),
        settings.minAbsoluteDrop());
    boolean falls = peakX < hi && drop > threshold;
    double ceAtPeak = smooth(x, crossEntropy, h, peakX);
    double ceAtEnd = smooth(x, crossEntropy, h, hi);
    boolean improves = ceAtEnd < ceAtPeak;
    return new NonMonotonicity(falls && improves, falls, improves, Math.exp(peakX), sign * peak, sign * end, drop,
        threshold, noise, ceAtPeak, ceAtEnd);
  }

  /**
   * Robust noise standard deviation from the pseudo-residuals of Gasser, Sroka and Jennen-Steinmetz
   * (1986): each interior point (sorted by x) against the line through its two neighbours, scaled so
   * that pure noise of standard deviation σ gives residuals of standard deviation σ. A local trend
   * cancels, so a steep or curved metric is not mistaken for noise; 1.4826·median|·| resists outliers.
   */
  static double noise(double[] x, double[] y) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(x[i], x[j]));
    double[] pseudo = new double[x.length - 2];
    for (int k = 1; k + 1 < x.length; k++) {
      double left = x[order[k - 1]];
      double mid = x[order[k]];
      double right = x[order[k + 1]];
      double a = right > left ? (right - mid) / (right - left) : 0.5;
      double b = 1 - a;
      double e = a * y[order[k - 1]] + b * y[order[k + 1]] - y[order[k]];
      pseudo[k - 1] = Math.abs(e) / Math.sqrt(a * a + b * b + 1);
    }
    return 1.4826 * Stats.median(pseudo);
  }

  /** Local-linear Gaussian-kernel estimate at {@code at}; falls back to the kernel mean when the line is singular. */
  static double smooth(double[] x, double[] y, double bandwidth, double at) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double t0 = 0;
    double t1 = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - at;
      double w = Math.exp(-0.5 * (d / bandwidth) * (d / bandwidth));
      s0 += w;
      s1 += w * d;
      s2 += w * d * d;
      t0 += w * y[i];
      t1 += w * d * y[i];
    }
    double det = s0 * s2 - s1 * s1;
    if (!(det > 1e-12 * s0 * s2) || s0 <= 0) {
      return t0 / s0;
    }
    return (s2 * t0 - s1 * t1) / det;
  }
}
