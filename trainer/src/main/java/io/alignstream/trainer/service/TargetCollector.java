package io.alignstream.trainer.service;

import io.alignstream.schemas.sample.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target samples of one task read so far, at most {@code max}: those with the smallest
 * {@link TaskTargets#position} of their id, so which ones are kept does not depend on arrival order
 * and memory stays bounded however many arrive. A sample id seen again replaces its earlier version.
 */
final class TargetCollector {

  private record Key(double position, String id) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Double.compare(position, o.position);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private final int max;
  private final TreeMap<Key, Sample> kept = new TreeMap<>();
  private final Map<String, Key> keys = new HashMap<>();
  private long seen;

  TargetCollector(int max) {
    this.max = max;
  }

  void add(Sample sample) {
    seen++;
    Key key = keys.computeIfAbsent(sample.getId(), id -> new Key(TaskTargets.position(id), id));
    if (kept.containsKey(key) || kept.size() < max) {
      kept.put(key, sample);
      return;
    }
    if (key.compareTo(kept.lastKey()) < 0) {
      Key dropped = kept.pollLastEntry().getKey();
      keys.remove(dropped.id());
      kept.put(key, sample);
    } else {
      keys.remove(sample.getId());
    }
  }

  int size() {
    return kept.size();
  }

  /** Target samples read, repeats and samples beyond the bound included. */
  long seen() {
    return seen;
  }

  List<Sample> samples() {
    return List.copyOf(kept.values());
  }
}
