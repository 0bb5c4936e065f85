package io.alignstream.analyzer.api;

import io.alignstream.analyzer.fit.CorrelationRow;
import io.alignstream.analyzer.fit.ModelComparison;
import io.alignstream.analyzer.fit.NonMonotonicity;
import io.alignstream.analyzer.model.CrossoverDetail;
import io.alignstream.analyzer.model.Curve;
import io.alignstream.analyzer.model.DatasetSummary;
import io.alignstream.analyzer.model.FitId;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.PlainCrossing;
import io.alignstream.analyzer.model.ReadModel;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.scored.AlignmentWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API and the live stream, made from the contract's Avro records and the read
 * model (Avro classes are never serialized directly). Numbers that are not finite (an interval open to
 * infinity, an undefined r) are written as null; the field's documentation says what null means.
 */
public final class Views {
  private Views() {}

  static Double num(double value) {
    return Double.isFinite(value) ? value : null;
  }

  static Double num(Double value) {
    return value == null ? null : num(value.doubleValue());
  }

  /**
   * A curated dataset's manifest, with its alignment coefficient per method where the scorer has
   * published one (meanAlignment is the mean per-sample score of the policy's method).
   */
  public record DatasetView(String datasetId, String task, String family, String topic, String policy,
      Map<String, String> policyParameters, String targetId, String method, long size, Long sizeLimit,
      Double meanAlignment, Map<String, Double> alignmentQuantiles, boolean sealed, Instant updatedTime,
      Map<String, CoefficientView> coefficients) {

    static DatasetView of(DatasetManifest m) {
      return of(m, Map.of());
    }

    static DatasetView of(DatasetManifest m, Map<String, io.alignstream.schemas.dataset.DatasetAlignment> coefficients) {
      Map<String, CoefficientView> c = new java.util.TreeMap<>();
      coefficients.forEach((method, a) -> c.put(method, CoefficientView.of(a)));
      return new DatasetView(m.getDatasetId(), m.getTask(), m.getFamily(), m.getTopic(), m.getPolicy().getKind(),
          m.getPolicy().getParameters(), m.getTargetId(), m.getMethod(), m.getSize(), m.getSizeLimit(),
          num(m.getMeanAlignment()), m.getAlignmentQuantiles(), m.getSealed(), m.getUpdatedTime(), c);
    }
  }

  /** A dataset's alignment coefficient by one method (dataset-alignment). */
  public record CoefficientView(String probeId, Double coefficient, Double ciLow, Double ciHigh, long datasetSize,
      int batches, int batchSize, boolean sealed, Instant computedTime) {

    static CoefficientView of(io.alignstream.schemas.dataset.DatasetAlignment a) {
      return new CoefficientView(a.getProbeId(), num(a.getCoefficient()), a.getCi() == null ? null : num(a.getCi().getLower()),
          a.getCi() == null ? null : num(a.getCi().getUpper()), a.getDatasetSize(), a.getBatches(), a.getBatchSize(),
          a.getSealed(), a.getComputedTime());
    }
  }

  /**
   * One alignment window of the incoming stream; task is the target id up to its first '/'. coefficient
   * is the batch coefficient (null when status is not OK, e.g. TOO_SMALL); meanScore the mean per-sample
   * routing score.
   */
  public record WindowView(String key, String targetId, String task, String method, String probeId, String groupKind,
      String group, Instant windowStart, Instant windowEnd, long n, Double coefficient, Double ciLower,
      Double ciUpper, String status, String message, int batches, int batchSize, Double meanScore, String closedBy) {

    static WindowView of(String key, AlignmentWindow w) {
      return new WindowView(key, w.getTargetId(), ReadModel.taskOf(w), w.getMethod(), w.getProbeId(),
          w.getGroupKind(), w.getGroup(), w.getWindowStart(), w.getWindowEnd(), w.getN(), num(w.getCoefficient()),
          w.getCi() == null ? null : num(w.getCi().getLower()), w.getCi() == null ? null : num(w.getCi().getUpper()),
          w.getStatus(), w.getMessage(), w.getBatches(), w.getBatchSize(), num(w.getMeanScore()), w.getClosedBy());
    }
  }

