package io.alignstream.trainer.metrics;

/**
 * A corpus- or sentence-level translation metric result, printable the way sacreBLEU prints it.
 */
public sealed interface MtScore permits BleuScore, ChrfScore {
  /** The metric's display name: {@code BLEU}, {@code chrF2}, {@code chrF2++}. */
  String name();

  /** The score on sacreBLEU's 0–100 scale. */
  double score();

  /** What sacreBLEU prints after the score (BLEU's precisions and lengths); empty if nothing. */
  String verbose();

  /** How the score was computed. */
  MetricSignature signature();

  /**
   * sacreBLEU's {@code Score.format}: {@code NAME = score [verbose]}, or with a signature
   * {@code NAME|signature = score [verbose]}.
   *
   * @param width digits after the decimal point (sacreBLEU's API default 2, its command line 1)
   * @param withSignature whether to put the signature after the name
   */
  default String format(int width, boolean withSignature) {
    String head = withSignature ? name() + "|" + signature().format() : name();
    String line = head + " = " + PyText.fixed(score(), width);
    return verbose().isEmpty() ? line : line + " " + verbose();
  }
}
