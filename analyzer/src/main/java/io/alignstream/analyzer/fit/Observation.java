package io.alignstream.analyzer.fit;

/**
 * One measured point of a scaling curve: a model trained on {@code size} samples of a dataset with
 * mean alignment {@code alignment} scored {@code value} (a downstream cross-entropy or a metric).
 *
 * @param size the dataset size D, &gt; 0
 * @param alignment the dataset's alignment A in (0, 1]; ignored by laws that do not use it
 * @param value the observed loss or metric, &gt; 0 (residuals are taken in log space)
 */
public record Observation(double size, double alignment, double value) {

  /** A point of a law that ignores alignment (A is recorded as 1). */
  public static Observation of(double size, double value) {
    return new Observation(size, 1.0, value);
  }
}
