package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.alignstream.schemas.sample.Features;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * FEATURES probe: an MLP {@code d → h1 → h2 → 2} with tanh hidden layers over {@link
 * FeatureEncoder}-standardised features, trained with cross-entropy on the binary label
 * ({@code label > 0.5}); payloads without a label are used for standardisation only.
 *
 * <p>Fisher: expected (exact, no sampling): {@code F = Σ_k p_k (∇ log p(k|x))²}. In the batched
 * pass every sample is replicated once per class and row {@code (x, k)} contributes {@code
 * sqrt(p_k)·log p(k|x)} with {@code p_k} detached; the squared per-row gradients summed over
 * {@code k} give the expectation (for two classes this is the {@code p_0·p_1} weighting of DESIGN
 * §4, extended exactly through the hidden layers).
 *
 * <p>Embedding ({@code 2·h1 + 2·h2} entries): rows of layer-1 weight, layer-1 bias, layer-2 weight,
 * layer-2 bias; the head is excluded. For a dense layer with input {@code a} and captured output
 * gradient {@code δ}: weight row {@code j} = {@code δ_j²·mean(a²)}, bias {@code j} = {@code δ_j²}.
 */
final class FeatureMlpProbe extends NetworkProbe {

    static final int CLASSES = 2;
    static final String W1 = "dense1.weight";
    static final String B1 = "dense1.bias";
    static final String W2 = "dense2.weight";
    static final String B2 = "dense2.bias";
    static final String W3 = "output.weight";
    static final String B3 = "output.bias";
    static final List<String> EMBEDDED = List.of(W1, B1, W2, B2);

    private final FeatureEncoder encoder;

    private FeatureMlpProbe(NDManager manager, NDList parameters, ProbeMetadata metadata, FeatureEncoder encoder) {
        super(manager, parameters, metadata);
        this.encoder = encoder;
    }

    static String architecture(ProbeConfig c, int d) {
        return "MLP " + d + " -> " + c.hidden1() + " -> " + c.hidden2() + " -> 2 (tanh; softmax head excluded) over "
                + "signed-log1p z-scored features";
    }

