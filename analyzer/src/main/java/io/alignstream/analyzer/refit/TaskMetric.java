package io.alignstream.analyzer.refit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's main downstream metric and its direction: BLEU for MT, TSS for solar (higher is better),
 * MAE for STEM (lower is better). Higher-is-better metrics get the log-law (Isik et al.), which rises
 * with D; lower-is-better errors get the power law E + B·D^(−α), which falls.
 */
public record TaskMetric(String name, boolean higherIsBetter, double minDrop) {

  public TaskMetric(String name, boolean higherIsBetter) {
    this(name, higherIsBetter, 0);
  }

  /**
   * Reads {@code prefix=METRIC:higher|lower[:minDrop];...} (minDrop: the smallest fall after a peak that
   * counts as non-monotonic, in the metric's units, default 0): a task matches the entry equal to the task itself,
   * else the one equal to its family prefix (the part before the first '.', e.g. {@code mt} for
   * {@code mt.en-fr}).
   */
  public static Map<String, TaskMetric> parse(String spec) {
    Map<String, TaskMetric> out = new LinkedHashMap<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      String[] metric = kv.length == 2 ? kv[1].split(":", 3) : new String[0];
      if (metric.length < 2 || !(metric[1].trim().equals("higher") || metric[1].trim().equals("lower"))) {
        throw new IllegalArgumentException("Task metric '" + part + "' is not task=METRIC:higher|lower[:minDrop]");
      }
      double minDrop = 0;
      if (metric.length == 3) {
        try {
          minDrop = Double.parseDouble(metric[2].trim());
        } catch (NumberFormatException e) {
          minDrop = -1;
        }
        if (!(minDrop >= 0) || Double.isInfinite(minDrop)) {
          throw new IllegalArgumentException("Task metric '" + part + "': minDrop must be a number ≥ 0");
        }
      }
      out.put(kv[0].trim(), new TaskMetric(metric[0].trim(), metric[1].trim().equals("higher"), minDrop));
    }
    return out;
  }

  /** The metric of a task, or null when none is configured for it. */
  public static TaskMetric forTask(Map<String, TaskMetric> metrics, String task) {
    TaskMetric exact = metrics.get(task);
    if (exact != null) {
      return exact;
    }
    int dot = task.indexOf('.');
    return metrics.get(dot < 0 ? task : task.substring(0, dot));
  }
}
