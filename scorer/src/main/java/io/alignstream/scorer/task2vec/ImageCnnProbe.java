package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.alignstream.schemas.sample.Image;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * IMAGE probe: a small CNN classifying the image's label into {@code C} quantile buckets of the
 * training labels (e.g. particle-diameter classes).
 *
 * <p>Architecture on {@link ImageEncoder}'s {@code S×S} input: 3×3 conv ({@code F1} filters,
 * zero padding 1) → tanh → 2×2 average pool → 3×3 conv ({@code F2}) → tanh → 2×2 average pool →
 * dense ({@code D}, tanh) → softmax over {@code C} classes (the head, excluded from the
 * embedding). Convolutions are written as im2col patches × reshaped weights, so the forward pass
 * keeps exactly the input activations the per-sample contractions need; average (not max) pooling
 * keeps the network smooth and free of arg-max ties. Payloads without a label are used for
 * intensity standardisation only.
 *
 * <p>Fisher: expected, as in {@link FeatureMlpProbe} (batch replicated per class, weights
 * {@code sqrt(p_k)} detached).
 *
 * <p>Embedding ({@code 2·F1 + 2·F2 + 2·D} entries): conv1 weight rows, conv1 bias, conv2 weight
 * rows, conv2 bias, dense weight rows, dense bias. A convolution weight is shared across positions,
 * so its per-sample gradient is {@code δ·patchesᵀ} summed over positions: one batched matmul
 * {@code [B,F,L]×[B,L,C·9]}, then squared and averaged over the {@code C·9} columns.
 */
final class ImageCnnProbe extends NetworkProbe {

    static final String CONV1_W = "conv1.weight";
    static final String CONV1_B = "conv1.bias";
    static final String CONV2_W = "conv2.weight";
    static final String CONV2_B = "conv2.bias";
    static final String DENSE_W = "dense.weight";
    static final String DENSE_B = "dense.bias";
    static final String OUT_W = "output.weight";
    static final String OUT_B = "output.bias";
    static final List<String> EMBEDDED = List.of(CONV1_W, CONV1_B, CONV2_W, CONV2_B, DENSE_W, DENSE_B);

    /**
     * Stored preprocessing state.
     *
     * @param encoder image resampling and intensity standardisation
     * @param labelEdges the {@code C − 1} ascending bucket edges; class = number of edges ≤ label
     */
    record Preprocessing(ImageEncoder encoder, double[] labelEdges) {}

    private final Preprocessing preprocessing;
    private final int size;
    private final int classes;

    private ImageCnnProbe(NDManager manager, NDList parameters, ProbeMetadata metadata, Preprocessing preprocessing) {
        super(manager, parameters, metadata);
        this.preprocessing = preprocessing;
        this.size = preprocessing.encoder().size();
        this.classes = metadata.config().imageClasses();
    }

    static String architecture(ProbeConfig c) {
        int s = c.imageSize();
        return "CNN on " + s + "x" + s + ": conv3x3(" + c.conv1Filters() + ") tanh avgpool2, conv3x3("
                + c.conv2Filters() + ") tanh avgpool2, dense(" + c.imageDense() + ") tanh, softmax over "
                + c.imageClasses() + " label-quantile classes (head excluded)";
    }

