package io.alignstream.analyzer.model;

/** A fitted curve at one D, with the pointwise bootstrap interval of the prediction (NaN when none). */
public record CurvePoint(double size, double value, double low, double high) {}
