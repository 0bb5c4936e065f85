package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Fits a {@link ScalingLaw} the way DESIGN §5 prescribes: log-space residuals, Huber loss summed over
 * points ({@link HuberObjective}), {@link Lbfgs} from every point of the law's starting grid, keeping
 * the best; then a percentile bootstrap over resampled points (cases), each resample warm-started
 * from the full-data optimum, which is what makes live refits cheap (a resample's optimum is close to
 * the full-data one). Warm starts assume that closeness: a resample whose best optimum lies in another
 * basin is refitted in the full-data basin, the usual practice for bootstrapping such fits.
 *
 * <p>Deterministic given the data, the options and the seed; single-threaded; stateless between calls.
 */
public final class ScalingLawFitter {
  private final Lbfgs.Settings gridSettings;
  private final Lbfgs.Settings resampleSettings;

  public ScalingLawFitter() {
    this(Lbfgs.Settings.defaults(), Lbfgs.Settings.defaults().withMaxIterations(300).withRelativeTolerance(1e-10));
  }

  /**
   * @param gridSettings L-BFGS settings for the runs from the starting grid
   * @param resampleSettings L-BFGS settings for the warm-started bootstrap refits
   */
  public ScalingLawFitter(Lbfgs.Settings gridSettings, Lbfgs.Settings resampleSettings) {
    this.gridSettings = gridSettings;
    this.resampleSettings = resampleSettings;
  }

  /** The best of the grid runs: free coordinates and the objective there. */
  record Optimum(double[] free, double value) {}

  public FitResult fit(ScalingLaw law, List<Observation> points, FitOptions options) {
    long start = System.nanoTime();
    requireEnough(law, points.size());
    double delta = options.huberDeltaFor(law);
    HuberObjective objective = HuberObjective.of(law, points, delta);
    Optimum best = gridFit(law, objective, points);
    double[] natural = law.toNatural(best.free());

    int k = law.dimension();
    int resamples = options.resamples();
    List<DerivedQuantity> derived = options.derived();
    double[][] parameterDraws = new double[k][resamples];
    double[][] derivedDraws = new double[derived.size()][resamples];
    int failed = 0;
    SplittableRandom random = new SplittableRandom(options.seed());
    int n = points.size();
    int[] counts = new int[n];
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[random.nextInt(n)]++;
      }
      Lbfgs.Result refit = Lbfgs.minimise(objective.reweighted(counts), best.free(), resampleSettings);
      double[] drawn = Double.isFinite(refit.value()) ? law.toNatural(refit.point()) : null;
      failed += drawn == null ? 1 : 0;
      for (int j = 0; j < k; j++) {
        parameterDraws[j][r] = drawn == null ? Double.NaN : drawn[j];
      }
      for (int j = 0; j < derived.size(); j++) {
        derivedDraws[j][r] = drawn == null ? Double.NaN : derived.get(j).evaluate(drawn);
      }
    }

    List<ParameterEstimate> parameters = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      parameters.add(estimate(law.parameterNames().get(j), natural[j], parameterDraws[j], options));
    }
    List<ParameterEstimate> derivedEstimates = new ArrayList<>();
    for (int j = 0; j < derived.size(); j++) {
      derivedEstimates.add(estimate(derived.get(j).name(), derived.get(j).evaluate(natural), derivedDraws[j], options));
    }
    Optional<HeldOutError> heldOut = options.heldOutTrainPoints() > 0
        ? Optional.of(heldOutError(law, points, options.heldOutTrainPoints(), delta))
        : Optional.empty();
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    return new FitResult(law.name(), parameters, derivedEstimates, goodness(law, objective, best, points), heldOut,
        n, resamples, failed, wallMs);
  }

  /** The full-data point estimate only (natural parameters), from the starting grid. */
  public double[] fitParameters(ScalingLaw law, List<Observation> points, double huberDelta) {
    requireEnough(law, points.size());
    return law.toNatural(gridFit(law, HuberObjective.of(law, points, huberDelta), points).free());
  }

  /**
   * Fits the {@code trainPoints} smallest points by D (ties keep input order) and measures the
   * prediction error on the others.
   */
  public HeldOutError heldOutError(ScalingLaw law, List<Observation> points, int trainPoints, double huberDelta) {
    if (trainPoints >= points.size()) {
      throw new IllegalArgumentException("Held-out check needs points left over: train " + trainPoints + " of "
          + points.size());
    }
    List<Observation> sorted = IntStream.range(0, points.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> points.get(i).size()).thenComparingInt(i -> i))
        .map(points::get).toList();
    List<Observation> train = sorted.subList(0, trainPoints);
    List<Observation> test = sorted.subList(trainPoints, sorted.size());
    double[] natural = fitParameters(law, train, huberDelta);
    double absolute = 0;
    double relative = 0;
    double maxRelative = 0;
    for (Observation p : test) {
      double error = Math.abs(law.predict(natural, p.size(), p.alignment()) - p.value());
      absolute += error;
      relative += error / Math.abs(p.value());
      maxRelative = Math.max(maxRelative, error / Math.abs(p.value()));
    }
    return new HeldOutError(train.size(), test.size(), train.get(train.size() - 1).size(), absolute / test.size(),
        relative / test.size(), maxRelative);
  }

  private Optimum gridFit(ScalingLaw law, HuberObjective objective, List<Observation> points) {
    double[] bestPoint = null;
    double bestValue = Double.POSITIVE_INFINITY;
    for (double[] start : law.startingPoints(points)) {
      Lbfgs.Result result = Lbfgs.minimise(objective, start, gridSettings);
      if (result.value() < bestValue) {
        bestValue = result.value();
        bestPoint = result.point();
      }
    }
    if (bestPoint == null) {
      throw new IllegalStateException("No starting point of " + law.name() + " gave a defined objective on "
          + points.size() + " points");
    }
    return new Optimum(bestPoint, bestValue);
  }

  private static GoodnessOfFit goodness(ScalingLaw law, HuberObjective objective, Optimum best,
      List<Observation> points) {
    double[] residuals = objective.residuals(best.free());
    double squares = 0;
    for (double r : residuals) {
      squares += r * r;
    }
    double[] natural = law.toNatural(best.free());
    double mean = points.stream().mapToDouble(Observation::value).average().orElseThrow();
    double ssRes = 0;
    double ssTot = 0;
    for (Observation p : points) {
      double e = law.predict(natural, p.size(), p.alignment()) - p.value();
      ssRes += e * e;
      ssTot += (p.value() - mean) * (p.value() - mean);
    }
    return new GoodnessOfFit(best.value(), objective.delta(), Math.sqrt(squares / residuals.length),
        ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN);
  }

  private static ParameterEstimate estimate(String name, double value, double[] draws, FitOptions options) {
    if (draws.length == 0) {
      return new ParameterEstimate(name, value, Double.NaN, Double.NaN);
    }
    double[] interval = Stats.percentileInterval(draws, options.confidence());
    return new ParameterEstimate(name, value, interval[0], interval[1]);
  }

  private static void requireEnough(ScalingLaw law, int n) {
    if (n <= law.dimension()) {
      throw new IllegalArgumentException(law.name() + " has " + law.dimension() + " parameters: fitting needs more"
          + " points than that, got " + n);
    }
  }
}