    static FeatureMlpProbe train(List<?> payloads, ProbeConfig c, Instant createdAt) {
        FeatureEncoder encoder = FeatureEncoder.fit(payloads);
        List<float[]> xs = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        for (Object p : payloads) {
            Features f = (Features) p;
            if (f.getLabel() != null && !f.getLabel().isNaN()) {
                xs.add(encoder.encode(f));
                ys.add(f.getLabel() > 0.5 ? 1f : 0f);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("FEATURES probe needs labelled training payloads");
        }
        int d = encoder.dimension();
        NDManager probeManager = NDManager.newBaseManager();
        try (NDManager trainManager = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(c.seed());
            NDList params = named(
                    gaussian(trainManager, r, Math.sqrt(1.0 / d), c.hidden1(), d), zeros(trainManager, c.hidden1()),
                    gaussian(trainManager, r, Math.sqrt(1.0 / c.hidden1()), c.hidden2(), c.hidden1()),
                    zeros(trainManager, c.hidden2()),
                    gaussian(trainManager, r, Math.sqrt(1.0 / c.hidden2()), CLASSES, c.hidden2()),
                    zeros(trainManager, CLASSES));
            train(trainManager, params, xs.size(), c, (m, p, batch) -> {
                float[] x = new float[batch.length * d];
                long[] y = new long[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    System.arraycopy(xs.get(batch[i]), 0, x, i * d, d);
                    y[i] = ys.get(batch[i]).longValue();
                }
                NDArray logp = forward(p, m.create(x, new Shape(batch.length, d)), null, null).logp;
                return logp.gather(m.create(y, new Shape(batch.length, 1)), 1).mean().neg();
            });
            NDList frozen = freeze(probeManager, params);
            ProbeMetadata md = metadata(ProbeKind.FEATURES, architecture(c, d), "expected", c, payloads.size(),
                    createdAt, frozen, EMBEDDED, encoder);
            return new FeatureMlpProbe(probeManager, frozen, md, encoder);
        } catch (RuntimeException e) {
            probeManager.close();
            throw e;
        }
    }

    static FeatureMlpProbe restore(NDManager manager, NDList parameters, ProbeMetadata metadata, FeatureEncoder encoder) {
        return new FeatureMlpProbe(manager, parameters, metadata, encoder);
    }

    @Override
    int fisherTerms() {
        return CLASSES;
    }

    @Override
    Object preprocessing() {
        return encoder;
    }

    @Override
    Optional<String> contentRejection(Object payload) {
        return encoder.rejection((Features) payload);
    }

    @Override
    int[][] sampleLabels(NDManager m, NDList params, List<?> payloads) {
        return null;
    }

    @Override
    float[][] embedChunk(NDManager m, NDList params, List<?> payloads, int[][] labels) {
        int n = payloads.size();
        int rows = n * CLASSES;
        NDArray x = inputs(m, payloads, CLASSES); // [n·C, d], sample-major
        NDArray z1 = gradientCapture(m, new Shape(rows, params.get(B1).getShape().get(0)));
        NDArray z2 = gradientCapture(m, new Shape(rows, params.get(B2).getShape().get(0)));
        Forward f;
        try (GradientCollector collector = Autograd.collector()) {
            f = forward(params, x, z1, z2);
            collector.backward(expectedFisherObjective(m, f.logp, CLASSES));
        }
        NDArray d1 = z1.getGradient().square();
        NDArray d2 = z2.getGradient().square();
        NDArray a1 = x.square().mean(new int[] {1}, true);
        NDArray a2 = f.h1.square().mean(new int[] {1}, true);
        NDArray perRow = NDArrays.concat(new NDList(d1.mul(a1), d1, d2.mul(a2), d2), 1);
        int dim = (int) perRow.getShape().get(1);
        return sumGroups(perRow.toFloatArray(), rows, dim, CLASSES);
    }

    @Override
    NDArray sampleObjective(NDManager m, NDList params, Object payload, int[] labels, int term) {
        NDArray logp = forward(params, inputs(m, List.of(payload), 1), null, null).logp;
        return expectedFisherTerm(logp, term);
    }

    private record Forward(NDArray h1, NDArray logp) {}

    private static Forward forward(NDList p, NDArray x, NDArray z1, NDArray z2) {
        NDArray pre1 = x.matMul(p.get(W1).transpose()).add(p.get(B1));
        if (z1 != null) {
            pre1 = pre1.add(z1);
        }
        NDArray h1 = pre1.tanh();
        NDArray pre2 = h1.matMul(p.get(W2).transpose()).add(p.get(B2));
        if (z2 != null) {
            pre2 = pre2.add(z2);
        }
        NDArray logits = pre2.tanh().matMul(p.get(W3).transpose()).add(p.get(B3));
        return new Forward(h1, logits.logSoftmax(1));
    }

    /** Encoded payloads, each repeated {@code copies} times consecutively: {@code [n·copies, d]}. */
    private NDArray inputs(NDManager m, List<?> payloads, int copies) {
        int d = encoder.dimension();
        float[] x = new float[payloads.size() * copies * d];
        for (int i = 0; i < payloads.size(); i++) {
            float[] row = encoder.encode((Features) payloads.get(i));
            for (int c = 0; c < copies; c++) {
                System.arraycopy(row, 0, x, (i * copies + c) * d, d);
            }
        }
        return m.create(x, new Shape((long) payloads.size() * copies, d));
    }

    private static NDList named(NDArray... arrays) {
        String[] names = {W1, B1, W2, B2, W3, B3};
        NDList list = new NDList();
        for (int i = 0; i < arrays.length; i++) {
            arrays[i].setName(names[i]);
            list.add(arrays[i]);
        }
        return list;
    }
}
