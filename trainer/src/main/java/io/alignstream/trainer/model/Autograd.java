package io.alignstream.trainer.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Autograd housekeeping for the PyTorch engine.
 *
 * <p>DJL allows one open gradient collector per JVM, so every training step of every model in
 * this JVM runs under {@link #LOCK} (several datasets may train on several threads). PyTorch's grad
 * mode is thread-local and ON in threads DJL did not start (Kafka consumer threads), so inference
 * and parameter updates switch it off explicitly instead of trusting the default.
 */
final class Autograd {

  static final ReentrantLock LOCK = new ReentrantLock();

  private Autograd() {}

  static <T> T locked(Supplier<T> work) {
    LOCK.lock();
    try {
      return work.get();
    } finally {
      LOCK.unlock();
    }
  }

  /** A new gradient collector; only with {@link #LOCK} held, never nested. */
  static GradientCollector collector() {
    if (!LOCK.isHeldByCurrentThread()) {
      throw new IllegalStateException("gradient collection outside the JVM-wide autograd lock");
    }
    return Engine.getInstance().newGradientCollector();
  }

  /** Runs {@code work} with grad mode off on this thread, restoring the previous mode. */
  static <T> T noGrad(Supplier<T> work) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return work.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }
}