  /** A fitted parameter; ciLow/ciHigh null when no interval was computed (or it is unbounded). */
  public record ParameterView(String name, Double value, Double ciLow, Double ciHigh, Double level) {}

  /** A crossover as published; misalignedSize and exchangeRate are null when never. */
  public record CrossoverRecordView(double alignedAlignment, double alignedSize, double misalignedAlignment,
      Double misalignedSize, Double exchangeRate, boolean never) {}

  /**
   * A fit of scaling-fits. dataset is set for per-dataset fits, method for the family's alignment-aware fit.
   */
  public record FitView(String fitId, String task, String family, String law, String metric, String dataset,
      String method, List<ParameterView> parameters, int points, Map<String, Double> goodness,
      List<CrossoverRecordView> crossovers, Double peakSize, Instant fittedTime) {

    static FitView of(ScalingFit f) {
      FitId id = FitId.parse(f.getFitId());
      Map<String, Double> goodness = new LinkedHashMap<>();
      f.getGoodness().forEach((k, v) -> goodness.put(k, num(v)));
      return new FitView(f.getFitId(), f.getTask(), f.getFamily(), f.getLaw(), f.getMetric(),
          id == null ? null : id.dataset(), id == null ? null : id.method(),
          f.getParameters().stream().map(p -> new ParameterView(p.getName(), num(p.getValue()),
              p.getCi() == null ? null : num(p.getCi().getLower()), p.getCi() == null ? null : num(p.getCi().getUpper()),
              p.getCi() == null ? null : p.getCi().getLevel())).toList(),
          f.getPoints(), goodness,
          f.getCrossovers().stream().map(c -> new CrossoverRecordView(c.getAlignedAlignment(), c.getAlignedSize(),
              c.getMisalignedAlignment(), num(c.getMisalignedSize()), num(c.getExchangeRate()), c.getNever())).toList(),
          num(f.getPeakSize()), f.getFittedTime());
    }
  }

  /** A drawn curve: points are [D, value, low, high] (low/high null without a band). */
  public record CurveView(String dataset, String fitId, String law, String quantity, Double alignment,
      List<Double[]> points) {

    static CurveView of(Curve c) {
      return new CurveView(c.dataset(), c.fitId(), c.law(), c.quantity(), c.alignment(), c.points().stream()
          .map(p -> new Double[] {p.size(), num(p.value()), num(p.low()), num(p.high())}).toList());
    }
  }

  /**
   * A crossover between two datasets of a family. exchangeRate, misalignedSize null when never;
   * exchangeRateHigh null when some resamples never cross (the interval is open).
   */
  public record CrossoverView(String alignedDataset, String misalignedDataset, double alignedAlignment,
      double alignedSize, double misalignedAlignment, boolean never, Double targetLoss, Double misalignedFloor,
      Double misalignedSize, Double exchangeRate, Double exchangeRateLow, Double exchangeRateHigh) {

    static CrossoverView of(CrossoverDetail d) {
      return new CrossoverView(d.alignedDataset(), d.misalignedDataset(), d.alignedAlignment(), d.alignedSize(),
          d.misalignedAlignment(), d.crossover().never(), num(d.crossover().targetLoss()),
          num(d.crossover().misalignedFloor()), num(d.crossover().misalignedSize()), num(d.crossover().exchangeRate()),
          num(d.exchangeRateLow()), num(d.exchangeRateHigh()));
    }
  }

  /** Where the plain loss curves of the most aligned dataset and another cross (size null when never). */
  public record PlainCrossingView(String alignedDataset, String otherDataset, boolean never, Double size, Double loss,
      boolean alignedLowerAtStart) {

    static PlainCrossingView of(PlainCrossing c) {
      return new PlainCrossingView(c.alignedDataset(), c.otherDataset(), c.crossing().never(), num(c.crossing().size()),
          num(c.crossing().loss()), c.crossing().firstLowerAtLow());
    }
  }

