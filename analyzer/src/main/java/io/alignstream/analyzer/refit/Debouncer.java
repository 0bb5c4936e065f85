package io.alignstream.analyzer.refit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decides when each key (a task/family group) is refitted: at most once per {@code interval}, leading
 * edge first. A change to a key that has not started a refit within the interval is due at once (an
 * isolated new result is fitted without waiting); changes arriving sooner, or while a refit runs, fold
 * into one refit at {@code lastStart + interval}. Keys are independent. Time is passed in (milliseconds),
 * so the rule is tested without sleeping. Thread-safe.
 */
public final class Debouncer<K> {
  private final long intervalMillis;
  private final Map<K, State> states = new HashMap<>();

  private static final class State {
    long lastStart = Long.MIN_VALUE;
    boolean dirty;
    boolean running;

    long dueAt(long interval) {
      return lastStart == Long.MIN_VALUE ? Long.MIN_VALUE : lastStart + interval;
    }
  }

  public Debouncer(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("Debounce interval must be >= 0, was " + interval);
    }
    this.intervalMillis = interval.toMillis();
  }

  /** Marks the key changed at {@code now}. */
  public synchronized void touch(K key, long now) {
    states.computeIfAbsent(key, k -> new State()).dirty = true;
  }

  /**
   * The keys due at {@code now} (changed, not running, and the interval since their last start has
   * passed); each is marked started at {@code now} and must be {@link #finished} when its refit ends.
   */
  public synchronized List<K> takeDue(long now) {
    List<K> due = new ArrayList<>();
    states.forEach((key, state) -> {
      if (state.dirty && !state.running && now >= state.dueAt(intervalMillis)) {
        state.dirty = false;
        state.running = true;
        state.lastStart = now;
        due.add(key);
      }
    });
    return due;
  }

  /** The refit of a taken key ended; changes that came in meanwhile make it due again after the interval. */
  public synchronized void finished(K key) {
    State state = states.get(key);
    if (state != null) {
      state.running = false;
    }
  }

  /** When the next changed key becomes due (may be in the past), empty when nothing waits. */
  public synchronized OptionalLong nextDue() {
    return states.values().stream().filter(s -> s.dirty && !s.running).mapToLong(s -> s.dueAt(intervalMillis)).min();
  }
}
