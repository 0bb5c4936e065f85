package io.alignstream.trainer.train;

import io.alignstream.schemas.sample.Sample;
import java.util.List;

/**
 * The downstream task's held-out data, the same for every dataset of a run.
 *
 * @param fineTune samples a copy of the model is fine-tuned on before evaluation (may be empty)
 * @param test samples the model is evaluated on (non-empty)
 */
public record TaskSplits(List<Sample> fineTune, List<Sample> test) {

  public TaskSplits {
    fineTune = List.copyOf(fineTune);
    test = List.copyOf(test);
    if (test.isEmpty()) {
      throw new IllegalArgumentException("the test split is empty");
    }
  }
}
