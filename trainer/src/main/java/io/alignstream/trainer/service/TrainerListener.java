package io.alignstream.trainer.service;

import io.alignstream.schemas.training.TrainingResult;

/**
 * What the engine reports as it works (metrics hang off it). Called on the engine's threads, possibly
 * several at once (one per worker); implementations must be quick and thread-safe.
 */
public interface TrainerListener {

  /** {@code samples} more samples of the dataset were trained on. */
  default void trained(String datasetId, String task, long samples) {}

  /** An evaluation was published (and checkpointed). */
  default void evaluated(TrainingResult result) {}

  /**
   * A record went to the dead letters.
   *
   * @param kind {@code undecodable}, {@code untrainable} or {@code training-failed}
   */
  default void deadLettered(String datasetId, String kind) {}

  /** A dataset checkpoint was written, taking {@code millis}. */
  default void checkpointed(String datasetId, long millis) {}

  static TrainerListener none() {
    return new TrainerListener() {};
  }
}
