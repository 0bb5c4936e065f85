package io.alignstream.trainer.model;

import io.alignstream.schemas.sample.Features;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Solar preprocessing: {@code z = (sign(x)·log1p(|x|) − mean) / std} per declared feature, matched
 * by name (payload order and extra features do not matter). Missing (absent, NaN or infinite) values
 * become 0 after standardisation, i.e. the reference mean. Fitted once and saved with the model.
 *
 * @param names the features in input order
 * @param mean per-feature mean of the signed-log values of the reference
 * @param std their standard deviation (1 where constant or unseen)
 */
public record FeatureStandardizer(List<String> names, double[] mean, double[] std) {

  public FeatureStandardizer {
    names = List.copyOf(names);
    if (mean.length != names.size() || std.length != names.size()) {
      throw new IllegalArgumentException("mean/std do not match " + names.size() + " feature names");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Mean and standard deviation of the signed-log features over {@code reference}. */
  public static FeatureStandardizer fit(List<String> names, List<Features> reference) {
    int d = names.size();
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    long[] count = new long[d];
    double[] zero = new double[d];
    double[] one = new double[d];
    Arrays.fill(one, 1.0);
    FeatureStandardizer identity = new FeatureStandardizer(names, zero, one);
    for (Features f : reference) {
      double[] x = identity.logScaled(f);
      for (int j = 0; j < d; j++) {
        if (Double.isFinite(x[j])) {
          sum[j] += x[j];
          sumSq[j] += x[j] * x[j];
          count[j]++;
        }
      }
    }
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = count[j] == 0 ? 0 : sum[j] / count[j];
      double var = count[j] < 2 ? 0 : Math.max(0, (sumSq[j] - count[j] * mean[j] * mean[j]) / (count[j] - 1));
      std[j] = var > 1e-12 ? Math.sqrt(var) : 1.0;
    }
    return new FeatureStandardizer(names, mean, std);
  }

  /** Standardised values in {@link #names()} order. */
  public float[] encode(Features f) {
    double[] x = logScaled(f);
    float[] z = new float[x.length];
    for (int j = 0; j < x.length; j++) {
      double v = (x[j] - mean[j]) / std[j];
      z[j] = Double.isFinite(v) ? (float) v : 0f;
    }
    return z;
  }

  /** {@code sign(x)·log1p(|x|)}; NaN stays NaN. */
  public static double signedLog1p(double x) {
    return Math.signum(x) * Math.log1p(Math.abs(x));
  }

  private double[] logScaled(Features f) {
    double[] x = new double[names.size()];
    List<Double> values = f.getValues();
    if (f.getNames().equals(names)) {
      for (int j = 0; j < x.length; j++) {
        Double v = values.get(j);
        x[j] = v == null ? Double.NaN : signedLog1p(v);
      }
      return x;
    }
    Map<String, Double> byName = new HashMap<>();
    for (int i = 0; i < f.getNames().size() && i < values.size(); i++) {
      byName.put(f.getNames().get(i), values.get(i));
    }
    for (int j = 0; j < x.length; j++) {
      Double v = byName.get(names.get(j));
      x[j] = v == null ? Double.NaN : signedLog1p(v);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureStandardizer other && names.equals(other.names) && Arrays.equals(mean, other.mean)
        && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * names.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "FeatureStandardizer" + names + " mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
  }
}
