package io.alignstream.analyzer.fit;

/**
 * One dataset's alignment by one method and the downstream loss of the model trained on it: a row of
 * the input to {@link CorrelationTable} (one per method and dataset).
 */
public record AlignmentLossPoint(String method, String dataset, double alignment, double loss) {}
