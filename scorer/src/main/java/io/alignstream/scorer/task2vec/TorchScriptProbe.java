package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A user-supplied TorchScript probe: the SLOW PATH. The module's internals are opaque, so
 * gradient-capture tensors cannot be inserted; every sample gets its own forward and backward
 * (per-sample autograd loop, roughly the speed of {@link ReferenceLoop}).
 *
 * <p>Input contract (one sample per call, batch axis 1), using this package's preprocessing fitted
 * on the reference payloads: FEATURES float32 {@code [1, d]} ({@link FeatureEncoder}); IMAGE
 * float32 {@code [1, 1, S, S]} ({@link ImageEncoder}, S = {@link ProbeConfig#imageSize()}); TEXT
 * int64 {@code [1, T]} hashed token ids ({@link HashedTokenizer}, {@link
 * ProbeConfig#vocabBuckets()} buckets). The first output holds logits with classes on the last
 * axis; every row of it (e.g. every position of an LM) is one prediction.
 *
 * <p>Fisher: Monte Carlo, ŷ drawn per logits row from the model's softmax with the payload's seed.
 * Embedded parameters: all of the module's parameters except the last layer's (those sharing the
 * last parameter's name prefix, e.g. {@code fc2.weight} and {@code fc2.bias}), in module order.
 */
final class TorchScriptProbe implements Probe {

    private final NDManager manager;
    private final PtSymbolBlock block;
    private final List<Parameter> embedded;
    private final ProbeMetadata metadata;
    private final FeatureEncoder features;
    private final ImageEncoder images;
    private final HashedTokenizer tokenizer;

    private TorchScriptProbe(NDManager manager, PtSymbolBlock block, List<Parameter> embedded, ProbeMetadata metadata,
            FeatureEncoder features, ImageEncoder images, HashedTokenizer tokenizer) {
        this.manager = manager;
        this.block = block;
        this.embedded = embedded;
        this.metadata = metadata;
        this.features = features;
        this.images = images;
        this.tokenizer = tokenizer;
    }

    static TorchScriptProbe load(Path modelPt, ProbeKind kind, ProbeConfig config, List<?> referencePayloads) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelPt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TorchScript probe " + modelPt, e);
        }
        FeatureEncoder features = kind == ProbeKind.FEATURES ? FeatureEncoder.fit(referencePayloads) : null;
        ImageEncoder images = kind == ProbeKind.IMAGE ? ImageEncoder.fit(referencePayloads, config.imageSize()) : null;
        HashedTokenizer tokenizer = kind == ProbeKind.TEXT
                ? new HashedTokenizer(config.vocabBuckets(), config.maxTokens()) : null;
        NDManager manager = NDManager.newBaseManager();
        try {
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, modelPt, true, new String[0],
                    new String[0], true);
            JniUtils.enableInferenceMode(block); // eval(): dropout off, batch-norm running statistics
            List<Parameter> all = new ArrayList<>(block.getDirectParameters().values());
            if (all.size() < 2) {
                throw new IllegalArgumentException("TorchScript probe " + modelPt + " has " + all.size()
                        + " parameters; it needs layers besides the output one");
            }
            String head = prefix(all.get(all.size() - 1).getName());
            List<Parameter> embedded = all.stream().filter(p -> !prefix(p.getName()).equals(head)).toList();
            List<ProbeMetadata.EmbeddingBlock> blocks = new ArrayList<>();
            for (Parameter p : embedded) {
                long[] shape = p.getArray().getShape().getShape();
                List<Long> s = new ArrayList<>();
                for (long d : shape) {
                    s.add(d);
                }
                blocks.add(new ProbeMetadata.EmbeddingBlock(p.getName(), s, (int) (shape.length == 0 ? 1 : shape[0])));
            }
            Object preprocessing = features != null ? features : images != null ? images : "hashed-tokens";
            String sha = sha256(bytes, kind.name().getBytes(), Json.MAPPER.writeValueAsBytes(config),
                    Json.MAPPER.writeValueAsBytes(preprocessing));
            ProbeMetadata md = new ProbeMetadata("t2v-torchscript-" + kind.name().toLowerCase(Locale.ROOT) + "-"
                    + sha.substring(0, 20), kind, "TorchScript " + modelPt.getFileName() + " sha256 "
                    + sha256(bytes), "monte-carlo (per-sample autograd loop)", config, referencePayloads.size(),
                    Instant.now(), blocks.stream().mapToInt(ProbeMetadata.EmbeddingBlock::rows).sum(), blocks);
            return new TorchScriptProbe(manager, block, embedded, md, features, images, tokenizer);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

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
        return switch (actual) {
            case FEATURES -> features.rejection((Features) payload);
            case IMAGE -> ImageEncoder.rejection((Image) payload);
            case TEXT -> tokenizer.tokenize(payload).length == 0 ? Optional.of("text has no tokens") : Optional.empty();
        };
    }

    @Override
    public float[][] embed(List<?> payloads) {
        for (int i = 0; i < payloads.size(); i++) {
            Optional<String> why = rejection(payloads.get(i));
            if (why.isPresent()) {
                throw new IllegalArgumentException("payload " + i + ": " + why.get());
            }
        }
        float[][] out = new float[payloads.size()][metadata.embeddingDimension()];
        return Autograd.locked(() -> {
            for (int i = 0; i < payloads.size(); i++) {
                try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    embedOne(m, payloads.get(i), out[i]);
                }
            }
            return out;
        });
    }

    private void embedOne(NDManager m, Object payload, float[] out) {
        try (GradientCollector collector = Autograd.collector()) {
            // isTrain=true only keeps autograd on in DJL's JNI forward (false runs it without
            // gradients); the module itself stays in eval mode, set once at load.
            NDArray logits = IValueUtils.forward(block, new NDList(input(m, payload)), true).get(0);
            long classes = logits.getShape().get(logits.getShape().dimension() - 1);
            NDArray logp = logits.reshape(-1, classes).logSoftmax(1);
            float[] lp = logp.stopGradient().toFloatArray();
            int rows = (int) (lp.length / classes);
            long[] yHat = new long[rows];
            SplittableRandom r = new SplittableRandom(PayloadSeeds.seed(metadata.seed(), payload));
            for (int row = 0; row < rows; row++) {
                double u = r.nextDouble();
                double cdf = 0;
                int k = 0;
                while (k < classes - 1) {
                    cdf += Math.exp(lp[(int) (row * classes + k)]);
                    if (u < cdf) {
                        break;
                    }
                    k++;
                }
                yHat[row] = k;
            }
            collector.backward(logp.gather(m.create(yHat, new Shape(rows, 1)), 1).sum());
        }
        int offset = 0;
        for (Parameter p : embedded) {
            NDArray grad = p.getArray().getGradient();
            long rows = p.getArray().getShape().dimension() == 0 ? 1 : p.getArray().getShape().get(0);
            float[] entries = grad.reshape(rows, -1).square().mean(new int[] {1}).toFloatArray();
            System.arraycopy(entries, 0, out, offset, entries.length);
            offset += entries.length;
        }
        NDList params = new NDList();
        block.getDirectParameters().values().forEach(p -> params.add(p.getArray()));
        Autograd.zeroGradients(params);
    }

    private NDArray input(NDManager m, Object payload) {
        return switch (kind()) {
            case FEATURES -> {
                float[] x = features.encode((Features) payload);
                yield m.create(x, new Shape(1, x.length));
            }
            case IMAGE -> m.create(images.encode((Image) payload), new Shape(1, 1, images.size(), images.size()));
            case TEXT -> {
                int[] ids = tokenizer.tokenize(payload);
                long[] l = new long[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    l[i] = ids[i];
                }
                yield m.create(l, new Shape(1, l.length));
            }
        };
    }

    @Override
    public void close() {
        block.close();
        manager.close();
    }

    private static String prefix(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