  /** A dataset's metric curve shape: detected when the metric falls after peakSize while the loss improves. */
  public record NonMonotonicView(String dataset, boolean detected, boolean metricFalls, boolean crossEntropyImproves,
      Double peakSize, Double peakMetric, Double endMetric, Double drop, Double threshold) {

    static NonMonotonicView of(String dataset, NonMonotonicity n) {
      return new NonMonotonicView(dataset, n.detected(), n.metricFalls(), n.crossEntropyImproves(), num(n.peakSize()),
          num(n.peakMetric()), num(n.endMetric()), num(n.drop()), num(n.threshold()));
    }
  }

  /** Held-out error of one law in the model comparison. */
  public record ComparisonEntryView(String law, int trainPoints, int heldOutPoints, Double meanRelativeError,
      Double maxRelativeError, Double meanAbsoluteError) {}

  public record ComparisonView(String best, List<ComparisonEntryView> entries) {

    static ComparisonView of(ModelComparison c) {
      return c == null ? null : new ComparisonView(c.best(), c.entries().stream()
          .map(e -> new ComparisonEntryView(e.law(), e.heldOut().trainPoints(), e.heldOut().heldOutPoints(),
              num(e.heldOut().meanRelativeError()), num(e.heldOut().maxRelativeError()),
              num(e.heldOut().meanAbsoluteError()))).toList());
    }
  }

  /**
   * A row of the correlation table: alignment by one method vs downstream loss across the group's
   * datasets at D = comparableSize. r is null when a variable has no variance.
   */
  public record CorrelationView(String task, String family, String method, int datasets, Double comparableSize,
      Double r, Double rLow, Double rHigh, Double rSquared, Double rSquaredLow, Double rSquaredHigh) {

    static CorrelationView of(GroupAnalysis a, CorrelationRow row) {
      return new CorrelationView(a.key().task(), a.key().family(), row.method(), row.datasets(), a.comparableSize(),
          num(row.r()), num(row.rLow()), num(row.rHigh()), num(row.rSquared()), num(row.rSquaredLow()),
          num(row.rSquaredHigh()));
    }
  }

  /** Everything the latest refit of one task/family group produced. */
  public record AnalysisView(String task, String family, String metric, boolean higherIsBetter, String method,
      Double comparableSize, int points, Instant analysedAt, long wallTimeMs, List<DatasetSummary> datasets,
      List<FitView> fits, List<CurveView> curves, List<CrossoverView> crossovers,
      List<PlainCrossingView> plainCrossings, List<NonMonotonicView> nonMonotonic, ComparisonView comparison,
      List<CorrelationView> correlations, List<String> notes) {

    static AnalysisView of(GroupAnalysis a) {
      return new AnalysisView(a.key().task(), a.key().family(), a.metric(), a.higherIsBetter(), a.method(),
          a.comparableSize(), a.points(), a.analysedAt(), a.wallTimeMs(), a.datasets(),
          a.fits().stream().map(FitView::of).toList(), a.curves().stream().map(CurveView::of).toList(),
          a.crossovers().stream().map(CrossoverView::of).toList(),
          a.plainCrossings().stream().map(PlainCrossingView::of).toList(),
          a.nonMonotonic().entrySet().stream().map(e -> NonMonotonicView.of(e.getKey(), e.getValue()))
              .sorted(java.util.Comparator.comparing(NonMonotonicView::dataset)).toList(),
          ComparisonView.of(a.comparison()), a.correlations().stream().map(r -> CorrelationView.of(a, r)).toList(),
          a.notes());
    }
  }

  /** A task/family group and its datasets, for pickers. */
  public record GroupView(String task, String family, List<String> datasets, int results) {}

  /** An event of the live stream: type is result, dataset, window, fit, analysis, deadletter, health or hello. */
  public record LiveEvent(String type, Instant at, Object data) {}
}
