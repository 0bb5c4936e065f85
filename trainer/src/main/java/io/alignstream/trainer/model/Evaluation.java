package io.alignstream.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation of a model on a test split.
 *
 * @param samples number of test samples evaluated
 * @param crossEntropy downstream cross-entropy in nats: mean per target token (MT) or per sample
 *     (solar, unweighted binary cross-entropy); {@code null} where the task has none (STEM regression)
 * @param metrics task metrics by name: {@code BLEU}, {@code chrF} (MT, sacreBLEU scale 0–100);
 *     {@code TSS}, {@code HSS2}, {@code accuracy} (solar); {@code MAE} (Ångström), {@code relativeError}
 *     (a fraction), {@code testLoss} (STEM). A metric that is undefined on this split (TSS without
 *     both classes, say) is absent rather than NaN.
 */
public record Evaluation(int samples, Double crossEntropy, Map<String, Double> metrics) {

  public Evaluation {
    Map<String, Double> defined = new LinkedHashMap<>();
    metrics.forEach((k, v) -> {
      if (v != null && Double.isFinite(v)) {
        defined.put(k, v);
      }
    });
    metrics = Collections.unmodifiableMap(defined);
  }

  /** The named metric, NaN when absent. */
  public double metric(String name) {
    return metrics.getOrDefault(name, Double.NaN);
  }
}