    static ImageCnnProbe train(List<?> payloads, ProbeConfig c, Instant createdAt) {
        ImageEncoder encoder = ImageEncoder.fit(payloads, c.imageSize());
        List<float[]> xs = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (Object p : payloads) {
            Image im = (Image) p;
            if (im.getLabel() != null && Double.isFinite(im.getLabel())) {
                xs.add(encoder.encode(im));
                labels.add(im.getLabel());
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("IMAGE probe needs labelled training images");
        }
        double[] edges = quantileEdges(labels, c.imageClasses());
        Preprocessing pre = new Preprocessing(encoder, edges);
        int s = c.imageSize();
        int f1 = c.conv1Filters();
        int f2 = c.conv2Filters();
        int flat = f2 * (s / 4) * (s / 4);
        NDManager probeManager = NDManager.newBaseManager();
        try (NDManager trainManager = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(c.seed());
            NDList params = named(
                    gaussian(trainManager, r, Math.sqrt(1.0 / 9), f1, 1, 3, 3), zeros(trainManager, f1),
                    gaussian(trainManager, r, Math.sqrt(1.0 / (9.0 * f1)), f2, f1, 3, 3), zeros(trainManager, f2),
                    gaussian(trainManager, r, Math.sqrt(1.0 / flat), c.imageDense(), flat),
                    zeros(trainManager, c.imageDense()),
                    gaussian(trainManager, r, Math.sqrt(1.0 / c.imageDense()), c.imageClasses(), c.imageDense()),
                    zeros(trainManager, c.imageClasses()));
            train(trainManager, params, xs.size(), c, (m, p, batch) -> {
                float[] x = new float[batch.length * s * s];
                long[] y = new long[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    System.arraycopy(xs.get(batch[i]), 0, x, i * s * s, s * s);
                    y[i] = bucket(labels.get(batch[i]), edges);
                }
                NDArray logp = forward(p, m.create(x, new Shape(batch.length, 1, s, s)), s, null, null, null).logp;
                return logp.gather(m.create(y, new Shape(batch.length, 1)), 1).mean().neg();
            });
            NDList frozen = freeze(probeManager, params);
            ProbeMetadata md = metadata(ProbeKind.IMAGE, architecture(c), "expected", c, payloads.size(), createdAt,
                    frozen, EMBEDDED, pre);
            return new ImageCnnProbe(probeManager, frozen, md, pre);
        } catch (RuntimeException e) {
            probeManager.close();
            throw e;
        }
    }

    static ImageCnnProbe restore(NDManager manager, NDList parameters, ProbeMetadata metadata, Preprocessing pre) {
        return new ImageCnnProbe(manager, parameters, metadata, pre);
    }

    @Override
    int fisherTerms() {
        return classes;
    }

    @Override
    Object preprocessing() {
        return preprocessing;
    }

    @Override
    Optional<String> contentRejection(Object payload) {
        return ImageEncoder.rejection((Image) payload);
    }

    @Override
    int[][] sampleLabels(NDManager m, NDList params, List<?> payloads) {
        return null;
    }

    @Override
    float[][] embedChunk(NDManager m, NDList params, List<?> payloads, int[][] labels) {
        int n = payloads.size();
        int rows = n * classes;
        NDArray x = inputs(m, payloads, classes);
        long f1 = params.get(CONV1_B).getShape().get(0);
        long f2 = params.get(CONV2_B).getShape().get(0);
        long dense = params.get(DENSE_B).getShape().get(0);
        NDArray z1 = gradientCapture(m, new Shape(rows, f1, (long) size * size));
        NDArray z2 = gradientCapture(m, new Shape(rows, f2, (long) size * size / 4));
        NDArray z3 = gradientCapture(m, new Shape(rows, dense));
        Forward f;
        try (GradientCollector collector = Autograd.collector()) {
            f = forward(params, x, size, z1, z2, z3);
            collector.backward(expectedFisherObjective(m, f.logp, classes));
        }
        NDArray d1 = z1.getGradient(); // [rows, F1, L1]
        NDArray d2 = z2.getGradient(); // [rows, F2, L2]
        NDArray d3 = z3.getGradient(); // [rows, D]
        NDArray conv1 = meanSquare(d1.batchMatMul(f.patches1.transpose(0, 2, 1)));
        NDArray conv2 = meanSquare(d2.batchMatMul(f.patches2.transpose(0, 2, 1)));
        NDArray denseW = d3.square().mul(f.flat.square().mean(new int[] {1}, true));
        NDArray perRow = NDArrays.concat(new NDList(conv1, d1.sum(new int[] {2}).square(), conv2,
                d2.sum(new int[] {2}).square(), denseW, d3.square()), 1);
        return sumGroups(perRow.toFloatArray(), rows, (int) perRow.getShape().get(1), classes);
    }

    @Override
    NDArray sampleObjective(NDManager m, NDList params, Object payload, int[] labels, int term) {
        NDArray logp = forward(params, inputs(m, List.of(payload), 1), size, null, null, null).logp;
        return expectedFisherTerm(logp, term);
    }

    // ---- the network --------------------------------------------------------------------------

    private record Forward(NDArray patches1, NDArray patches2, NDArray flat, NDArray logp) {}

    private static Forward forward(NDList p, NDArray x, int s, NDArray z1, NDArray z2, NDArray z3) {
        long n = x.getShape().get(0);
        NDArray patches1 = im2col(x); // [n, 9, s²]
        NDArray a1 = convolve(p.get(CONV1_W), p.get(CONV1_B), patches1, z1).tanh();
        NDArray pooled1 = averagePool(a1.reshape(n, -1, s, s));
        NDArray patches2 = im2col(pooled1); // [n, F1·9, (s/2)²]
        NDArray a2 = convolve(p.get(CONV2_W), p.get(CONV2_B), patches2, z2).tanh();
        NDArray flat = averagePool(a2.reshape(n, -1, s / 2, s / 2)).reshape(n, -1);
        NDArray pre3 = flat.matMul(p.get(DENSE_W).transpose()).add(p.get(DENSE_B));
        if (z3 != null) {
            pre3 = pre3.add(z3);
        }
        NDArray logits = pre3.tanh().matMul(p.get(OUT_W).transpose()).add(p.get(OUT_B));
        return new Forward(patches1, patches2, flat, logits.logSoftmax(1));
    }

    /** {@code W[F, C·9] × patches[n, C·9, L] + b} → {@code [n, F, L]}, plus the capture tensor. */
    private static NDArray convolve(NDArray weight, NDArray bias, NDArray patches, NDArray capture) {
        long filters = weight.getShape().get(0);
        NDArray pre = weight.reshape(filters, -1).matMul(patches).add(bias.reshape(filters, 1));
        return capture == null ? pre : pre.add(capture);
    }

    /** 3×3 patches with zero padding 1: {@code [n, C, H, W]} → {@code [n, C·9, H·W]}, weight order. */
    private static NDArray im2col(NDArray x) {
        Shape s = x.getShape();
        long h = s.get(2);
        long w = s.get(3);
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        NDList shifts = new NDList();
        for (int di = 0; di < 3; di++) {
            for (int dj = 0; dj < 3; dj++) {
                shifts.add(padded.get(":, :, {}:{}, {}:{}", di, di + h, dj, dj + w));
            }
        }
        return NDArrays.stack(shifts, 2).reshape(s.get(0), s.get(1) * 9, h * w);
    }

    private static NDArray averagePool(NDArray x) {
        return x.getNDArrayInternal().avgPool(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    /** Encoded payloads, each repeated {@code copies} times consecutively: {@code [n·copies, 1, S, S]}. */
    private NDArray inputs(NDManager m, List<?> payloads, int copies) {
        int px = size * size;
        float[] x = new float[payloads.size() * copies * px];
        for (int i = 0; i < payloads.size(); i++) {
            float[] img = preprocessing.encoder().encode((Image) payloads.get(i));
            for (int c = 0; c < copies; c++) {
                System.arraycopy(img, 0, x, (i * copies + c) * px, px);
            }
        }
        return m.create(x, new Shape((long) payloads.size() * copies, 1, size, size));
    }

    static double[] quantileEdges(List<Double> labels, int classes) {
        double[] sorted = labels.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] edges = new double[classes - 1];
        for (int i = 1; i < classes; i++) {
            double pos = i * (sorted.length - 1) / (double) classes;
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            edges[i - 1] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        return edges;
    }

    static int bucket(double label, double[] edges) {
        int k = 0;
        while (k < edges.length && label >= edges[k]) {
            k++;
        }
        return k;
    }

    private static NDList named(NDArray... arrays) {
        String[] names = {CONV1_W, CONV1_B, CONV2_W, CONV2_B, DENSE_W, DENSE_B, OUT_W, OUT_B};
        NDList list = new NDList();
        for (int i = 0; i < arrays.length; i++) {
            arrays[i].setName(names[i]);
            list.add(arrays[i]);
        }
        return list;
    }

    @Override
    public String toString() {
        return "ImageCnnProbe[" + id() + ", edges " + Arrays.toString(preprocessing.labelEdges()) + "]";
    }
}
