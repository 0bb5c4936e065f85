package io.alignstream.scorer.coefficient;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The alignment coefficient of a dataset with a target (Chawla et al. 2025; DESIGN §4):
 * {@code align(T, D) = mean over K batch pairs of alignment(B_T,k, B_D,k)}, where batch k of each side
 * is {@code N} samples drawn without replacement with its own seed (so batches of one side may
 * overlap when the side has fewer than K·N samples), and for Task2Vec
 * {@code alignment = 1 − d(f(B_T), f(B_D))}. The 95% interval is Student's t over the K pair values
 * (mean ± t_{0.975, K−1}·s/√K): it covers the variation of the batches drawn and of everything random
 * inside a batch's representation (masks, Monte Carlo labels). A side with fewer usable samples than
 * one batch gives status {@link Status#TOO_SMALL} and no number.
 *
 * <p>Deterministic for given inputs (in their order), settings and method.
 */
public final class AlignmentCoefficient {

  /**
   * @param batchSize N, samples per batch (≥ 256 by default)
   * @param batches K, batch pairs (≥ 10 by default; ≥ 2 for an interval)
   * @param seed seeds every draw
   */
  public record Settings(int batchSize, int batches, long seed) {
    public Settings {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
      }
      if (batches < 1) {
        throw new IllegalArgumentException("batches must be >= 1: " + batches);
      }
    }

    public static Settings defaults() {
      return new Settings(256, 10, 0L);
    }
  }

  public enum Status {
    /** A coefficient with its interval. */
    OK,
    /** A side has fewer usable samples than one batch: no number. */
    TOO_SMALL
  }

  /**
   * @param coefficient the mean over batch pairs (null unless OK)
   * @param ciLow lower end of the 95% interval (null unless OK with ≥ 2 batch pairs)
   * @param pairValues the K per-pair alignments (empty unless OK)
   * @param targetSamples usable target samples
   * @param datasetSamples usable dataset samples
   * @param rejected dataset samples the method could not use
   * @param message why there is no number (TOO_SMALL), or null
   */
  public record Result(String method, String probeId, Status status, Double coefficient, Double ciLow, Double ciHigh,
      int batches, int batchSize, long targetSamples, long datasetSamples, long rejected, List<Double> pairValues,
      String message) {}

  /** Reports progress: one call per batch represented. */
  @FunctionalInterface
  public interface Progress {
    void batchDone();

    Progress NONE = () -> {};
  }

  /** The target side, represented once and reused against any number of datasets. */
  public static final class Prepared {
    private final CoefficientMethod method;
    private final Settings settings;
    private final List<Object> batches;
    private final long samples;
    private final String problem;

    private Prepared(CoefficientMethod method, Settings settings, List<Object> batches, long samples, String problem) {
      this.method = method;
      this.settings = settings;
      this.batches = batches;
      this.samples = samples;
      this.problem = problem;
    }

    public long samples() {
      return samples;
    }

    /** Why the target side gives no coefficient (too few usable samples), or null. */
    public String problem() {
      return problem;
    }

    /** The representation of target batch k (e.g. for the calibration of per-sample scores). */
    public Object batch(int k) {
      return batches.get(k);
    }
  }

  private AlignmentCoefficient() {}

  /** Draws and represents the K target batches. */
  public static Prepared prepare(CoefficientMethod method, List<?> targets, Settings s, Progress progress) {
    List<Object> usable = usable(method, targets);
    if (usable.size() < s.batchSize()) {
      return new Prepared(method, s, List.of(), usable.size(), "the targets have " + usable.size()
          + " usable samples, fewer than one batch of " + s.batchSize());
    }
    List<Object> reps = new ArrayList<>();
    for (int k = 0; k < s.batches(); k++) {
      reps.add(method.represent(draw(usable, s.batchSize(), s.seed(), 1, k)));
      progress.batchDone();
    }
    return new Prepared(method, s, reps, usable.size(), null);
  }

  /** The coefficient of a dataset against prepared targets. */
  public static Result against(Prepared targets, List<?> dataset, Progress progress) {
    CoefficientMethod method = targets.method;
    Settings s = targets.settings;
    List<Object> usable = usable(method, dataset);
    long rejected = dataset.size() - usable.size();
    if (targets.problem != null) {
      return tooSmall(method, s, targets.samples, usable.size(), rejected, targets.problem);
    }
    if (usable.size() < s.batchSize()) {
      return tooSmall(method, s, targets.samples, usable.size(), rejected, "the dataset has " + usable.size()
          + " usable samples, fewer than one batch of " + s.batchSize());
    }
    List<Double> values = new ArrayList<>();
    for (int k = 0; k < s.batches(); k++) {
      Object rep = method.represent(draw(usable, s.batchSize(), s.seed(), 2, k));
      values.add(method.alignment(targets.batches.get(k), rep));
      progress.batchDone();
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    Double low = null;
    Double high = null;
    if (values.size() >= 2) {
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      double half = tQuantile975(values.size() - 1) * Math.sqrt(ss / (values.size() - 1) / values.size());
      low = mean - half;
      high = mean + half;
    }
    return new Result(method.name(), method.probeId(), Status.OK, mean, low, high, s.batches(), s.batchSize(),
        targets.samples, usable.size(), rejected, List.copyOf(values), null);
  }

  /** {@code align(targets, dataset)} in one call. */
  public static Result compute(CoefficientMethod method, List<?> targets, List<?> dataset, Settings s) {
    return against(prepare(method, targets, s, Progress.NONE), dataset, Progress.NONE);
  }

  /**
   * Batch k of side σ: N of the samples without replacement, by a partial Fisher–Yates shuffle seeded
   * with (seed, σ, k), in the drawn order.
   */
  static List<Object> draw(List<Object> from, int n, long seed, int side, int k) {
    SplittableRandom r = new SplittableRandom(mix(mix(seed ^ 0x6A09E667F3BCC909L) + side * 0x9E3779B97F4A7C15L + k));
    int[] idx = new int[from.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = i + r.nextInt(idx.length - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
      out.add(from.get(idx[i]));
    }
    return out;
  }

  private static List<Object> usable(CoefficientMethod method, List<?> samples) {
    List<Object> out = new ArrayList<>(samples.size());
    for (Object s : samples) {
      if (method.rejection(s) == null) {
        out.add(s);
      }
    }
    return out;
  }

  private static Result tooSmall(CoefficientMethod m, Settings s, long t, long d, long rejected, String why) {
    return new Result(m.name(), m.probeId(), Status.TOO_SMALL, null, null, null, s.batches(), s.batchSize(), t, d,
        rejected, List.of(), why);
  }

  private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
      2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
      2.048, 2.045, 2.042};

  /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (table to 30, then 1.96 + 2.4/df). */
  static double tQuantile975(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("df must be >= 1: " + df);
    }
    return df <= T975.length ? T975[df - 1] : 1.959964 + 2.4 / df;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
