package io.alignstream.scorer.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits items into forward-pass chunks of similar length: sorted by token count, each chunk as large
 * as fits {@code tokenBudget} padded tokens (count × longest) and {@code maxItems} items. Short texts
 * then share large chunks and a few long ones do not pad hundreds of short ones. A sample's result
 * does not depend on its chunk (samples do not interact in the encoder).
 */
public final class Chunks {

  /** Padded tokens per forward pass: bounds native memory and keeps the matrices large. */
  public static final int DEFAULT_TOKEN_BUDGET = 2048;

  private Chunks() {}

  /**
   * @return chunks of indices into {@code items}, each sorted by length
   */
  public static <T> List<int[]> of(List<T> items, ToIntFunction<T> length, int tokenBudget, int maxItems) {
    Integer[] order = new Integer[items.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> length.applyAsInt(items.get(i))));
    List<int[]> chunks = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int i : order) {
      int len = length.applyAsInt(items.get(i)); // the longest so far, since sorted
      if (!current.isEmpty() && ((current.size() + 1L) * len > tokenBudget || current.size() >= maxItems)) {
        chunks.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
      }
      current.add(i);
    }
    if (!current.isEmpty()) {
      chunks.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return chunks;
  }
}
