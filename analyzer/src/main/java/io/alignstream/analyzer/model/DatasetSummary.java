package io.alignstream.analyzer.model;

import java.util.Map;

/**
 * One dataset of a group as its latest evaluation shows it.
 *
 * @param alignment alignment per method at the largest D
 */
public record DatasetSummary(String dataset, int points, long maxSize, Double latestCrossEntropy, Double latestMetric,
    Map<String, Double> alignment) {

  public DatasetSummary {
    alignment = Map.copyOf(alignment);
  }
}
