package io.alignstream.scorer.task2vec;

import java.util.List;
import java.util.Optional;

/**
 * A frozen Task2Vec probe network (DESIGN §4).
 *
 * <p>The embedding of one sample is the diagonal Fisher information of the probe's weights (all
 * weight and bias tensors except the output head), averaged filter-wise: each tensor is reshaped
 * to {@code [rows, -1]} and a row's entry is the mean over its columns of the squared gradient of
 * {@code log p(ŷ|x)}. Entries are therefore non-negative, and {@link ProbeMetadata#layers()} says
 * which block of the vector belongs to which tensor. Whether ŷ is sampled (Monte Carlo Fisher) or
 * integrated out (expected Fisher) is a property of the probe, stated in {@link
 * ProbeMetadata#fisher()}.
 *
 * <p>Embeddings are computed in batches: one forward and one backward pass per batch, with
 * per-sample gradients recovered from captured per-sample output gradients. A sample's embedding
 * does not depend on which other samples share its batch (up to float rounding).
 *
 * <p>Thread-safe: calls are serialised on a JVM-wide lock, because DJL allows only one gradient
 * collector at a time. Close the probe to release its native memory.
 */
public interface Probe extends AutoCloseable {

    /** Content-derived id: the same parameters and preprocessing give the same id. */
    String id();

    ProbeKind kind();

    ProbeMetadata metadata();

    /** Length of every embedding this probe returns. */
    default int embeddingDimension() {
        return metadata().embeddingDimension();
    }

    /**
     * Why this probe cannot embed the payload (wrong type, no tokens, no pixels...), or empty when
     * it can. Callers dead-letter rejected payloads before calling {@link #embed}.
     */
    Optional<String> rejection(Object payload);

    /**
     * Per-sample Task2Vec embeddings, one row per payload, in order.
     *
     * @throws IllegalArgumentException if any payload is rejected by {@link #rejection}
     */
    float[][] embed(List<?> payloads);

    /**
     * The batch embedding f(B): the Fisher averaged over the samples of the batch, i.e. the mean
     * of the per-sample embeddings.
     */
    default float[] embedBatch(List<?> payloads) {
        return Task2Vec.mean(List.of(embed(payloads)));
    }

    @Override
    void close();
}
