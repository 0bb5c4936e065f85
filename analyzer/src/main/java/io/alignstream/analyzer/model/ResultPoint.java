package io.alignstream.analyzer.model;

import io.alignstream.schemas.training.TrainingResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation of a model trained on a curated dataset, as the analyzer keeps it: a validated
 * {@link TrainingResult}. Its identity is (dataset, run, step): a result delivered or re-sent twice
 * replaces the first instead of counting twice.
 *
 * @param downstreamCrossEntropy null when the trainer did not measure it
 * @param alignment mean alignment of the data seen, per method (sorted by method)
 * @param metrics downstream metrics by name (sorted by name)
 */
public record ResultPoint(String datasetId, String task, String family, String runId, long step, long size,
    Map<String, Double> alignment, double upstreamLoss, Double downstreamCrossEntropy, Map<String, Double> metrics,
    boolean fineTuned, String device, long wallTimeMs, double samplesPerSecond, Instant evaluatedTime) {

  /** The same point with another alignment per method. */
  public ResultPoint withAlignment(Map<String, Double> newAlignment) {
    return new ResultPoint(datasetId, task, family, runId, step, size, newAlignment, upstreamLoss, downstreamCrossEntropy,
        metrics, fineTuned, device, wallTimeMs, samplesPerSecond, evaluatedTime);
  }

  /** Order of points on a curve: by D, then run and step, so fits see the same order on every replay. */
  public static final Comparator<ResultPoint> CURVE_ORDER = Comparator.comparingLong(ResultPoint::size)
      .thenComparing(ResultPoint::runId).thenComparingLong(ResultPoint::step);

  public ResultPoint {
    alignment = Map.copyOf(new TreeMap<>(alignment));
    metrics = Map.copyOf(new TreeMap<>(metrics));
  }

  /** Identity of a point within its dataset. */
  public record Id(String datasetId, String runId, long step) {}

  public Id id() {
    return new Id(datasetId, runId, step);
  }

  public GroupKey group() {
    return new GroupKey(task, family);
  }

  public boolean hasCrossEntropy() {
    return downstreamCrossEntropy != null;
  }

  /** The metric a regression model reports as its downstream loss (the test split's MSE) when it has no cross-entropy. */
  public static final String TEST_LOSS = "testLoss";

  /**
   * The downstream loss that the laws and the correlation table use: the cross-entropy when the trainer
   * measured it (classification, translation), else the test loss of a regression model (STEM), else null.
   */
  public Double loss() {
    if (downstreamCrossEntropy != null) {
      return downstreamCrossEntropy;
    }
    Double test = metrics.get(TEST_LOSS);
    return test != null && test > 0 ? test : null;
  }

  public boolean hasLoss() {
    return loss() != null;
  }

  /** The name of {@link #loss()}: {@code downstreamCrossEntropy} or {@code testLoss}. */
  public String lossName() {
    return downstreamCrossEntropy != null ? "downstreamCrossEntropy" : TEST_LOSS;
  }

  /** The metric's value, or null when this evaluation did not report it. */
  public Double metric(String name) {
    return metrics.get(name);
  }

  /**
   * A point from a training result, or the reasons it cannot be one (then the record is dead-lettered:
   * a fit must never see a non-positive D or a non-finite loss).
   */
  public static ResultPoint from(TrainingResult r) {
    List<String> problems = problems(r);
    if (!problems.isEmpty()) {
      throw new InvalidResultException("Unusable training result for dataset '" + r.getDatasetId() + "': "
          + String.join("; ", problems));
    }
    return new ResultPoint(r.getDatasetId(), r.getTask(), new GroupKey(r.getTask(), r.getFamily()).family(),
        r.getRunId(), r.getStep(), r.getSize(), r.getAlignment(), r.getUpstreamLoss(), r.getDownstreamCrossEntropy(),
        r.getMetrics(), r.getFineTuned(), r.getDevice(), r.getWallTimeMs(), r.getSamplesPerSecond(),
        r.getEvaluatedTime());
  }

  static List<String> problems(TrainingResult r) {
    List<String> out = new ArrayList<>();
    if (r.getDatasetId() == null || r.getDatasetId().isBlank()) {
      out.add("datasetId is blank");
    }
    if (r.getTask() == null || r.getTask().isBlank()) {
      out.add("task is blank");
    }
    if (r.getSize() <= 0) {
      out.add("size D must be > 0, was " + r.getSize());
    }
    Double ce = r.getDownstreamCrossEntropy();
    if (ce != null && !(Double.isFinite(ce) && ce > 0)) {
      out.add("downstreamCrossEntropy must be finite and > 0, was " + ce);
    }
    r.getMetrics().forEach((name, value) -> {
      if (value == null || !Double.isFinite(value)) {
        out.add("metric " + name + " is not finite: " + value);
      }
    });
    r.getAlignment().forEach((method, value) -> {
      if (value == null || !Double.isFinite(value)) {
        out.add("alignment " + method + " is not finite: " + value);
      }
    });
    return out;
  }

  /** A training result that decodes but cannot be fitted. */
  public static final class InvalidResultException extends RuntimeException {
    public InvalidResultException(String message) {
      super(message);
    }
  }
}
