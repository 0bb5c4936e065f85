package io.alignstream.analyzer.model;

import java.util.List;

/**
 * A fitted law drawn over the group's D grid for one dataset (for the dashboard).
 *
 * @param fitId the fit it comes from
 * @param quantity what is on the y axis: downstreamCrossEntropy or the metric's name
 * @param alignment the dataset's alignment the alignment-aware law is evaluated at (null for per-dataset laws)
 */
public record Curve(String dataset, String fitId, String law, String quantity, Double alignment,
    List<CurvePoint> points) {

  public Curve {
    points = List.copyOf(points);
  }
}
