package io.alignstream.trainer.metrics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A BLEU result with its sufficient statistics. {@link #toString()} prints it as sacreBLEU's API
 * does: {@code BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}.
 *
 * @param score BLEU on the 0–100 scale
 * @param counts matched (clipped) n-gram counts, n = 1..order
 * @param totals hypothesis n-gram counts, n = 1..order
 * @param precisions n-gram precisions in percent after smoothing (all 0 when nothing matched)
 * @param bp brevity penalty
 * @param sysLen hypothesis tokens over the corpus
 * @param refLen closest-reference tokens over the corpus
 * @param signature how it was computed
 */
public record BleuScore(double score, List<Integer> counts, List<Integer> totals, List<Double> precisions,
    double bp, int sysLen, int refLen, MetricSignature signature) implements MtScore {

  public BleuScore {
    counts = List.copyOf(counts);
    totals = List.copyOf(totals);
    precisions = List.copyOf(precisions);
  }

  @Override
  public String name() {
    return "BLEU";
  }

  /** hyp_len / ref_len, 0 when there is no reference token (as sacreBLEU). */
  public double ratio() {
    return refLen == 0 ? 0.0 : (double) sysLen / refLen;
  }

  @Override
  public String verbose() {
    String prec = precisions.stream().map(p -> PyText.fixed(p, 1)).collect(Collectors.joining("/"));
    return prec + " (BP = " + PyText.fixed(bp, 3) + " ratio = " + PyText.fixed(ratio(), 3)
        + " hyp_len = " + sysLen + " ref_len = " + refLen + ")";
  }

  @Override
  public String toString() {
    return format(2, false);
  }
}
