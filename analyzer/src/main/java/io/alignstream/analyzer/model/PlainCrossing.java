package io.alignstream.analyzer.model;

import io.alignstream.analyzer.fit.CurveCrossing;

/** Where the plain cross-entropy curves of the family's most aligned dataset and another dataset cross. */
public record PlainCrossing(String alignedDataset, String otherDataset, CurveCrossing crossing) {}
