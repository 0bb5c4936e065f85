package io.alignstream.trainer.metrics;

/**
 * A binary confusion matrix (positive = the event, e.g. an M/X flare within 24 h) and the skill
 * scores of DESIGN §1 computed from it.
 *
 * <p>Degenerate matrices: every ratio whose denominator is 0 is {@code NaN} (undefined), never a
 * made-up 0 or 1, so an empty or one-class evaluation set is visible rather than flattering. In
 * particular TSS is NaN when there are no positives or no negatives, and HSS2 is NaN when its
 * denominator vanishes (all samples in one class and every forecast the same).
 *
 * @param tp true positives
 * @param fp false positives (false alarms)
 * @param fn false negatives (misses)
 * @param tn true negatives
 */
public record ConfusionMatrix(long tp, long fp, long fn, long tn) {

  public ConfusionMatrix {
    if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
      throw new IllegalArgumentException("counts must be non-negative: " + tp + "/" + fp + "/" + fn + "/" + tn);
    }
  }

  /** The matrix of paired forecasts and outcomes. */
  public static ConfusionMatrix of(boolean[] predicted, boolean[] actual) {
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.length + " entries, actual " + actual.length);
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] && actual[i]) {
        tp++;
      } else if (predicted[i]) {
        fp++;
      } else if (actual[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ConfusionMatrix(tp, fp, fn, tn);
  }

  /** Element-wise sum, to aggregate over batches or partitions. */
  public ConfusionMatrix plus(ConfusionMatrix o) {
    return new ConfusionMatrix(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
  }

  public long total() {
    return tp + fp + fn + tn;
  }

  /** TP / (TP + FP); NaN with no positive forecast. */
  public double precision() {
    return ratio(tp, tp + fp);
  }

  /** TP / (TP + FN), the probability of detection; NaN with no actual positive. */
  public double recall() {
    return ratio(tp, tp + fn);
  }

  /** FP / (FP + TN), the false alarm rate; NaN with no actual negative. */
  public double falseAlarmRate() {
    return ratio(fp, fp + tn);
  }

  /** (TP + TN) / N; NaN when empty. */
  public double accuracy() {
    return ratio(tp + tn, total());
  }

  /**
   * True skill statistic (Hanssen–Kuipers): TP/(TP+FN) − FP/(FP+TN), in [−1, 1], 0 for a constant or
   * random forecast, insensitive to the class ratio. NaN without both classes present.
   */
  public double tss() {
    return recall() - falseAlarmRate();
  }

  /**
   * Heidke skill score (HSS2): 2(TP·TN − FN·FP) / [(TP+FN)(FN+TN) + (TP+FP)(FP+TN)], the skill over a
   * random forecast with the same marginals, in [−1, 1]. NaN when the denominator is 0.
   */
  public double hss2() {
    // Doubles: the products overflow a long past about 3e9 samples per cell.
    double numerator = 2.0 * ((double) tp * tn - (double) fn * fp);
    double denominator = (double) (tp + fn) * (fn + tn) + (double) (tp + fp) * (fp + tn);
    return denominator == 0 ? Double.NaN : numerator / denominator;
  }

  private static double ratio(long num, long den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }
}
