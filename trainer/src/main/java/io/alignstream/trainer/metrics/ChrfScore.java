package io.alignstream.trainer.metrics;

/**
 * A chrF / chrF++ result. {@link #toString()} prints it as sacreBLEU's API does: {@code chrF2 = 59.73}
 * ({@code chrF2++ = …} with word order 2).
 *
 * @param score chrF on the 0–100 scale
 * @param charOrder character n-gram order
 * @param wordOrder word n-gram order (2 for chrF++)
 * @param beta recall weight
 * @param signature how it was computed
 */
public record ChrfScore(double score, int charOrder, int wordOrder, int beta, MetricSignature signature)
    implements MtScore {

  @Override
  public String name() {
    return "chrF" + beta + "+".repeat(wordOrder);
  }

  @Override
  public String verbose() {
    return "";
  }

  @Override
  public String toString() {
    return format(2, false);
  }
}
