package io.alignstream.scorer.task2vec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Task2Vec distance and alignment on embedding vectors (DESIGN §4). Pure functions; accumulation
 * in double precision.
 */
public final class Task2Vec {

    /** ε of the normalisation {@code e0 / (e0 + e1 + ε)}. */
    public static final double EPSILON = 1e-8;

    /** Bootstrap resamples behind {@link #batchAlignment}'s confidence interval. */
    public static final int BOOTSTRAP_RESAMPLES = 1000;

    private static final long BOOTSTRAP_SEED = 0x7A5C2B1DL;

    private Task2Vec() {}

    /**
     * Batch alignment with its 95% confidence interval.
     *
     * @param value 1 − mean distance over all (B1, B2) batch pairs
     * @param ciLow lower end of the 95% bootstrap percentile interval
     * @param ciHigh upper end
     * @param pairs number of batch pairs the mean ran over
     */
    public record Alignment(double value, double ciLow, double ciHigh, int pairs) {}

    /**
     * {@code cosdist(e0/(e0+e1+ε), e1/(e0+e1+ε))} with {@code cosdist(u,v) = 1 − u·v/(|u||v|)}.
     * In [0, 1] for non-negative embeddings (Fisher diagonals are); clamped there against rounding.
     * By convention two all-zero vectors are at distance 0 and a zero vector is at distance 1 from
     * any other.
     */
    public static double distance(float[] e0, float[] e1) {
        requireSameLength(e0, e1);
        double uv = 0;
        double uu = 0;
        double vv = 0;
        for (int i = 0; i < e0.length; i++) {
            double a = e0[i];
            double b = e1[i];
            double s = a + b + EPSILON;
            double u = a / s;
            double v = b / s;
            uv += u * v;
            uu += u * u;
            vv += v * v;
        }
        if (uu == 0 || vv == 0) {
            return uu == vv ? 0.0 : 1.0;
        }
        double d = 1.0 - uv / (Math.sqrt(uu) * Math.sqrt(vv));
        return Math.min(1.0, Math.max(0.0, d));
    }

    /** Per-sample alignment {@code a(x; T) = 1 − d(e_x, f(T))}. */
    public static double alignment(float[] embedding, float[] target) {
        return 1.0 - distance(embedding, target);
    }

    /**
     * {@code align(D1, D2) = 1 − mean over batch pairs of d(f(B1), f(B2))}, over all cross pairs
     * of the two lists of batch embeddings. The 95% interval is a two-sample percentile bootstrap:
     * both lists are resampled with replacement, independently, {@value #BOOTSTRAP_RESAMPLES}
     * times with a fixed seed (so the interval is reproducible), and the 2.5% and 97.5% quantiles
     * of the resampled alignments are reported. With one batch on each side the interval is the
     * point itself.
     */
    public static Alignment batchAlignment(List<float[]> batches1, List<float[]> batches2) {
        if (batches1.isEmpty() || batches2.isEmpty()) {
            throw new IllegalArgumentException("batch alignment needs at least one batch on each side");
        }
        int n1 = batches1.size();
        int n2 = batches2.size();
        double[][] d = new double[n1][n2];
        double sum = 0;
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                d[i][j] = distance(batches1.get(i), batches2.get(j));
                sum += d[i][j];
            }
        }
        double value = 1.0 - sum / (n1 * (double) n2);
        if (n1 == 1 && n2 == 1) {
            return new Alignment(value, value, value, 1);
        }
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] resampled = new double[BOOTSTRAP_RESAMPLES];
        int[] rows = new int[n1];
        int[] cols = new int[n2];
        for (int r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
            for (int i = 0; i < n1; i++) {
                rows[i] = random.nextInt(n1);
            }
            for (int j = 0; j < n2; j++) {
                cols[j] = random.nextInt(n2);
            }
            double s = 0;
            for (int i : rows) {
                for (int j : cols) {
                    s += d[i][j];
                }
            }
            resampled[r] = 1.0 - s / (n1 * (double) n2);
        }
        java.util.Arrays.sort(resampled);
        return new Alignment(value, quantile(resampled, 0.025), quantile(resampled, 0.975), n1 * n2);
    }

    /** Element-wise mean of equally long vectors (the batch embedding of per-sample ones). */
    public static float[] mean(List<float[]> embeddings) {
        if (embeddings.isEmpty()) {
            throw new IllegalArgumentException("mean of no embeddings");
        }
        int dim = embeddings.get(0).length;
        double[] acc = new double[dim];
        for (float[] e : embeddings) {
            if (e.length != dim) {
                throw new IllegalArgumentException("embeddings differ in length: " + dim + " vs " + e.length);
            }
            for (int i = 0; i < dim; i++) {
                acc[i] += e[i];
            }
        }
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (acc[i] / embeddings.size());
        }
        return out;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double frac = pos - lo;
        return sorted[lo] * (1 - frac) + sorted[hi] * frac;
    }

    private static void requireSameLength(float[] e0, float[] e1) {
        if (e0.length != e1.length) {
            throw new IllegalArgumentException("embeddings differ in length: " + e0.length + " vs " + e1.length);
        }
    }
}
