package io.alignstream.scorer.coefficient.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A uniform sample of at most {@code capacity} items of a stream (Algorithm R), seeded. */
final class Reservoir<T> {
  private final int capacity;
  private final List<T> items = new ArrayList<>();
  private final SplittableRandom random;
  private long seen;

  Reservoir(int capacity, long seed) {
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
  }

  void add(T item) {
    seen++;
    if (items.size() < capacity) {
      items.add(item);
      return;
    }
    long slot = random.nextLong(seen);
    if (slot < capacity) {
      items.set((int) slot, item);
    }
  }

  long seen() {
    return seen;
  }

  List<T> snapshot() {
    return List.copyOf(items);
  }
}
