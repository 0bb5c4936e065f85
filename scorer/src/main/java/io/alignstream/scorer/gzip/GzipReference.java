package io.alignstream.scorer.gzip;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A gzip reference sample of a target: up to {@code capacity} target texts kept by reservoir
 * sampling (uniform over all targets seen, deterministic per seed), with their compressed lengths
 * cached. {@code alignment(x) = mean over references t of 1 − NCD(x, t)}.
 */
public final class GzipReference {
  private final int capacity;
  private final List<String> texts = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();
  private final SplittableRandom random;
  private long seen;

  public GzipReference(int capacity, long seed) {
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
  }

  /** Restores a reference from its texts (as stored in the target reference record). */
  public GzipReference(int capacity, long seed, List<String> texts, long seen) {
    this(capacity, seed);
    texts.forEach(this::keep);
    this.seen = seen;
  }

  public void add(String text) {
    seen++;
    if (texts.size() < capacity) {
      keep(text);
      return;
    }
    long slot = random.nextLong(seen);
    if (slot < capacity) {
      texts.set((int) slot, text);
      lengths.set((int) slot, Ncd.compressedLength(text));
    }
  }

  public List<String> texts() {
    return List.copyOf(texts);
  }

  public long seen() {
    return seen;
  }

  public boolean isEmpty() {
    return texts.isEmpty();
  }

  /** Mean of 1 − NCD against every reference text; NaN when there is no reference yet. */
  public double alignment(String x) {
    if (texts.isEmpty()) {
      return Double.NaN;
    }
    int cx = Ncd.compressedLength(x);
    double sum = 0;
    for (int i = 0; i < texts.size(); i++) {
      sum += 1 - Ncd.ncd(cx, lengths.get(i), Ncd.compressedLength(x + texts.get(i)));
    }
    return sum / texts.size();
  }

  private void keep(String text) {
    texts.add(text);
    lengths.add(Ncd.compressedLength(text));
  }
}
