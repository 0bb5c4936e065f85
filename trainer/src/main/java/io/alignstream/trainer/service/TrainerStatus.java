package io.alignstream.trainer.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/trainer/status} shows: the loop, the tasks and every dataset.
 *
 * @param running the consumer loop is alive
 * @param error why the loop stopped, or why it is starting again from the checkpoints; null while it runs
 * @param device where models run: {@code cpu} or {@code gpu(n)} (null until the engine has started)
 * @param lastProgressAgeMs since the loop last polled or a worker last finished a record
 * @param restarts in-process restarts from the checkpoints after lost output, since the process started
 */
public record TrainerStatus(String runId, boolean running, String error, String device, long lastProgressAgeMs,
    int restarts, List<Task> tasks, List<Dataset> datasets) {

  /**
   * @param state {@code collecting} (waiting for target samples; its datasets' partitions are
   *     paused) or {@code frozen} (its splits are fixed and its datasets train)
   * @param targets target samples held (collecting) or frozen (reference ∪ test)
   */
  public record Task(String task, String state, int targets, int reference, int fineTune, int test,
      int pausedPartitions) {}

  /**
   * @param state {@code waiting} (see {@code waitingFor}), {@code training}, {@code complete} (sealed
   *     and evaluated at its final size), {@code untrainable} or {@code failed}
   * @param waitingFor while waiting: {@code manifest} (a new dataset's records are held until its manifest
   *     names its family and target, at most {@code manifest-wait}) or {@code targets} (its task's); else null
   * @param size D, samples trained on
   * @param pending samples waiting for their batch
   * @param consumed records taken from the topic (trained, pending or dead-lettered)
   * @param sealedSize the manifest's size once it says sealed, else null
   * @param modelLoaded whether the model is in memory (a complete dataset's is released, a restored one's is
   *     loaded when it next trains)
   */
  public record Dataset(String datasetId, String task, String family, String state, String waitingFor, long size,
      int pending, long consumed, long deadLetters, Long sealedSize, long step, String device, boolean modelLoaded,
      Evaluation lastEvaluation, String error) {}

  /** The latest published evaluation of a dataset. */
  public record Evaluation(long size, long step, Double downstreamCrossEntropy, Map<String, Double> metrics,
      Map<String, Double> alignment, boolean fineTuned, double samplesPerSecond, long wallTimeMs,
      Instant evaluatedTime) {}
}
