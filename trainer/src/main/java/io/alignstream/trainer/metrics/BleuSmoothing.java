package io.alignstream.trainer.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * BLEU smoothing methods of sacreBLEU (after Chen and Cherry 2014), with sacreBLEU's defaults for
 * those that take a value.
 */
public enum BleuSmoothing {
  /** No smoothing: a zero n-gram precision makes BLEU 0. */
  NONE("none", Double.NaN),
  /** Method 1: a zero match count is replaced by the value (default 0.1). */
  FLOOR("floor", 0.1),
  /** Method 2: the value (default 1) is added to matches and totals of orders 2 and up. */
  ADD_K("add-k", 1.0),
  /** Method 3, NIST / mteval-v13a: the k-th zero precision becomes 1 / (2^k · total). The default. */
  EXP("exp", Double.NaN);

  private final String name;
  private final double defaultValue;

  BleuSmoothing(String name, double defaultValue) {
    this.name = name;
    this.defaultValue = defaultValue;
  }

  /** The name sacreBLEU uses ({@code exp}, {@code floor}, {@code add-k}, {@code none}). */
  public String label() {
    return name;
  }

  /** Whether the method takes a value ({@code floor}, {@code add-k}). */
  public boolean takesValue() {
    return !Double.isNaN(defaultValue);
  }

  /** The value used when none is given; NaN for methods without one. */
  public double defaultValue() {
    return defaultValue;
  }

  /** The method by its sacreBLEU name. */
  public static BleuSmoothing fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(s -> s.name.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown smoothing '" + name + "' (expected one of none, floor, add-k, exp)"));
  }
}
