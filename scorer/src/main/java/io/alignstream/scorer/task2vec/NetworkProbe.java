package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Common machinery of the three built-in probes: frozen named parameters in their own {@link
 * NDManager}, chunked batched embedding under the JVM-wide autograd lock, training with Adam, and
 * the hooks {@link ReferenceLoop} and {@link ProbeStore} need. Each subclass owns exactly one
 * network architecture (its parameters, forward pass and per-sample contractions).
 */
abstract class NetworkProbe implements Probe {

    /** Larger inputs are embedded in chunks of this many payloads (bounds native memory). */
    static final int MAX_CHUNK = 256;

    private final NDManager manager;
    private final NDList parameters;
    private final ProbeMetadata metadata;

    NetworkProbe(NDManager manager, NDList parameters, ProbeMetadata metadata) {
        this.manager = manager;
        this.parameters = parameters;
        this.metadata = metadata;
    }

    // ---- architecture contract -------------------------------------------------------------

    /** Fisher terms per sample: 1 for Monte Carlo Fisher, the class count for expected Fisher. */
    abstract int fisherTerms();

    /** Fisher terms of one sample (the reference loop's count); by default {@link #fisherTerms()}. */
    int fisherTerms(Object payload) {
        return fisherTerms();
    }

    /**
     * Monte Carlo labels ŷ of each payload (per position for sequences), drawn with the
     * payload's own seed from the batched forward pass; null for expected-Fisher probes.
     */
    abstract int[][] sampleLabels(NDManager m, NDList params, List<?> payloads);

    /**
     * Batched per-sample embeddings of one chunk: one forward, one backward. {@code labels} null
     * means: sample them inside this pass (Monte Carlo probes) or integrate them out (expected).
     */
    abstract float[][] embedChunk(NDManager m, NDList params, List<?> payloads, int[][] labels);

    /**
     * The scalar whose parameter gradient is one Fisher term of one sample: {@code log p(ŷ|x)}
     * (Monte Carlo, with {@code labels} the sample's ŷ) or {@code sqrt(p_k)·log p(k|x)} for term
     * {@code k} (expected Fisher, weight detached). Forward pass on this sample alone.
     */
    abstract NDArray sampleObjective(NDManager m, NDList params, Object payload, int[] labels, int term);

    /** The kind-specific preprocessing state, stored by {@link ProbeStore} as JSON. */
    abstract Object preprocessing();

    /** Why the payload cannot be embedded, given that it has the right type. */
    abstract Optional<String> contentRejection(Object payload);

    // ---- Probe -------------------------------------------------------------------------------

    @Override
    public String id() {
        return metadata.id();
    }

    @Override
    public ProbeKind kind() {
        return metadata.kind();
    }

    @Override
    public ProbeMetadata metadata() {
        return metadata;
    }

