package io.alignstream.scorer.task2vec;

import io.alignstream.schemas.sample.Features;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FEATURES preprocessing: {@code z = (sign(x)·log1p(|x|) − mean) / std} per feature, with mean
 * and std learned from the training payloads; missing (NaN) or infinite values become 0 after
 * standardisation. Features are matched by name, so payloads may list them in another order or
 * carry extra ones; a feature the payload lacks counts as missing.
 *
 * @param names feature names in input order (from the first training payload)
 * @param mean per-feature mean of the log-scaled training values
 * @param std per-feature standard deviation (1 where the training values were constant)
 */
record FeatureEncoder(List<String> names, double[] mean, double[] std) {

    FeatureEncoder {
        names = List.copyOf(names);
        if (mean.length != names.size() || std.length != names.size()) {
            throw new IllegalArgumentException("mean/std do not match " + names.size() + " names");
        }
    }

    static FeatureEncoder fit(List<?> payloads) {
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("cannot fit feature standardisation on no payloads");
        }
        Features first = (Features) payloads.get(0);
        List<String> names = first.getNames();
        int d = names.size();
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        long[] count = new long[d];
        FeatureEncoder identity = new FeatureEncoder(names, new double[d], ones(d));
        for (Object p : payloads) {
            double[] x = identity.logScaled((Features) p);
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
            double var = count[j] < 2 ? 0 : (sumSq[j] - count[j] * mean[j] * mean[j]) / (count[j] - 1);
            std[j] = var > 1e-12 ? Math.sqrt(var) : 1.0;
        }
        return new FeatureEncoder(names, mean, std);
    }

    int dimension() {
        return names.size();
    }

    Optional<String> rejection(Features f) {
        if (f.getNames().size() != f.getValues().size()) {
            return Optional.of("features have " + f.getNames().size() + " names but "
                    + f.getValues().size() + " values");
        }
        return Optional.empty();
    }

    /** Standardised values, NaN/inf replaced by 0. */
    float[] encode(Features f) {
        double[] x = logScaled(f);
        float[] z = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            double v = (x[j] - mean[j]) / std[j];
            z[j] = Double.isFinite(v) ? (float) v : 0f;
        }
        return z;
    }

    private double[] logScaled(Features f) {
        double[] x = new double[names.size()];
        List<Double> values = f.getValues();
        if (f.getNames().equals(names)) {
            for (int j = 0; j < x.length; j++) {
                x[j] = signedLog1p(values.get(j));
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

    private static double signedLog1p(Double v) {
        if (v == null) {
            return Double.NaN;
        }
        return Math.signum(v) * Math.log1p(Math.abs(v));
    }

    private static double[] ones(int d) {
        double[] o = new double[d];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }
}
