package io.alignstream.analyzer.refit;

import io.alignstream.analyzer.fit.DerivedQuantity;
import io.alignstream.analyzer.fit.FitResult;
import io.alignstream.analyzer.fit.ParameterEstimate;
import io.alignstream.analyzer.fit.ScalingLaw;
import io.alignstream.analyzer.model.Curve;
import io.alignstream.analyzer.model.CurvePoint;
import io.alignstream.analyzer.model.FitId;
import io.alignstream.analyzer.model.ResultPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Drawn curves with bands: the law's prediction at each D of a grid is requested from the fitter as a
 * {@link DerivedQuantity}, so its bootstrap interval is the pointwise band (the parameters' own intervals
 * would not give one). Quantities are named {@code [dataset:]curve:<i>@<D>@<A>}.
 */
final class CurveGrid {
  private static final String CURVE = "curve:";

  private CurveGrid() {}

  /** {@code points} values of D log-spaced from the group's smallest D to {@code extension} × its largest. */
  static double[] of(List<ResultPoint> group, int points, double extension) {
    if (group.isEmpty()) {
      return new double[0];
    }
    double low = group.stream().mapToDouble(ResultPoint::size).min().orElseThrow();
    double high = group.stream().mapToDouble(ResultPoint::size).max().orElseThrow() * extension;
    if (!(high > low)) {
      return new double[] {low};
    }
    return IntStream.range(0, points)
        .mapToDouble(i -> Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * i / (points - 1))).toArray();
  }

  /** The law at each D of the grid (at alignment A, for laws that use it). */
  static List<DerivedQuantity> quantities(ScalingLaw law, double[] grid, double alignment) {
    List<DerivedQuantity> out = new ArrayList<>();
    for (int i = 0; i < grid.length; i++) {
      double size = grid[i];
      out.add(new DerivedQuantity(CURVE + i + "@" + size + "@" + alignment,
          natural -> law.predict(natural, size, alignment)));
    }
    return out;
  }

  /** The same quantities prefixed with a dataset, for one fit drawing a curve per dataset. */
  static List<DerivedQuantity> named(List<DerivedQuantity> quantities, String dataset) {
    return quantities.stream().map(q -> new DerivedQuantity(dataset + ":" + q.name(), q.formula())).toList();
  }

  /** The curve of a fit's grid quantities ({@code prefix} = the dataset of {@link #named} ones, or empty). */
  static Curve curve(String dataset, FitId id, String quantity, Double alignment, double[] grid, FitResult fit,
      String prefix) {
    String start = prefix.isEmpty() ? CURVE : prefix + ":" + CURVE;
    List<ParameterEstimate> estimates = fit.derived().stream().filter(q -> q.name().startsWith(start)).toList();
    List<CurvePoint> points = new ArrayList<>();
    for (int i = 0; i < Math.min(grid.length, estimates.size()); i++) {
      ParameterEstimate e = estimates.get(i);
      if (Double.isFinite(e.value())) {
        points.add(new CurvePoint(grid[i], e.value(), e.ciLow(), e.ciHigh()));
      }
    }
    return new Curve(dataset, id.toString(), id.law(), quantity, alignment, points);
  }
}