    @Override
    public Optional<String> rejection(Object payload) {
        ProbeKind actual;
        try {
            actual = ProbeKind.of(payload);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (actual != kind()) {
            return Optional.of("a " + kind() + " probe cannot embed a " + actual + " payload");
        }
        return contentRejection(payload);
    }

    @Override
    public float[][] embed(List<?> payloads) {
        return embed(payloads, null);
    }

    /** Batched embedding with given Monte Carlo labels (null: sample them); for the reference. */
    float[][] embed(List<?> payloads, int[][] labels) {
        requireAccepted(payloads);
        float[][] out = new float[payloads.size()][];
        return Autograd.locked(() -> {
            for (int from = 0; from < payloads.size(); from += MAX_CHUNK) {
                int to = Math.min(payloads.size(), from + MAX_CHUNK);
                int[][] chunkLabels = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to);
                try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    // Grad mode off around the pass (Kafka Streams threads start with it on): only
                    // the collector inside switches it on, so contractions build no graph.
                    List<?> chunk = payloads.subList(from, to);
                    float[][] rows = Autograd.noGrad(() -> embedChunk(m, parameters, chunk, chunkLabels));
                    System.arraycopy(rows, 0, out, from, rows.length);
                }
            }
            return out;
        });
    }

    /** The Monte Carlo labels {@link #embed} uses for these payloads (null: expected Fisher). */
    int[][] sampleLabels(List<?> payloads) {
        requireAccepted(payloads);
        return Autograd.locked(() -> {
            try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                return Autograd.noGrad(() -> sampleLabels(m, parameters, payloads));
            }
        });
    }

    NDManager manager() {
        return manager;
    }

    NDList parameters() {
        return parameters;
    }

    @Override
    public void close() {
        manager.close();
    }

    private void requireAccepted(List<?> payloads) {
        for (int i = 0; i < payloads.size(); i++) {
            Optional<String> why = rejection(payloads.get(i));
            if (why.isPresent()) {
                throw new IllegalArgumentException("payload " + i + ": " + why.get());
            }
        }
    }

    // ---- shared helpers for subclasses ---------------------------------------------------------

    /** {@code [rows]} entries: mean over the last axis of the squares, per leading index. */
    static NDArray meanSquare(NDArray perSampleGradient) {
        return perSampleGradient.square().mean(new int[] {perSampleGradient.getShape().dimension() - 1});
    }

    /** Sum of {@code rowsPerGroup} consecutive rows of {@code [n·g, d]} (expected-Fisher terms). */
    static float[][] sumGroups(float[] flat, int rows, int dim, int group) {
        float[][] out = new float[rows / group][dim];
        for (int r = 0; r < rows; r++) {
            float[] target = out[r / group];
            for (int j = 0; j < dim; j++) {
                target[j] += flat[r * dim + j];
            }
        }
        return out;
    }

    /** A zero tensor that requires gradient: added to a pre-activation, its gradient is δ. */
    static NDArray gradientCapture(NDManager m, Shape shape) {
        NDArray z = m.zeros(shape, DataType.FLOAT32);
        z.setRequiresGradient(true);
        return z;
    }

    /** Objective of expected Fisher on a replicated batch: Σ_r sqrt(p[r,k_r])·log p[r,k_r]. */
    static NDArray expectedFisherObjective(NDManager m, NDArray logp, int classes) {
        long rows = logp.getShape().get(0);
        float[] select = new float[(int) rows * classes];
        for (int r = 0; r < rows; r++) {
            select[r * classes + r % classes] = 1f;
        }
        NDArray mask = m.create(select, new Shape(rows, classes));
        NDArray weight = logp.stopGradient().mul(0.5).exp();
        return logp.mul(weight).mul(mask).sum();
    }

    /** One sample's expected-Fisher term k: sqrt(p_k)·log p_k with the weight detached. */
    static NDArray expectedFisherTerm(NDArray logp, int k) {
        NDArray lp = logp.get(0, k);
        return lp.mul(lp.stopGradient().mul(0.5).exp());
    }

    static NDArray gaussian(NDManager m, SplittableRandom random, double std, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return m.create(v, s);
    }

    static NDArray zeros(NDManager m, long... shape) {
        return m.zeros(new Shape(shape), DataType.FLOAT32);
    }

    /** Gradient-free copies of trained parameters, owned by a new manager; names kept. */
    static NDList freeze(NDManager target, NDList trained) {
        NDList frozen = new NDList();
        for (NDArray p : trained) {
            NDArray copy = target.create(p.toFloatArray(), p.getShape());
            copy.setName(p.getName());
            frozen.add(copy);
        }
        return frozen;
    }

    /** Training loss of a mini-batch, given the indices of its payloads. */
    interface BatchLoss {
        NDArray loss(NDManager m, NDList params, int[] batch);
    }

    /**
     * Adam over mini-batches of {@code n} payloads for {@code config.epochs()} epochs; batch order
     * from the config seed. Each step takes the autograd lock (so embedding calls of other probes
     * interleave rather than wait for the whole training).
     */
    static void train(NDManager trainManager, NDList params, int n, ProbeConfig config, BatchLoss loss) {
        for (NDArray p : params) {
            p.setRequiresGradient(true);
        }
        Adam adam = new Adam(trainManager, params, config.learningRate());
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int from = 0; from < n; from += config.batchSize()) {
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
                Autograd.locked(() -> {
                    try (NDManager m = trainManager.newSubManager(); NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        try (GradientCollector collector = Autograd.collector()) {
                            collector.backward(loss.loss(m, params, batch));
                        }
                        adam.step();
                    }
                    return null;
                });
            }
        }
    }

    /** Embedding blocks of the named parameters, in order. */
    static List<ProbeMetadata.EmbeddingBlock> blocks(NDList params, List<String> embedded) {
        List<ProbeMetadata.EmbeddingBlock> blocks = new ArrayList<>();
        for (String name : embedded) {
            NDArray p = params.get(name);
            if (p == null) {
                throw new IllegalStateException("no parameter " + name);
            }
            List<Long> shape = new ArrayList<>();
            for (long d : p.getShape().getShape()) {
                shape.add(d);
            }
            blocks.add(new ProbeMetadata.EmbeddingBlock(name, shape, (int) p.getShape().get(0)));
        }
        return blocks;
    }

    /**
     * Metadata with the content-derived id: SHA-256 over kind, architecture, Fisher mode, config,
     * preprocessing state and every parameter's name, shape and float bytes.
     */
    static ProbeMetadata metadata(ProbeKind kind, String architecture, String fisher, ProbeConfig config,
            int trainedOn, Instant createdAt, NDList params, List<String> embedded, Object preprocessing) {
        List<ProbeMetadata.EmbeddingBlock> blocks = blocks(params, embedded);
        int dim = blocks.stream().mapToInt(ProbeMetadata.EmbeddingBlock::rows).sum();
        return new ProbeMetadata(contentId(kind, architecture, fisher, config, params, preprocessing), kind,
                architecture, fisher, config, trainedOn, createdAt, dim, blocks);
    }

    static String contentId(ProbeKind kind, String architecture, String fisher, ProbeConfig config,
            NDList params, Object preprocessing) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "\n" + architecture + "\n" + fisher + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(Json.MAPPER.writeValueAsBytes(config));
            sha.update(Json.MAPPER.writeValueAsBytes(preprocessing));
            for (NDArray p : params) {
                sha.update((p.getName() + p.getShape()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                float[] v = p.toFloatArray();
                ByteBuffer bytes = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(v);
                sha.update(bytes);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            return "t2v-" + kind.name().toLowerCase(Locale.ROOT) + "-" + hex.substring(0, 20);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash probe content", e);
        }
    }
}
