package io.alignstream.analyzer.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the refit loop, for health and metrics. Thread-safe. */
public final class RefitStats {
  private final AtomicLong refits = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<Refit> last = new AtomicReference<>();

  /**
   * One refit of one group.
   *
   * @param wallTimeMs fitting and publishing
   * @param latencyMs from the arrival of the earliest result it took in to its fits being acknowledged by
   *     Kafka; null when the refit was not caused by new results (e.g. the first refit after a replay)
   * @param published fits that changed and were published
   */
  public record Refit(String group, Instant at, long wallTimeMs, Long latencyMs, int published) {}

  void record(Refit refit) {
    refits.incrementAndGet();
    published.addAndGet(refit.published());
    last.set(refit);
  }

  void failed() {
    failures.incrementAndGet();
  }

  public long refits() {
    return refits.get();
  }

  public long published() {
    return published.get();
  }

  public long failures() {
    return failures.get();
  }

  /** The latest refit, null before the first. */
  public Refit last() {
    return last.get();
  }
}
