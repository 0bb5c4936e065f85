package io.alignstream.scorer.coefficient;

import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.Task2Vec;
import java.util.List;

/**
 * Task2Vec as the paper computes it: f(B) of each batch with the probe's head fine-tuned on that
 * batch ({@link EncoderTextProbe#embedBatch}), alignment {@code 1 − d(f(B_T), f(B_D))}.
 */
public final class Task2VecTextMethod implements CoefficientMethod {
  private final EncoderTextProbe probe;

  public Task2VecTextMethod(EncoderTextProbe probe) {
    this.probe = probe;
  }

  @Override
  public String name() {
    return "task2vec";
  }

  @Override
  public String probeId() {
    return probe.id();
  }

  @Override
  public String rejection(Object payload) {
    return probe.rejection(payload);
  }

  @Override
  public Object represent(List<?> batch) {
    return probe.embedBatch(batch);
  }

  @Override
  public double alignment(Object targetBatch, Object datasetBatch) {
    return 1.0 - Task2Vec.distance((float[]) targetBatch, (float[]) datasetBatch);
  }
}
