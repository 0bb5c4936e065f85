package io.alignstream.analyzer.fit;

/** One run of a dataset's curve: size D, the downstream metric (e.g. BLEU) and the downstream cross-entropy. */
public record MetricPoint(double size, double metric, double crossEntropy) {}
