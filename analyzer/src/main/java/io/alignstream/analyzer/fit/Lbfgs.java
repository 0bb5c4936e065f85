package io.alignstream.analyzer.fit;

/**
 * A small limited-memory BFGS minimiser (Nocedal &amp; Wright, algorithms 7.4 and 3.5/3.6): two-loop
 * recursion over the last {@code memory} curvature pairs, and a line search that enforces the strong
 * Wolfe conditions by bracketing and safeguarded quadratic interpolation. Undefined values (+∞, NaN)
 * count as "too far": the line search steps back, so an objective may simply refuse a region.
 *
 * <p>Stops when the gradient vanishes (relative to |f|), when one iteration lowers f by less than
 * {@code relativeTolerance·|f|} (relative, not absolute: the Huber objectives here are tiny numbers),
 * when the step vanishes, or after {@code maxIterations}. Deterministic; allocates only per call.
 */
public final class Lbfgs {
  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final double TINY = 1e-300;

  /**
   * @param memory curvature pairs kept (5–10 is plenty)
   * @param maxIterations iterations (each one line search)
   * @param relativeTolerance stop when f falls by less than this fraction of |f| in one iteration
   * @param gradientTolerance stop when max|∂f| ≤ this · max(|f|, tiny)
   * @param maxLineSearchEvaluations function evaluations allowed per line search
   */
  public record Settings(int memory, int maxIterations, double relativeTolerance, double gradientTolerance,
      int maxLineSearchEvaluations) {

    public Settings {
      if (memory < 1 || maxIterations < 1 || maxLineSearchEvaluations < 2) {
        throw new IllegalArgumentException("memory, maxIterations ≥ 1 and maxLineSearchEvaluations ≥ 2 required");
      }
    }

    public static Settings defaults() {
      return new Settings(8, 1000, 1e-12, 1e-12, 40);
    }

    public Settings withMaxIterations(int iterations) {
      return new Settings(memory, iterations, relativeTolerance, gradientTolerance, maxLineSearchEvaluations);
    }

    public Settings withRelativeTolerance(double tolerance) {
      return new Settings(memory, maxIterations, tolerance, gradientTolerance, maxLineSearchEvaluations);
    }
  }

  /** Why the minimiser stopped. */
  public enum Termination { GRADIENT, FUNCTION_CHANGE, STEP, MAX_ITERATIONS, LINE_SEARCH_FAILED, UNDEFINED_START }

  /**
   * @param point the best point found
   * @param value f there (+∞ when the start was undefined)
   */
  public record Result(double[] point, double value, int iterations, int evaluations, Termination termination) {

    /** True unless the start was undefined or the iterations ran out (a failed line search at a minimum counts). */
    public boolean converged() {
      return termination != Termination.UNDEFINED_START && termination != Termination.MAX_ITERATIONS;
    }
  }

  private Lbfgs() {}

  public static Result minimise(DifferentiableFunction f, double[] start, Settings settings) {
    return new Run(f, start, settings).run();
  }

  /** One minimisation: the state the two-loop recursion and the line search share. */
  private static final class Run {
    private final DifferentiableFunction f;
    private final Settings settings;
    private final int n;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private double[] x;
    private double[] g;
    private double[] xNew;
    private double[] gNew;
    private final double[] direction;
    private double fx;
    /** f at the step the last line search accepted. */
    private double lastValue;
    private int stored;
    private int newest = -1;
    private int evaluations;

    Run(DifferentiableFunction f, double[] start, Settings settings) {
      this.f = f;
      this.settings = settings;
      n = start.length;
      s = new double[settings.memory()][n];
      y = new double[settings.memory()][n];
      rho = new double[settings.memory()];
      alpha = new double[settings.memory()];
      x = start.clone();
      g = new double[n];
      xNew = new double[n];
      gNew = new double[n];
      direction = new double[n];
    }

