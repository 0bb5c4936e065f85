package io.alignstream.analyzer;

import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.schemas.training.TrainingResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded synthetic training results from known laws, for the analyzer's tests: downstream loss from the
 * alignment-aware law L(D, A) = E₀ + κ(1−A) + B·(D·A^γ)^(−α) and BLEU from the log-law
 * (log(a·D^α))^β, with multiplicative log-normal noise.
 */
public final class SyntheticResults {
  /** E₀, κ, B, γ, α. */
  public static final double[] LOSS_TRUTH = {1.5, 0.8, 20, 1.2, 0.4};
  /** a, α, β of BLEU. */
  public static final double[] BLEU_TRUTH = {Math.exp(-1), 0.3, 1.5};

  private final String task;
  private final String family;
  private final double[] loss;
  private double noise = 0.01;
  private long seed = 1;
  private String method = "task2vec";

  public SyntheticResults(String task, String family) {
    this(task, family, LOSS_TRUTH);
  }

  public SyntheticResults(String task, String family, double[] lossTruth) {
    this.task = task;
    this.family = family;
    this.loss = lossTruth.clone();
  }

  public SyntheticResults noise(double logNoise) {
    this.noise = logNoise;
    return this;
  }

  public SyntheticResults seed(long value) {
    this.seed = value;
    return this;
  }

  public SyntheticResults method(String name) {
    this.method = name;
    return this;
  }

  public static double loss(double[] truth, double size, double alignment) {
    return truth[0] + truth[1] * (1 - alignment) + truth[2] * Math.pow(size * Math.pow(alignment, truth[3]), -truth[4]);
  }

  public static double bleu(double size) {
    return Math.pow(Math.log(BLEU_TRUTH[0]) + BLEU_TRUTH[1] * Math.log(size), BLEU_TRUTH[2]);
  }

  /** {@code n} evaluations of one dataset at alignment A, D log-spaced over [1e3, maxSize]. */
  public List<TrainingResult> dataset(String datasetId, double alignment, int n, double maxSize) {
    Random random = new Random(seed * 1_000_003L + datasetId.hashCode());
    List<TrainingResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long size = Math.round(Math.pow(10, 3 + (Math.log10(maxSize) - 3) * i / (n - 1)));
      double ce = loss(loss, size, alignment) * Math.exp(noise * random.nextGaussian());
      double b = bleu(size * Math.pow(alignment, 1.2)) * Math.exp(noise * random.nextGaussian());
      out.add(result(datasetId, "run-1", i, size, Map.of(method, alignment), ce, Map.of("BLEU", b)));
    }
    return out;
  }

  /** A training result with the given measurements (other fields fixed). */
  public TrainingResult result(String datasetId, String runId, long step, long size, Map<String, Double> alignment,
      Double crossEntropy, Map<String, Double> metrics) {
    return TrainingResult.newBuilder()
        .setRunId(runId)
        .setDatasetId(datasetId)
        .setTask(task)
        .setFamily(family)
        .setSize(size)
        .setAlignment(new LinkedHashMap<>(alignment))
        .setStep(step)
        .setUpstreamLoss(crossEntropy == null ? 3.0 : crossEntropy + 0.5)
        .setDownstreamCrossEntropy(crossEntropy)
        .setMetrics(new LinkedHashMap<>(metrics))
        .setFineTuned(false)
        .setDevice("cpu")
        .setWallTimeMs(1000)
        .setSamplesPerSecond(500)
        .setEvaluatedTime(Instant.parse("2026-11-22T10:00:00Z").plusSeconds(step))
        .build();
  }

  public static List<ResultPoint> points(List<TrainingResult> results) {
    return results.stream().map(ResultPoint::from).toList();
  }
}
