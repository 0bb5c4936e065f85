package io.alignstream.analyzer.refit;

import io.alignstream.analyzer.fit.AlignmentAwareLaw;
import io.alignstream.analyzer.fit.CrossEntropyLaw;
import io.alignstream.analyzer.fit.Crossover;
import io.alignstream.analyzer.fit.CurveCrossing;
import io.alignstream.analyzer.fit.DerivedQuantity;
import io.alignstream.analyzer.fit.FitOptions;
import io.alignstream.analyzer.fit.FitResult;
import io.alignstream.analyzer.fit.MetricLogLaw;
import io.alignstream.analyzer.fit.MetricPoint;
import io.alignstream.analyzer.fit.ModelComparison;
import io.alignstream.analyzer.fit.NonMonotonicity;
import io.alignstream.analyzer.fit.NonMonotonicityDetector;
import io.alignstream.analyzer.fit.Observation;
import io.alignstream.analyzer.fit.ParameterEstimate;
import io.alignstream.analyzer.fit.ScalingLaw;
import io.alignstream.analyzer.fit.ScalingLawFitter;
import io.alignstream.analyzer.model.CrossoverDetail;
import io.alignstream.analyzer.model.Curve;
import io.alignstream.analyzer.model.DatasetSummary;
import io.alignstream.analyzer.model.FitId;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.GroupKey;
import io.alignstream.analyzer.model.PlainCrossing;
import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.schemas.fit.ScalingFit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Fits one task/family group of training results (DESIGN §5) with the engine in
 * {@link io.alignstream.analyzer.fit}: per dataset the power law of downstream cross-entropy and the
 * law of the task's main metric (log-law when higher is better, power law for errors), non-monotonic
 * metric curves; across the family the alignment-aware law with crossovers, compared against the plain
 * law by held-out error; and the alignment-vs-loss correlation table at a D every dataset reached.
 *
 * <p>Pure given its inputs: points are taken in curve order and every bootstrap is seeded from its fit
 * id, so the same results give the same fits on every replay. A fit whose input (points and requested
 * derived quantities) did not change since the last call is reused, not recomputed. Safe for concurrent
 * calls on different groups.
 */
public final class GroupFitter {
  public static final String CROSS_ENTROPY = "downstreamCrossEntropy";
  /** {@code E + B·D^(−α)} in the contract's words. */
  public static final String POWER = "power";
  /** {@code (log(a·D^α))^β} in the contract's words. */
  public static final String LOG_METRIC = "log-metric";
  public static final String ALIGNMENT_AWARE = AlignmentAwareLaw.NAME;
  private static final int FAMILY_MIN_POINTS = 8;

  private static final CrossEntropyLaw POWER_LAW = new CrossEntropyLaw();
  private static final MetricLogLaw METRIC_LAW = new MetricLogLaw();
  private static final AlignmentAwareLaw ALIGNED_LAW = new AlignmentAwareLaw();

  private final ScalingLawFitter fitter;
  private final RefitSettings settings;
  private final Clock clock;
  private final Map<String, Memo> memo = new ConcurrentHashMap<>();

  private record Memo(List<Observation> input, List<String> derived, Object result) {}

  public GroupFitter(ScalingLawFitter fitter, RefitSettings settings, Clock clock) {
    this.fitter = fitter;
    this.settings = settings;
    this.clock = clock;
  }

