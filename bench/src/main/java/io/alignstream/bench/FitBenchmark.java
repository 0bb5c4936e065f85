package io.alignstream.bench;

import io.alignstream.analyzer.fit.AlignmentAwareLaw;
import io.alignstream.analyzer.fit.CrossEntropyLaw;
import io.alignstream.analyzer.fit.FitOptions;
import io.alignstream.analyzer.fit.FitResult;
import io.alignstream.analyzer.fit.MetricLogLaw;
import io.alignstream.analyzer.fit.Observation;
import io.alignstream.analyzer.fit.ScalingLaw;
import io.alignstream.analyzer.fit.ScalingLawFitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DESIGN §8: an analyzer refit with 200 points and 200 bootstrap resamples takes ≤ 1 s. Times the
 * whole {@link ScalingLawFitter#fit} (grid of L-BFGS starts, then the warm-started resample fits) on
 * seeded synthetic points with 1% log-normal noise, per law, on the calling thread (one core): a few
 * warm-up fits for the JIT, then the median of several timed fits. Needs no running stack.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Scaling-law refit time (points × bootstrap resamples) per law vs the 1 s target.")
public final class FitBenchmark implements Callable<Integer> {
  static final double TARGET_MS = 1000;

  @Option(names = "--points", defaultValue = "200")
  int points;

  @Option(names = "--resamples", defaultValue = "200")
  int resamples;

  @Option(names = "--warmups", defaultValue = "5")
  int warmups;

  @Option(names = "--runs", defaultValue = "11")
  int runs;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  /** One law's timings in milliseconds. */
  public record Row(String law, int points, int resamples, double medianMs, double minMs, double maxMs,
      int failedResamples) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new FitBenchmark()).execute(args));
  }

  @Override
  public Integer call() {
    List<Row> rows = run(points, resamples, warmups, runs, seed);
    System.out.printf("%nScaling-law refit, %d warm-up + median of %d runs, one thread%n", warmups, runs);
    System.out.printf("%-16s %7s %9s %10s %8s %8s %8s %8s%n", "law", "points", "resamples", "median ms", "min ms",
        "max ms", "failed", "/target");
    for (Row r : rows) {
      System.out.printf("%-16s %7d %9d %10.1f %8.1f %8.1f %8d %8.2f%n", r.law(), r.points(), r.resamples(),
          r.medianMs(), r.minMs(), r.maxMs(), r.failedResamples(), r.medianMs() / TARGET_MS);
    }
    System.out.printf("target (DESIGN §8): ≤ %.0f ms with 200 points and 200 resamples%n", TARGET_MS);
    return 0;
  }

  /** Times each law's refit; seeds fix both the synthetic points and the bootstrap. */
  public static List<Row> run(int points, int resamples, int warmups, int runs, long seed) {
    if (points < 10 || resamples < 0 || warmups < 0 || runs < 1) {
      throw new IllegalArgumentException("Need points ≥ 10, resamples ≥ 0, warmups ≥ 0, runs ≥ 1");
    }
    ScalingLawFitter fitter = new ScalingLawFitter();
    List<Row> rows = new ArrayList<>();
    rows.add(time(fitter, new CrossEntropyLaw(), plain(new CrossEntropyLaw(), new double[] {1.8, 30, 0.35}, points,
        seed), resamples, warmups, runs, seed));
    rows.add(time(fitter, new MetricLogLaw(), plain(new MetricLogLaw(), new double[] {Math.exp(-1), 0.3, 1.5}, points,
        seed), resamples, warmups, runs, seed));
    rows.add(time(fitter, new AlignmentAwareLaw(), aligned(new double[] {1.5, 0.8, 20, 1.2, 0.4}, points, seed),
        resamples, warmups, runs, seed));
    return rows;
  }

  private static Row time(ScalingLawFitter fitter, ScalingLaw law, List<Observation> data, int resamples,
      int warmups, int runs, long seed) {
    FitOptions options = FitOptions.live(seed).withResamples(resamples);
    for (int i = 0; i < warmups; i++) {
      fitter.fit(law, data, options);
    }
    double[] ms = new double[runs];
    int failed = 0;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      FitResult result = fitter.fit(law, data, options);
      ms[i] = (System.nanoTime() - start) / 1e6;
      failed = Math.max(failed, result.failedResamples());
    }
    Arrays.sort(ms);
    return new Row(law.name(), data.size(), resamples, ms[runs / 2], ms[0], ms[runs - 1], failed);
  }

  private static List<Observation> plain(ScalingLaw law, double[] truth, int n, long seed) {
    Random random = new Random(seed);
    List<Observation> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double size = Math.pow(10, 3 + 4.0 * i / (n - 1));
      data.add(Observation.of(size, law.predict(truth, size, 1) * Math.exp(0.01 * random.nextGaussian())));
    }
    return data;
  }

  /** Sizes over [1e3, 1e6], cycling through five alignments. */
  private static List<Observation> aligned(double[] truth, int n, long seed) {
    AlignmentAwareLaw law = new AlignmentAwareLaw();
    double[] alignments = {0.3, 0.5, 0.7, 0.9, 1.0};
    Random random = new Random(seed);
    List<Observation> data = new ArrayList<>();
    int sizes = (n + alignments.length - 1) / alignments.length;
    for (int i = 0; i < n; i++) {
      double a = alignments[i % alignments.length];
      double size = Math.pow(10, 3 + 3.0 * (i / alignments.length) / Math.max(1, sizes - 1));
      data.add(new Observation(size, a, law.predict(truth, size, a) * Math.exp(0.01 * random.nextGaussian())));
    }
    return data;
  }
}
