package io.alignstream.analyzer.fit;

import java.util.Arrays;

/** Small numeric helpers shared by the fit classes. */
final class Stats {
  private Stats() {}

  /** Quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7). */
  static double quantileOfSorted(double[] sorted, int length, double p) {
    if (length == 0) {
      return Double.NaN;
    }
    double h = (length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, length - 1);
    double a = sorted[lo];
    double b = sorted[hi];
    if (h == lo || a == b) {
      return a; // also keeps +∞ − +∞ and 0·∞ from turning into NaN
    }
    return a + (h - lo) * (b - a);
  }

  /**
   * The two-sided percentile interval {low, high} at the given confidence of the non-NaN values
   * (+∞ values are kept: an interval may be open to infinity). {NaN, NaN} when none are left.
   */
  static double[] percentileInterval(double[] values, double confidence) {
    double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(kept);
    double tail = (1 - confidence) / 2;
    return new double[] {quantileOfSorted(kept, kept.length, tail), quantileOfSorted(kept, kept.length, 1 - tail)};
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return quantileOfSorted(sorted, sorted.length, 0.5);
  }

  /** Pearson correlation; NaN when either variable has no variance. */
  static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
  }
}
