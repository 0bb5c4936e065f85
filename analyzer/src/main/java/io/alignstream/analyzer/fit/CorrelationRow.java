package io.alignstream.analyzer.fit;

/**
 * Pearson correlation of one alignment method's scores with downstream loss across datasets, with
 * percentile bootstrap intervals (resampling datasets). Alignment that predicts loss shows a negative r;
 * the published anchors (r² = 0.80–0.96 for Task2Vec, 0.90 for gzip) are about r².
 *
 * @param rSquaredLow interval of r² taken over the resampled r² values (not the square of r's bounds)
 */
public record CorrelationRow(String method, int datasets, double r, double rLow, double rHigh, double rSquared,
    double rSquaredLow, double rSquaredHigh) {}
