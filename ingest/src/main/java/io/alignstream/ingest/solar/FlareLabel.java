package io.alignstream.ingest.solar;

import java.time.Instant;
import java.util.Objects;

/**
 * The forecasting label of one SHARP record at time t, with its leakage-free history features.
 *
 * @param positive an M or X flare of the record's regions peaks in (t, t+24h]
 * @param strongestClass the largest classified flare in (t, t+24h], any class, null when none
 * @param history features from [t−24h, t) only
 * @param windowClosesAt t+24h: before it, later flares may still turn the label positive
 */
public record FlareLabel(boolean positive, String strongestClass, FlareHistory history, Instant windowClosesAt) {

  public FlareLabel {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(windowClosesAt, "windowClosesAt");
  }

  /** Whether the label can no longer change given complete feeds up to {@code now}. */
  public boolean isFinalAt(Instant now) {
    return !now.isBefore(windowClosesAt);
  }
}
