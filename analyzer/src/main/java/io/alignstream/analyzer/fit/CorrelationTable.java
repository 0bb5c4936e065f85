package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The correlation table of DESIGN §5: per alignment method, Pearson r and r² of alignment vs
 * downstream loss across datasets, with percentile bootstrap intervals. Resamples draw datasets with
 * replacement; a resample with no variance in either variable is left out. Each method's resampling
 * is seeded from the seed and the method's name, so adding a method leaves the others' rows unchanged.
 */
public final class CorrelationTable {
  private CorrelationTable() {}

  /** Rows in the order methods first appear in {@code points}. */
  public static List<CorrelationRow> compute(List<AlignmentLossPoint> points, int resamples, long seed,
      double confidence) {
    Map<String, List<AlignmentLossPoint>> byMethod = new LinkedHashMap<>();
    points.forEach(p -> byMethod.computeIfAbsent(p.method(), m -> new ArrayList<>()).add(p));
    List<CorrelationRow> rows = new ArrayList<>();
    byMethod.forEach((method, list) -> rows.add(row(method, list, resamples, seed, confidence)));
    return rows;
  }

  /** Pearson's r; NaN when either variable has no variance. */
  public static double pearson(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("Need two equally long series of ≥ 2 values");
    }
    return Stats.pearson(x, y);
  }

  private static CorrelationRow row(String method, List<AlignmentLossPoint> list, int resamples, long seed,
      double confidence) {
    int n = list.size();
    if (n < 3) {
      throw new IllegalArgumentException("Method " + method + " has " + n + " datasets; a correlation needs ≥ 3");
    }
    double[] alignment = list.stream().mapToDouble(AlignmentLossPoint::alignment).toArray();
    double[] loss = list.stream().mapToDouble(AlignmentLossPoint::loss).toArray();
    double r = pearson(alignment, loss);
    double[] rs = new double[resamples];
    double[] r2s = new double[resamples];
    SplittableRandom random = new SplittableRandom(seed * 31 + method.hashCode());
    double[] a = new double[n];
    double[] l = new double[n];
    for (int k = 0; k < resamples; k++) {
      for (int i = 0; i < n; i++) {
        int j = random.nextInt(n);
        a[i] = alignment[j];
        l[i] = loss[j];
      }
      rs[k] = Stats.pearson(a, l);
      r2s[k] = rs[k] * rs[k];
    }
    double[] rInterval = resamples > 0 ? Stats.percentileInterval(rs, confidence) : new double[] {Double.NaN, Double.NaN};
    double[] r2Interval = resamples > 0 ? Stats.percentileInterval(r2s, confidence)
        : new double[] {Double.NaN, Double.NaN};
    return new CorrelationRow(method, n, r, rInterval[0], rInterval[1], r * r, r2Interval[0], r2Interval[1]);
  }
}
