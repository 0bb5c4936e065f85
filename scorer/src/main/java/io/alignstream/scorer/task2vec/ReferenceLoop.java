package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * The straightforward per-sample Task2Vec embedding, for checking the batched one and for the
 * batched-vs-loop benchmark: for each sample (and each Fisher term of expected-Fisher probes) a
 * forward pass on that sample alone, one backward onto the real parameters' gradients, then every
 * embedded parameter gradient reshaped to {@code [rows, −1]}, squared and averaged over columns.
 * Uses the same Monte Carlo labels ŷ as the batched pass (drawn once by the probe).
 */
final class ReferenceLoop {

    private ReferenceLoop() {}

    static float[][] embed(Probe probe, List<?> payloads) {
        if (!(probe instanceof NetworkProbe p)) {
            throw new IllegalArgumentException("the reference loop needs a built-in probe, not " + probe);
        }
        int[][] labels = p.sampleLabels(payloads);
        return embed(p, payloads, labels);
    }

    static float[][] embed(NetworkProbe probe, List<?> payloads, int[][] labels) {
        List<ProbeMetadata.EmbeddingBlock> blocks = probe.metadata().layers();
        int dim = probe.metadata().embeddingDimension();
        float[][] out = new float[payloads.size()][dim];
        return Autograd.locked(() -> {
            try (NDManager m = probe.manager().newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDList params = new NDList();
                for (NDArray frozen : probe.parameters()) {
                    NDArray copy = m.create(frozen.toFloatArray(), frozen.getShape());
                    copy.setName(frozen.getName());
                    copy.setRequiresGradient(true);
                    params.add(copy);
                }
                for (int i = 0; i < payloads.size(); i++) {
                    int[] sampleLabels = labels == null ? null : labels[i];
                    for (int term = 0; term < probe.fisherTerms(payloads.get(i)); term++) {
                        try (NDScope sampleScope = new NDScope()) {
                            sampleScope.suppressNotUsedWarning();
                            try (GradientCollector collector = Autograd.collector()) {
                                collector.backward(probe.sampleObjective(m, params, payloads.get(i), sampleLabels, term));
                            }
                            int offset = 0;
                            for (ProbeMetadata.EmbeddingBlock block : blocks) {
                                NDArray grad = params.get(block.parameter()).getGradient();
                                float[] rows = grad.reshape(block.rows(), -1).square().mean(new int[] {1}).toFloatArray();
                                for (int r = 0; r < rows.length; r++) {
                                    out[i][offset + r] += rows[r];
                                }
                                offset += block.rows();
                            }
                            Autograd.zeroGradients(params);
                        }
                    }
                }
            }
            return out;
        });
    }
}
