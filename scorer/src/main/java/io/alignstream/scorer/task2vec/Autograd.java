package io.alignstream.scorer.task2vec;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Autograd housekeeping for the PyTorch engine.
 *
 * <p>DJL allows one open gradient collector per JVM, so every forward/backward of this package
 * runs under {@link #LOCK}. PyTorch's grad mode is thread-local and is ON by default in threads
 * DJL did not initialise (Kafka Streams threads): parameter updates and inference therefore set it
 * explicitly instead of trusting the default.
 */
public final class Autograd {

    /**
     * Serialises all gradient work of this package (DJL: one gradient collector at a time). Fair, so
     * the routing scorer's batches and the coefficient service's take turns. Held per call, not per
     * chunk: per-chunk locking was tried and reverted (a Task2Vec ranking test then failed in a JVM
     * where other encoder work ran; cause not isolated).
     */
    static final ReentrantLock LOCK = new ReentrantLock(true);

    private Autograd() {}

    public static <T> T locked(Supplier<T> work) {
        LOCK.lock();
        try {
            return work.get();
        } finally {
            LOCK.unlock();
        }
    }

    /** A new gradient collector; call with {@link #LOCK} held. */
    static GradientCollector collector() {
        return Engine.getInstance().newGradientCollector();
    }

    /** Runs {@code work} with grad mode off on this thread, restoring the previous mode. */
    public static <T> T noGrad(Supplier<T> work) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Zeroes accumulated gradients in place (PyTorch accumulates across backward passes). */
    static void zeroGradients(NDList parameters) {
        noGrad(() -> {
            for (NDArray p : parameters) {
                if (p.hasGradient()) {
                    try (NDArray g = p.getGradient()) {
                        g.subi(g);
                    }
                }
            }
            return null;
        });
    }
}
