package io.alignstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Adam (Kingma and Ba 2015; β1 = 0.9, β2 = 0.999, ε = 1e-8) on explicit parameter arrays, with
 * optional clipping of the global gradient norm. Written out (rather than DJL's optimizer) so its
 * state, the two moment arrays per parameter and the step count, can be saved and restored exactly:
 * a step after a reload is bit-for-bit the step without the reload.
 *
 * <p>{@link #step()} runs with grad mode off, inside the caller's {@code NDScope}; it zeroes the
 * gradients it consumed (PyTorch accumulates across backward passes).
 */
final class Adam {

  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPS = 1e-8;

  private final NDList parameters;
  private final double learningRate;
  private final double clipNorm;
  private final NDList firstMoments;
  private final NDList secondMoments;
  private long steps;

  private Adam(NDList parameters, double learningRate, double clipNorm, NDList first, NDList second, long steps) {
    this.parameters = parameters;
    this.learningRate = learningRate;
    this.clipNorm = clipNorm;
    this.firstMoments = first;
    this.secondMoments = second;
    this.steps = steps;
  }

  /** Fresh state (zero moments) for {@code parameters}, allocated in {@code manager}. */
  static Adam create(NDManager manager, NDList parameters, double learningRate, double clipNorm) {
    NDList first = new NDList();
    NDList second = new NDList();
    for (NDArray p : parameters) {
      NDArray m = manager.zeros(p.getShape(), p.getDataType());
      m.setName("adam.m." + p.getName());
      first.add(m);
      NDArray v = manager.zeros(p.getShape(), p.getDataType());
      v.setName("adam.v." + p.getName());
      second.add(v);
    }
    return new Adam(parameters, learningRate, clipNorm, first, second, 0);
  }

  /**
   * State restored from {@link #state()}: the first half of {@code state} are the first moments,
   * the second half the second moments, in parameter order.
   */
  static Adam restore(NDList parameters, NDList state, long steps, double learningRate, double clipNorm) {
    int n = parameters.size();
    if (state.size() != 2 * n) {
      throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected " + 2 * n);
    }
    NDList first = new NDList();
    NDList second = new NDList();
    for (int i = 0; i < n; i++) {
      requireShape(parameters.get(i), state.get(i));
      requireShape(parameters.get(i), state.get(n + i));
      first.add(state.get(i));
      second.add(state.get(n + i));
    }
    return new Adam(parameters, learningRate, clipNorm, first, second, steps);
  }

  /** First moments then second moments, in parameter order (the arrays themselves, not copies). */
  NDList state() {
    NDList all = new NDList();
    all.addAll(firstMoments);
    all.addAll(secondMoments);
    return all;
  }

  long steps() {
    return steps;
  }

  /** One update from the parameters' current gradients, which it then zeroes. */
  void step() {
    steps++;
    double c1 = 1 - Math.pow(BETA1, steps);
    double c2 = 1 - Math.pow(BETA2, steps);
    double scale = 1.0;
    if (clipNorm > 0) {
      double sumSq = 0;
      for (NDArray p : parameters) {
        sumSq += p.getGradient().square().sum().getFloat();
      }
      double norm = Math.sqrt(sumSq);
      if (norm > clipNorm) {
        scale = clipNorm / (norm + 1e-6);
      }
    }
    for (int i = 0; i < parameters.size(); i++) {
      NDArray p = parameters.get(i);
      NDArray g = p.getGradient();
      if (scale != 1.0) {
        g.muli(scale);
      }
      NDArray m = firstMoments.get(i);
      NDArray v = secondMoments.get(i);
      m.muli(BETA1).addi(g.mul(1 - BETA1));
      v.muli(BETA2).addi(g.square().muli(1 - BETA2));
      NDArray denominator = v.div(c2).sqrt().addi(EPS);
      p.subi(m.div(c1).divi(denominator).muli(learningRate));
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }

  private static void requireShape(NDArray parameter, NDArray moment) {
    if (!parameter.getShape().equals(moment.getShape())) {
      throw new IllegalArgumentException("optimizer moment " + moment.getName() + " has shape " + moment.getShape()
          + ", parameter " + parameter.getName() + " has " + parameter.getShape());
    }
  }
}
