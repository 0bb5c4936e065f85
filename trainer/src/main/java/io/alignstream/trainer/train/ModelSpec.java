package io.alignstream.trainer.train;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.model.HyperParameters;
import io.alignstream.trainer.model.TaskModel;
import io.alignstream.trainer.model.TaskModels;
import java.util.List;

/**
 * What makes the models of a family identical: one architecture's hyper-parameters, one seed, and
 * one preprocessing reference (MT vocabulary, solar standardisation, STEM label scale). Every
 * dataset's model is {@link #create()}d from the same spec.
 *
 * @param hyperParameters architecture and optimizer settings
 * @param seed initialisation seed
 * @param reference samples the preprocessing is fitted on; empty = each model fits it on its own
 *     first batch (then models of a family share architecture and initial weights but not the
 *     vocabulary or standardisation)
 */
public record ModelSpec(HyperParameters hyperParameters, long seed, List<Sample> reference) {

  public ModelSpec {
    reference = List.copyOf(reference);
  }

  /** A new model on the best device, prepared on the reference if there is one. */
  public TaskModel create() {
    TaskModel model = TaskModels.create(hyperParameters, seed);
    try {
      if (!reference.isEmpty()) {
        model.prepare(reference);
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
