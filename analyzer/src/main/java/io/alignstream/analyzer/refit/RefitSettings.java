package io.alignstream.analyzer.refit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the analyzer refits.
 *
 * @param interval the least time between two refits of one task/family group (debounce)
 * @param resamples bootstrap resamples per fit (DESIGN §5: ≥ 200 live)
 * @param confidence level of the intervals
 * @param heldOutFraction share of the smallest points (by D) a held-out check trains on
 * @param methods alignment methods for the family fit, by preference (the first one every dataset has wins)
 * @param metrics main metric per task or task prefix
 * @param curvePoints points of each drawn curve
 * @param curveExtension drawn curves reach this multiple of the largest D
 * @param seed mixed with each fit id into the bootstrap seed (fits are reproducible across restarts)
 */
public record RefitSettings(Duration interval, int resamples, double confidence, double heldOutFraction,
    List<String> methods, Map<String, TaskMetric> metrics, int curvePoints, double curveExtension, long seed) {

  public RefitSettings {
    methods = List.copyOf(methods);
    metrics = Map.copyOf(metrics);
    if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
      throw new IllegalArgumentException("heldOutFraction must lie in (0, 1), was " + heldOutFraction);
    }
    if (curvePoints < 2 || !(curveExtension >= 1)) {
      throw new IllegalArgumentException("Need curvePoints >= 2 and curveExtension >= 1");
    }
  }

  public static RefitSettings defaults() {
    return new RefitSettings(Duration.ofSeconds(2), 200, 0.95, 0.7, List.of("task2vec", "gzip", "dsir"),
        TaskMetric.parse("mt=BLEU:higher:0.5;solar=TSS:higher:0.02;stem=MAE:lower"), 40, 4, 20261122L);
  }
}