    Result run() {
      fx = evaluate(x, g);
      if (!Double.isFinite(fx) || !allFinite(g)) {
        return new Result(x, Double.POSITIVE_INFINITY, 0, evaluations, Termination.UNDEFINED_START);
      }
      for (int iteration = 0; iteration < settings.maxIterations(); iteration++) {
        if (maxAbs(g) <= settings.gradientTolerance() * Math.max(Math.abs(fx), TINY)) {
          return new Result(x, fx, iteration, evaluations, Termination.GRADIENT);
        }
        double slope = searchDirection();
        if (!(slope < 0)) {
          stored = 0;
          slope = steepest();
        }
        double initial = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(g, g))) : 1.0;
        double step = lineSearch(slope, initial);
        if (Double.isNaN(step)) {
          if (stored == 0) {
            return new Result(x, fx, iteration, evaluations, Termination.LINE_SEARCH_FAILED);
          }
          stored = 0; // stale curvature: retry along the steepest descent
          continue;
        }
        double fNew = lastValue;
        remember();
        double[] swap = x;
        x = xNew;
        xNew = swap;
        swap = g;
        g = gNew;
        gNew = swap;
        double previous = fx;
        fx = fNew;
        if (previous - fx <= settings.relativeTolerance() * Math.max(Math.max(Math.abs(previous), Math.abs(fx)), TINY)) {
          return new Result(x, fx, iteration + 1, evaluations, Termination.FUNCTION_CHANGE);
        }
        if (step * maxAbs(direction) <= 1e-15 * (1 + maxAbs(x))) {
          return new Result(x, fx, iteration + 1, evaluations, Termination.STEP);
        }
      }
      return new Result(x, fx, settings.maxIterations(), evaluations, Termination.MAX_ITERATIONS);
    }

    /** direction = −H·g by the two-loop recursion; returns the directional derivative g·direction. */
    private double searchDirection() {
      if (stored == 0) {
        return steepest();
      }
      int m = settings.memory();
      for (int i = 0; i < n; i++) {
        direction[i] = -g[i];
      }
      for (int k = 0, j = newest; k < stored; k++, j = (j - 1 + m) % m) {
        alpha[j] = rho[j] * dot(s[j], direction);
        axpy(-alpha[j], y[j], direction);
      }
      double scale = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      for (int i = 0; i < n; i++) {
        direction[i] *= scale;
      }
      int oldest = (newest - stored + 1 + m) % m;
      for (int k = 0, j = oldest; k < stored; k++, j = (j + 1) % m) {
        double beta = rho[j] * dot(y[j], direction);
        axpy(alpha[j] - beta, s[j], direction);
      }
      return dot(g, direction);
    }

    private double steepest() {
      for (int i = 0; i < n; i++) {
        direction[i] = -g[i];
      }
      return -dot(g, g);
    }

    /** Stores the pair (xNew − x, gNew − g) unless its curvature is not positive (BFGS would lose definiteness). */
    private void remember() {
      int m = settings.memory();
      int slot = (newest + 1) % m;
      double sy = 0;
      double yy = 0;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double si = xNew[i] - x[i];
        double yi = gNew[i] - g[i];
        s[slot][i] = si;
        y[slot][i] = yi;
        sy += si * yi;
        yy += yi * yi;
        ss += si * si;
      }
      if (sy > 1e-12 * Math.sqrt(ss * yy) && yy > 0) {
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, m);
      }
    }

    /**
     * Strong-Wolfe line search along {@link #direction}; leaves the accepted point in xNew/gNew and its
     * value in lastValue. Returns the step, or NaN when no acceptable step was found.
     */
    private double lineSearch(double slope0, double initial) {
      double previousStep = 0;
      double previousValue = fx;
      double previousSlope = slope0;
      double step = initial;
      int budget = settings.maxLineSearchEvaluations();
      for (int i = 0; i < budget; i++) {
        double value = probe(step);
        double slope = dot(gNew, direction);
        if (!Double.isFinite(value) || value > fx + C1 * step * slope0 || (i > 0 && value >= previousValue)) {
          return zoom(previousStep, previousValue, previousSlope, step, value, slope, slope0, budget - i - 1);
        }
        if (Math.abs(slope) <= -C2 * slope0) {
          lastValue = value;
          return step;
        }
        if (slope >= 0) {
          return zoom(step, value, slope, previousStep, previousValue, previousSlope, slope0, budget - i - 1);
        }
        previousStep = step;
        previousValue = value;
        previousSlope = slope;
        step *= 2;
      }
      return acceptArmijo(previousStep, previousValue);
    }

    private double zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi, double slope0,
        int budget) {
      for (int i = 0; i < budget; i++) {
        double width = hi - lo;
        double step;
        if (Double.isFinite(fHi)) {
          double curvature = fHi - fLo - dLo * width;
          step = curvature > 0 ? lo - dLo * width * width / (2 * curvature) : lo + 0.5 * width;
        } else {
          step = lo + 0.5 * width;
        }
        double low = Math.min(lo, hi) + 0.1 * Math.abs(width);
        double high = Math.max(lo, hi) - 0.1 * Math.abs(width);
        if (!(step >= low && step <= high)) {
          step = lo + 0.5 * width;
        }
        double value = probe(step);
        double slope = dot(gNew, direction);
        if (!Double.isFinite(value) || value > fx + C1 * step * slope0 || value >= fLo) {
          hi = step;
          fHi = value;
          dHi = slope;
        } else {
          if (Math.abs(slope) <= -C2 * slope0) {
            lastValue = value;
            return step;
          }
          if (slope * (hi - lo) >= 0) {
            hi = lo;
            fHi = fLo;
            dHi = dLo;
          }
          lo = step;
          fLo = value;
          dLo = slope;
        }
        if (Math.abs(hi - lo) * maxAbs(direction) <= 1e-16 * (1 + maxAbs(x))) {
          break;
        }
      }
      return acceptArmijo(lo, fLo);
    }

    /** Falls back to the best sufficient-decrease step seen (curvature condition unmet), if it moved at all. */
    private double acceptArmijo(double step, double value) {
      if (step <= 0 || !(value < fx)) {
        return Double.NaN;
      }
      lastValue = probe(step);
      return step;
    }

    private double probe(double step) {
      for (int i = 0; i < n; i++) {
        xNew[i] = x[i] + step * direction[i];
      }
      double value = evaluate(xNew, gNew);
      return allFinite(gNew) ? value : Double.POSITIVE_INFINITY;
    }

    private double evaluate(double[] point, double[] gradient) {
      evaluations++;
      double value = f.valueAndGradient(point, gradient);
      return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double max = 0;
    for (double d : v) {
      max = Math.max(max, Math.abs(d));
    }
    return max;
  }

  private static boolean allFinite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }
}
