package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic points from a known law with multiplicative log-normal noise, for the fit tests. */
final class SyntheticCurves {
  static final double[] CROSS_ENTROPY_TRUTH = {1.8, 30, 0.35};
  static final double[] METRIC_TRUTH = {Math.exp(-1), 0.3, 1.5};
  static final double[] ALIGNMENT_AWARE_TRUTH = {1.5, 0.8, 20, 1.2, 0.4};
  static final double[] ALIGNMENTS = {0.3, 0.5, 0.7, 0.9, 1.0};

  private SyntheticCurves() {}

  /** n points of a law without alignment, D log-spaced over [1e3, 1e7]. */
  static List<Observation> plain(ScalingLaw law, double[] truth, int n, double logNoise, long seed) {
    Random random = new Random(seed);
    List<Observation> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double size = Math.pow(10, 3 + 4.0 * i / (n - 1));
      points.add(Observation.of(size, law.predict(truth, size, 1) * Math.exp(logNoise * random.nextGaussian())));
    }
    return points;
  }

  /** n points (a multiple of 5) of the alignment-aware law: each D at each of {@link #ALIGNMENTS}, D over [1e3, 1e6]. */
  static List<Observation> aligned(double[] truth, int n, double logNoise, long seed) {
    AlignmentAwareLaw law = new AlignmentAwareLaw();
    Random random = new Random(seed);
    int sizes = n / ALIGNMENTS.length;
    List<Observation> points = new ArrayList<>();
    for (int i = 0; i < sizes; i++) {
      double size = Math.pow(10, 3 + 3.0 * i / (sizes - 1));
      for (double a : ALIGNMENTS) {
        points.add(new Observation(size, a, law.predict(truth, size, a) * Math.exp(logNoise * random.nextGaussian())));
      }
    }
    return points;
  }
}
