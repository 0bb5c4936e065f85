package io.alignstream.analyzer.refit;

import io.alignstream.analyzer.model.ResultPoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads a dataset's curve at a D between its points, for comparisons across datasets at equal D. */
final class Interpolation {
  private Interpolation() {}

  /**
   * The value at {@code size}, linear in log D between the neighbouring points (repeated D are
   * averaged); null outside the points' range or when no point has a value.
   */
  static Double atSize(List<ResultPoint> curve, double size, Function<ResultPoint, Double> value) {
    Map<Long, double[]> sums = new TreeMap<>();
    for (ResultPoint p : curve) {
      Double v = value.apply(p);
      if (v != null) {
        double[] sum = sums.computeIfAbsent(p.size(), s -> new double[2]);
        sum[0] += v;
        sum[1]++;
      }
    }
    Long below = null;
    Long above = null;
    for (Long d : sums.keySet()) {
      if (d <= size) {
        below = d;
      }
      if (d >= size && above == null) {
        above = d;
      }
    }
    if (below == null || above == null) {
      return null;
    }
    double lo = sums.get(below)[0] / sums.get(below)[1];
    double hi = sums.get(above)[0] / sums.get(above)[1];
    if (below.equals(above)) {
      return lo;
    }
    double t = (Math.log(size) - Math.log(below)) / (Math.log(above) - Math.log(below));
    return lo + t * (hi - lo);
  }
}
