package io.alignstream.ingest.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Event times of generated samples: {@code base + index × spacing}. Never the wall clock, so a replay
 * produces the same windows downstream.
 */
public record Timeline(Instant base, Duration spacing) {

  public Timeline {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(spacing, "spacing");
    if (spacing.isNegative()) {
      throw new IllegalArgumentException("spacing must be ≥ 0: " + spacing);
    }
  }

  public Instant at(long index) {
    return base.plus(spacing.multipliedBy(index));
  }
}