  /** @param points the group's results (any order) */
  public GroupAnalysis analyse(GroupKey key, List<ResultPoint> points) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    TaskMetric metric = TaskMetric.forTask(settings.metrics(), key.task());
    Work work = new Work(key, metric, now);
    work.lossName = points.stream().anyMatch(ResultPoint::hasCrossEntropy) || points.stream().noneMatch(ResultPoint::hasLoss)
        ? CROSS_ENTROPY : ResultPoint.TEST_LOSS;
    Map<String, List<ResultPoint>> byDataset = new TreeMap<>();
    points.stream().sorted(ResultPoint.CURVE_ORDER)
        .forEach(p -> byDataset.computeIfAbsent(p.datasetId(), d -> new ArrayList<>()).add(p));
    work.grid = CurveGrid.of(points, settings.curvePoints(), settings.curveExtension());
    if (metric == null) {
      work.notes.add("No main metric configured for task " + key.task() + " (alignstream.analyzer.metrics)");
    }
    byDataset.forEach((dataset, curve) -> {
      work.datasets.add(summary(dataset, curve, metric));
      fitDataset(work, dataset, curve);
    });
    fitFamily(work, byDataset);
    ComparableCorrelations.Table correlations = ComparableCorrelations.compute(byDataset, settings.methods(),
        settings.resamples(), seed(key + "|correlation"), settings.confidence());
    return new GroupAnalysis(key, metric == null ? null : metric.name(), metric == null || metric.higherIsBetter(),
        work.method, correlations.comparableSize(), work.datasets, work.fits, work.curves, work.crossovers,
        work.plainCrossings, work.nonMonotonic, work.comparison, correlations.rows(), work.notes, points.size(), now,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** What one analysis accumulates. */
  private static final class Work {
    final GroupKey key;
    final TaskMetric metric;
    final Instant now;
    double[] grid;
    String method;
    /** The group's downstream loss: cross-entropy, or the test loss of a regression task (see ResultPoint#loss). */
    String lossName = CROSS_ENTROPY;
    ModelComparison comparison;
    final List<DatasetSummary> datasets = new ArrayList<>();
    final List<ScalingFit> fits = new ArrayList<>();
    final List<Curve> curves = new ArrayList<>();
    final List<CrossoverDetail> crossovers = new ArrayList<>();
    final List<PlainCrossing> plainCrossings = new ArrayList<>();
    final Map<String, NonMonotonicity> nonMonotonic = new TreeMap<>();
    final Map<String, CrossEntropyLaw.Parameters> plainLaws = new TreeMap<>();
    final List<String> notes = new ArrayList<>();

    Work(GroupKey key, TaskMetric metric, Instant now) {
      this.key = key;
      this.metric = metric;
      this.now = now;
    }
  }

  private void fitDataset(Work work, String dataset, List<ResultPoint> curve) {
    List<Observation> loss = curve.stream().filter(ResultPoint::hasLoss)
        .map(p -> Observation.of(p.size(), p.loss())).toList();
    FitId lossId = FitId.ofDataset(work.key, POWER, work.lossName, dataset);
    FitResult lossFit = fitLaw(work, lossId, POWER_LAW, loss, CurveGrid.quantities(POWER_LAW, work.grid, 1.0));
    if (lossFit != null) {
      work.fits.add(FitRecords.scalingFit(lossId, work.key.contractFamily(), lossFit, settings.confidence(), Map.of(),
          List.of(), null, work.now));
      work.curves.add(CurveGrid.curve(dataset, lossId, work.lossName, null, work.grid, lossFit, ""));
      work.plainLaws.put(dataset, CrossEntropyLaw.Parameters.of(lossFit.values()));
    }
    TaskMetric metric = work.metric;
    if (metric == null) {
      return;
    }
    List<MetricPoint> both = curve.stream().filter(p -> p.hasLoss() && p.metric(metric.name()) != null)
        .map(p -> new MetricPoint(p.size(), p.metric(metric.name()), p.loss())).toList();
    NonMonotonicity shape = new NonMonotonicityDetector(
        NonMonotonicityDetector.Settings.defaults().withHigherIsBetter(metric.higherIsBetter())
            .withMinAbsoluteDrop(metric.minDrop())).detect(both);
    work.nonMonotonic.put(dataset, shape);
    // log-space residuals need positive values: BLEU 0 or a negative TSS at tiny D cannot be fitted
    List<Observation> values = curve.stream().filter(p -> p.metric(metric.name()) != null)
        .filter(p -> p.metric(metric.name()) > 0).map(p -> Observation.of(p.size(), p.metric(metric.name()))).toList();
    ScalingLaw law = metric.higherIsBetter() ? METRIC_LAW : POWER_LAW;
    FitId metricId = FitId.ofDataset(work.key, metric.higherIsBetter() ? LOG_METRIC : POWER, metric.name(), dataset);
    FitResult metricFit = fitLaw(work, metricId, law, values, CurveGrid.quantities(law, work.grid, 1.0));
    if (metricFit != null) {
      Double peak = shape.detected() ? shape.peakSize() : null;
      work.fits.add(FitRecords.scalingFit(metricId, work.key.contractFamily(), metricFit, settings.confidence(),
          Map.of(), List.of(), peak, work.now));
      work.curves.add(CurveGrid.curve(dataset, metricId, metric.name(), null, work.grid, metricFit, ""));
    } else if (shape.detected()) {
      work.notes.add(metric.name() + " of " + dataset + " falls after D = " + shape.peakSize()
          + " while cross-entropy improves, but no law could be fitted to carry the peak");
    }
  }

  /** A fitted law, or null (with a note) when there are too few points or the fit failed. */
  private FitResult fitLaw(Work work, FitId id, ScalingLaw law, List<Observation> points,
      List<DerivedQuantity> derived) {
    if (points.size() <= law.dimension()) {
      if (!points.isEmpty()) {
        work.notes.add(id.law() + " " + id.metric() + " of " + id.scope() + ": " + points.size() + " points, needs "
            + (law.dimension() + 1));
      }
      return null;
    }
    try {
      return memoised(id.toString(), points, derived, () -> fitter.fit(law, points, options(id, points.size(),
          law.dimension(), derived)));
    } catch (RuntimeException e) {
      work.notes.add(id.law() + " " + id.metric() + " of " + id.scope() + " failed: " + e.getMessage());
      return null;
    }
  }

  private FitOptions options(FitId id, int points, int dimension, List<DerivedQuantity> derived) {
    return new FitOptions(settings.resamples(), seed(id.toString()), settings.confidence(), Double.NaN,
        heldOutTrainPoints(points, dimension), derived);
  }

  /** Smallest-points training size of the held-out check, 0 when no point would be left to check. */
  int heldOutTrainPoints(int points, int dimension) {
    int train = Math.max(dimension + 1, (int) Math.ceil(points * settings.heldOutFraction()));
    return train < points ? train : 0;
  }

  private long seed(String fitId) {
    return settings.seed() * 31 + fitId.hashCode();
  }

  @SuppressWarnings("unchecked")
  private <T> T memoised(String key, List<Observation> input, List<DerivedQuantity> derived,
      Supplier<T> compute) {
    List<String> names = derived.stream().map(DerivedQuantity::name).toList();
    Memo previous = memo.get(key);
    if (previous != null && previous.input().equals(input) && previous.derived().equals(names)) {
      return (T) previous.result();
    }
    T result = compute.get();
    memo.put(key, new Memo(List.copyOf(input), names, result));
    return result;
  }

  private void fitFamily(Work work, Map<String, List<ResultPoint>> byDataset) {
    String method = chooseMethod(byDataset);
    if (method == null) {
      if (byDataset.size() > 1) {
        work.notes.add("No alignment method (of " + settings.methods() + ") has values in (0, 1] for every"
            + " cross-entropy point of two or more datasets: no alignment-aware fit");
      }
      return;
    }
    Map<String, Double> alignments = new LinkedHashMap<>();
    Map<String, Long> largest = new LinkedHashMap<>();
    List<Observation> points = new ArrayList<>();
    byDataset.forEach((dataset, curve) -> {
      List<ResultPoint> loss = curve.stream().filter(ResultPoint::hasLoss).toList();
      if (eligible(loss, method)) {
        loss.forEach(p -> points.add(new Observation(p.size(), p.alignment().get(method), p.loss())));
        ResultPoint last = loss.get(loss.size() - 1);
        alignments.put(dataset, last.alignment().get(method));
        largest.put(dataset, last.size());
      }
    });
    if (points.size() < FAMILY_MIN_POINTS || alignments.values().stream().distinct().count() < 2) {
      work.notes.add("Alignment-aware law (" + method + "): " + points.size() + " points over "
          + alignments.values().stream().distinct().count() + " distinct alignments; needs " + FAMILY_MIN_POINTS
          + " points and 2 alignments");
      return;
    }
    work.method = method;
    String aligned = alignments.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    double high = alignments.get(aligned);
    double alignedSize = largest.get(aligned);
    List<DerivedQuantity> derived = new ArrayList<>();
    Map<String, DerivedQuantity> rates = new LinkedHashMap<>();
    alignments.forEach((dataset, a) -> {
      if (a < high) {
        DerivedQuantity rate = Crossover.exchangeRate(high, alignedSize, a);
        rates.put(dataset, rate);
        derived.add(rate);
      }
    });
    alignments.forEach((dataset, a) -> derived.addAll(CurveGrid.named(CurveGrid.quantities(ALIGNED_LAW, work.grid, a), dataset)));
    FitId id = FitId.ofFamily(work.key, ALIGNMENT_AWARE, work.lossName, method);
    FitResult fit;
    try {
      fit = memoised(id.toString(), points, derived, () -> fitter.fit(ALIGNED_LAW, points,
          new FitOptions(settings.resamples(), seed(id.toString()), settings.confidence(), Double.NaN, 0, derived)));
    } catch (RuntimeException e) {
      work.notes.add("Alignment-aware law (" + method + ") failed: " + e.getMessage());
      return;
    }
    AlignmentAwareLaw.Parameters law = AlignmentAwareLaw.Parameters.of(fit.values());
    List<io.alignstream.schemas.fit.Crossover> records = new ArrayList<>(); // the contract's, not the engine's
    rates.forEach((dataset, rate) -> {
      double low = alignments.get(dataset);
      Crossover crossover = Crossover.of(law, high, alignedSize, low);
      ParameterEstimate interval = fit.derivedQuantity(rate.name());
      work.crossovers.add(new CrossoverDetail(aligned, dataset, high, alignedSize, low, crossover, interval.ciLow(),
          interval.ciHigh()));
      records.add(FitRecords.crossover(high, alignedSize, low, crossover));
    });
    Map<String, Double> goodness = new LinkedHashMap<>();
    goodness.put("datasets", (double) alignments.size());
    compare(work, id, points).ifPresent(goodness::putAll);
    work.fits.add(FitRecords.scalingFit(id, work.key.contractFamily(), fit, settings.confidence(), goodness, records,
        null, work.now));
    alignments.forEach((dataset, a) -> work.curves.add(CurveGrid.curve(dataset, id, work.lossName, a, work.grid, fit, dataset)));
    plainCrossings(work, aligned);
  }

  /** The alignment-aware law against the plain law on the same pooled points, by held-out error. */
  private Optional<Map<String, Double>> compare(Work work, FitId id, List<Observation> points) {
    int train = heldOutTrainPoints(points.size(), ALIGNED_LAW.dimension());
    if (train == 0) {
      return Optional.empty();
    }
    try {
      ModelComparison comparison = memoised(id + "|comparison", points, List.of(),
          () -> ModelComparison.byHeldOutError(fitter, points, train, List.of(ALIGNED_LAW, POWER_LAW)));
      work.comparison = comparison;
      Map<String, Double> out = new LinkedHashMap<>();
      out.putAll(FitRecords.heldOut("heldOut", comparison.entries().get(0).heldOut()));
      out.put("plainHeldOutMeanRelativeError", comparison.entries().get(1).heldOut().meanRelativeError());
      out.put("alignmentAwarePreferred", ALIGNMENT_AWARE.equals(comparison.best()) ? 1.0 : 0.0);
      return Optional.of(out);
    } catch (RuntimeException e) {
      work.notes.add("Held-out comparison of " + id + " failed: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void plainCrossings(Work work, String aligned) {
    CrossEntropyLaw.Parameters first = work.plainLaws.get(aligned);
    if (first == null || work.grid.length < 2) {
      return;
    }
    work.plainLaws.forEach((dataset, other) -> {
      if (!dataset.equals(aligned)) {
        try {
          work.plainCrossings.add(new PlainCrossing(aligned, dataset,
              CurveCrossing.between(first, other, work.grid[0], work.grid[work.grid.length - 1])));
        } catch (IllegalArgumentException e) {
          work.notes.add("Curves of " + aligned + " and " + dataset + ": " + e.getMessage());
        }
      }
    });
  }

  /** The first preferred method for which at least two datasets have every loss point's A in (0, 1]. */
  private String chooseMethod(Map<String, List<ResultPoint>> byDataset) {
    for (String method : settings.methods()) {
      long datasets = byDataset.values().stream()
          .map(curve -> curve.stream().filter(ResultPoint::hasLoss).toList())
          .filter(loss -> eligible(loss, method)).count();
      if (datasets >= 2) {
        return method;
      }
    }
    return null;
  }

  private static boolean eligible(List<ResultPoint> loss, String method) {
    return !loss.isEmpty() && loss.stream().allMatch(p -> {
      Double a = p.alignment().get(method);
      return a != null && a > 0 && a <= 1;
    });
  }

  private static DatasetSummary summary(String dataset, List<ResultPoint> curve, TaskMetric metric) {
    ResultPoint last = curve.get(curve.size() - 1);
    Double latestLoss = null;
    Double latestMetric = null;
    for (ResultPoint p : curve) {
      latestLoss = p.hasLoss() ? p.loss() : latestLoss;
      latestMetric = metric != null && p.metric(metric.name()) != null ? p.metric(metric.name()) : latestMetric;
    }
    return new DatasetSummary(dataset, curve.size(), last.size(), latestLoss, latestMetric, last.alignment());
  }
}
