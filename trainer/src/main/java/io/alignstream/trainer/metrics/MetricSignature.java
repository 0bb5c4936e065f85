package io.alignstream.trainer.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sacreBLEU-style reproducibility signature, e.g.
 * {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:alignstream}: ordered key/value pairs,
 * {@code nrefs} first and {@code version} last, as sacreBLEU 2.x prints them.
 *
 * @param entries the pairs in printing order
 */
public record MetricSignature(List<Map.Entry<String, String>> entries) {
  /** What stands where sacreBLEU prints its own version: these scores come from this implementation. */
  public static final String VERSION = "alignstream";

  public MetricSignature {
    entries = List.copyOf(entries);
  }

  /** {@code nrefs}, then the metric's pairs, then {@code version}. */
  static MetricSignature of(String nrefs, List<Map.Entry<String, String>> metricEntries) {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    all.add(Map.entry("nrefs", nrefs));
    all.addAll(metricEntries);
    all.add(Map.entry("version", VERSION));
    return new MetricSignature(all);
  }

  /** The value of a key, or null. */
  public String get(String key) {
    return entries.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
  }

  /** {@code key:value|key:value…}. */
  public String format() {
    return entries.stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining("|"));
  }

  @Override
  public String toString() {
    return format();
  }
}
