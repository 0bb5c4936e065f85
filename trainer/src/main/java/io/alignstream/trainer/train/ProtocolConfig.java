package io.alignstream.trainer.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run trains and when it evaluates.
 *
 * @param runId identifies the run in every {@code TrainingResult}
 * @param task the downstream task, e.g. {@code mt.en-fr}; samples of another task are rejected
 * @param family the size × alignment family the datasets belong to ({@code null} for none)
 * @param batchSize samples per training step (a batch is cut short where an evaluation size falls)
 * @param evaluationSizes the sizes D at which to evaluate, strictly increasing, positive
 * @param fineTuneSteps optimizer steps on the task's fine-tune split before each evaluation, on a
 *     copy of the model (0 = evaluate the model as trained)
 * @param fineTuneBatchSize samples per fine-tuning step
 */
public record ProtocolConfig(String runId, String task, String family, int batchSize, List<Long> evaluationSizes,
    int fineTuneSteps, int fineTuneBatchSize) {

  public ProtocolConfig {
    if (runId == null || runId.isBlank() || task == null || task.isBlank()) {
      throw new IllegalArgumentException("a run needs a run id and a task");
    }
    if (batchSize < 1 || fineTuneSteps < 0 || fineTuneBatchSize < 1) {
      throw new IllegalArgumentException("invalid batch size " + batchSize + ", fine-tune steps " + fineTuneSteps
          + " or fine-tune batch size " + fineTuneBatchSize);
    }
    evaluationSizes = List.copyOf(evaluationSizes);
    long previous = 0;
    for (long d : evaluationSizes) {
      if (d <= previous) {
        throw new IllegalArgumentException("evaluation sizes must be positive and strictly increasing: "
            + evaluationSizes);
      }
      previous = d;
    }
  }

  /**
   * Log-spaced sizes {@code min, min·factor, min·factor², …} up to {@code max}, rounded to whole
   * samples, duplicates after rounding dropped; {@code factor} 2 gives powers of two times {@code min}.
   */
  public static List<Long> logSpacedSizes(long min, long max, double factor) {
    if (min < 1 || max < min || !(factor > 1)) {
      throw new IllegalArgumentException("need 1 ≤ min ≤ max and factor > 1, got " + min + ", " + max + ", " + factor);
    }
    List<Long> sizes = new ArrayList<>();
    for (int k = 0; ; k++) {
      long d = Math.round(min * Math.pow(factor, k));
      if (d > max) {
        return sizes;
      }
      if (sizes.isEmpty() || d > sizes.get(sizes.size() - 1)) {
        sizes.add(d);
      }
    }
  }

  /** The first evaluation size above {@code size}, or {@link Long#MAX_VALUE} if none is left. */
  long nextEvaluationSize(long size) {
    for (long d : evaluationSizes) {
      if (d > size) {
        return d;
      }
    }
    return Long.MAX_VALUE;
  }
}
