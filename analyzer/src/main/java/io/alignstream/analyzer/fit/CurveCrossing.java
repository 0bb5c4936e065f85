package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Where two fitted plain cross-entropy curves L₁(D) = E₁ + B₁D^(−α₁) and L₂(D) = E₂ + B₂D^(−α₂) cross
 * within a stated range of D. Found numerically: the difference is scanned on {@value #GRID} points
 * evenly spaced in log D, and each sign change is refined by bisection in log D to machine precision.
 * Two such curves cross at most twice (the difference's derivative changes sign at most once), so
 * two crossings closer together than one grid cell (a near-tangency) can be missed.
 *
 * @param never true when the curves do not cross in [rangeLow, rangeHigh]
 * @param size the first (smallest) crossing D, NaN when never
 * @param loss the common loss at that D, NaN when never
 * @param sizes every crossing found, ascending
 * @param firstLowerAtLow whether curve 1 has the lower loss at rangeLow
 */
public record CurveCrossing(boolean never, double size, double loss, List<Double> sizes, double rangeLow,
    double rangeHigh, boolean firstLowerAtLow) {
  private static final int GRID = 2048;

  public CurveCrossing {
    sizes = List.copyOf(sizes);
  }

  public static CurveCrossing between(CrossEntropyLaw.Parameters first, CrossEntropyLaw.Parameters second,
      double rangeLow, double rangeHigh) {
    if (!(rangeLow > 0 && rangeHigh > rangeLow)) {
      throw new IllegalArgumentException("Need 0 < rangeLow < rangeHigh, got " + rangeLow + ", " + rangeHigh);
    }
    double lo = Math.log(rangeLow);
    double hi = Math.log(rangeHigh);
    List<Double> roots = new ArrayList<>();
    double previousX = lo;
    double previous = difference(first, second, lo);
    boolean anyNonZero = previous != 0;
    if (previous == 0) {
      roots.add(rangeLow);
    }
    for (int i = 1; i <= GRID; i++) {
      double x = i == GRID ? hi : lo + (hi - lo) * i / GRID;
      double g = difference(first, second, x);
      anyNonZero |= g != 0;
      if (g == 0) {
        roots.add(Math.exp(x));
      } else if (previous != 0 && (previous < 0) != (g < 0)) {
        roots.add(Math.exp(bisect(first, second, previousX, x, previous)));
      }
      previousX = x;
      previous = g;
    }
    if (!anyNonZero) {
      throw new IllegalArgumentException("The two curves are identical on the range: every D is a crossing");
    }
    boolean firstLower = first.loss(rangeLow) < second.loss(rangeLow);
    if (roots.isEmpty()) {
      return new CurveCrossing(true, Double.NaN, Double.NaN, roots, rangeLow, rangeHigh, firstLower);
    }
    double at = roots.get(0);
    return new CurveCrossing(false, at, first.loss(at), roots, rangeLow, rangeHigh, firstLower);
  }

  private static double difference(CrossEntropyLaw.Parameters first, CrossEntropyLaw.Parameters second,
      double logSize) {
    double size = Math.exp(logSize);
    return first.loss(size) - second.loss(size);
  }

  private static double bisect(CrossEntropyLaw.Parameters first, CrossEntropyLaw.Parameters second, double a,
      double b, double atA) {
    for (int i = 0; i < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a)); i++) {
      double mid = 0.5 * (a + b);
      double g = difference(first, second, mid);
      if (g == 0) {
        return mid;
      }
      if ((g < 0) == (atA < 0)) {
        a = mid;
        atA = g;
      } else {
        b = mid;
      }
    }
    return 0.5 * (a + b);
  }
}
