package io.alignstream.analyzer.model;

import io.alignstream.analyzer.fit.CorrelationRow;
import io.alignstream.analyzer.fit.ModelComparison;
import io.alignstream.analyzer.fit.NonMonotonicity;
import io.alignstream.schemas.fit.ScalingFit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one refit of a task/family group produced: the fits published to {@code scaling-fits}
 * plus what only the API and the dashboard show (curves with bands, named crossovers, curve
 * crossings, non-monotonic curves, the model comparison and the correlation table).
 *
 * @param metric the task's main metric (BLEU, TSS, MAE, ...)
 * @param method the alignment method of the family fit, null when there was none
 * @param comparableSize the D at which datasets are compared for the correlation table, null when none
 * @param comparison alignment-aware vs plain law by held-out error, null when not fitted
 * @param notes why a fit was skipped or failed, one line each
 * @param points training results in the group
 */
public record GroupAnalysis(GroupKey key, String metric, boolean higherIsBetter, String method, Double comparableSize,
    List<DatasetSummary> datasets, List<ScalingFit> fits, List<Curve> curves, List<CrossoverDetail> crossovers,
    List<PlainCrossing> plainCrossings, Map<String, NonMonotonicity> nonMonotonic, ModelComparison comparison,
    List<CorrelationRow> correlations, List<String> notes, int points, Instant analysedAt, long wallTimeMs) {

  public GroupAnalysis {
    datasets = List.copyOf(datasets);
    fits = List.copyOf(fits);
    curves = List.copyOf(curves);
    crossovers = List.copyOf(crossovers);
    plainCrossings = List.copyOf(plainCrossings);
    nonMonotonic = Map.copyOf(nonMonotonic);
    correlations = List.copyOf(correlations);
    notes = List.copyOf(notes);
  }
}
