package io.alignstream.trainer.metrics;

/**
 * Regression errors for the electron-microscopy task (estimated vs true particle diameter).
 * Both are NaN on empty input; arrays of different lengths are an error.
 */
public final class RegressionMetrics {
  private RegressionMetrics() {}

  /** Mean of |predicted − actual|; NaN when empty. */
  public static double meanAbsoluteError(double[] predicted, double[] actual) {
    checkLengths(predicted, actual);
    if (predicted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      sum += Math.abs(predicted[i] - actual[i]);
    }
    return sum / predicted.length;
  }

  /**
   * Mean of |predicted − actual| / |actual| (a fraction: 0.05 is 5 %). NaN when empty or when any
   * actual value is 0, where the relative error is undefined (a true diameter is never 0, so a 0
   * label is a data error that must not be averaged away).
   */
  public static double meanRelativeError(double[] predicted, double[] actual) {
    checkLengths(predicted, actual);
    if (predicted.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (actual[i] == 0) {
        return Double.NaN;
      }
      sum += Math.abs(predicted[i] - actual[i]) / Math.abs(actual[i]);
    }
    return sum / predicted.length;
  }

  private static void checkLengths(double[] predicted, double[] actual) {
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.length + " values, actual " + actual.length);
    }
  }
}
