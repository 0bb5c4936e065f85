package io.alignstream.scorer.coefficient.service;

import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import java.time.Duration;

/**
 * Knobs of the coefficient service.
 *
 * @param coefficient batch size N, batch pairs K and seed of every coefficient
 * @param window tumbling window of {@code alignment-windows} (event time)
 * @param windowGrace a window closes when stream time passes its end plus this, or when no sample has
 *     joined it for this long (wall clock: file imports, where every sample of a file has its time)
 * @param windowReservoir samples kept per open window for its coefficient (uniform reservoir)
 * @param targetReservoir target samples kept per target (uniform reservoir)
 * @param maxQueued closed windows waiting for their coefficient beyond this are emitted with status
 *     BUSY (the per-sample means only) instead of queueing without bound
 * @param windows compute window coefficients
 * @param datasets compute dataset coefficients
 */
public record CoefficientSettings(AlignmentCoefficient.Settings coefficient, Duration window, Duration windowGrace,
    int windowReservoir, int targetReservoir, int maxQueued, boolean windows, boolean datasets) {

  public CoefficientSettings {
    if (windowReservoir < 1 || targetReservoir < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("reservoirs and maxQueued must be >= 1");
    }
  }

  public static CoefficientSettings defaults() {
    return new CoefficientSettings(AlignmentCoefficient.Settings.defaults(), Duration.ofMinutes(1),
        Duration.ofSeconds(10), 2560, 2560, 8, true, true);
  }
}
