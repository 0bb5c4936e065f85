package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * TEXT probe: a small causal language model over hashed word tokens.
 *
 * <p>Architecture: token ids ({@link HashedTokenizer}; a {@code TextPair} is {@code src SEP tgt})
 * → embedding table {@code [V, E]} → for every position, the concatenated embeddings of the
 * previous {@code k} tokens (BOS-padded) → {@code tanh(W_h·ctx + b_h)} → softmax over the V
 * buckets (the output head, excluded from the embedding). Training: next-token cross-entropy.
 *
 * <p>Fisher: Monte Carlo, per position. At every position ŷ_t is drawn from the probe's own
 * predictive distribution by inverse CDF with uniforms from a generator seeded by (probe seed,
 * payload content hash), so a sample's labels do not depend on its batch. Every position's
 * {@code log p(ŷ_t|x_<t)} is one Fisher term and a sample's embedding is the mean over its positions
 * of the filter-averaged squared gradients (the token-level Fisher averaged over the sample's
 * tokens). Why not the gradient of the summed log-likelihood: its squared gradient grows with the
 * sample's length, while f(T) averages over samples; with a sample touching ~10 of the 2,048
 * embedding rows and f(T) ~1,000, the e0/(e0+e1) normalisation then makes a(x;T) fall
 * monotonically with |e_x|/|f(T)|, i.e. with length (on French gettext, postgres as target, AUC
 * 0.36: the target domain's longer messages ranked below other domains). Per-position averaging
 * makes e_x an intensive quantity like f(T).
 *
 * <p>Embedding ({@code V + 2H} entries): token-embedding rows, hidden weight rows, hidden bias.
 * Per-sample, per-position gradients come from one batched backward with zero capture tensors on
 * the context windows {@code [B, T, kE]} and on the hidden pre-activations {@code [B, T, H]}
 * (positions do not share activations, so position t's captured gradient is its own term's): hidden
 * weight row j of position t has filter-averaged squared gradient {@code δ_tj² · mean(ctx_t²)} and
 * bias {@code δ_tj²}; an embedding row's gradient at position t is the sum of the captured context
 * slices holding that token (done in Java), squared and averaged over E.
 */
final class TextLmProbe extends NetworkProbe {

    static final String EMBEDDING = "token.embedding";
    static final String HIDDEN_W = "hidden.weight";
    static final String HIDDEN_B = "hidden.bias";
    static final String OUTPUT_W = "output.weight";
    static final String OUTPUT_B = "output.bias";
    static final List<String> EMBEDDED = List.of(EMBEDDING);

    /** Buckets per block of the two-level Monte Carlo sampler. */
    private static final int SAMPLING_BLOCK = 64;

    private final HashedTokenizer tokenizer;
    private final int vocab;
    private final int dim;
    private final int context;
    private final int hidden;
    private final long seed;

    private TextLmProbe(NDManager manager, NDList parameters, ProbeMetadata metadata) {
        super(manager, parameters, metadata);
        ProbeConfig c = metadata.config();
        this.tokenizer = new HashedTokenizer(c.vocabBuckets(), c.maxTokens());
        this.vocab = c.vocabBuckets();
        this.dim = c.embeddingDim();
        this.context = c.contextTokens();
        this.hidden = c.textHidden();
        this.seed = c.seed();
    }

    static String architecture(ProbeConfig c) {
        return "causal LM over hashed lower-cased word tokens: " + c.vocabBuckets() + " buckets, embedding "
                + c.embeddingDim() + ", context " + c.contextTokens() + " tokens, tanh hidden " + c.textHidden()
                + ", softmax head over the buckets (excluded); max " + c.maxTokens() + " tokens";
    }

    static TextLmProbe train(List<?> payloads, ProbeConfig c, Instant createdAt) {
        HashedTokenizer tokenizer = new HashedTokenizer(c.vocabBuckets(), c.maxTokens());
        int[][] tokens = payloads.stream().map(tokenizer::tokenize).filter(t -> t.length > 0).toArray(int[][]::new);
        if (tokens.length == 0) {
            throw new IllegalArgumentException("TEXT probe needs at least one payload with tokens");
        }
        NDManager probeManager = NDManager.newBaseManager();
        try (NDManager trainManager = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(c.seed());
            int k = c.contextTokens();
            NDList params = named(
                    gaussian(trainManager, r, 0.1, c.vocabBuckets(), c.embeddingDim()),
                    gaussian(trainManager, r, Math.sqrt(1.0 / (k * c.embeddingDim())), c.textHidden(), k * c.embeddingDim()),
                    zeros(trainManager, c.textHidden()),
                    gaussian(trainManager, r, Math.sqrt(1.0 / c.textHidden()), c.vocabBuckets(), c.textHidden()),
                    zeros(trainManager, c.vocabBuckets()));
            // The same forward pass as inference: a not-yet-identified probe over the trainable arrays.
            TextLmProbe shape = new TextLmProbe(trainManager, params, placeholder(c));
            train(trainManager, params, tokens.length, c, (m, p, batch) -> {
                int[][] b = new int[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    b[i] = tokens[batch[i]];
                }
                Encoded e = shape.encode(m, b);
                NDArray logp = shape.forward(m, p, e.sequence, e.length, null, null).logp;
                NDArray target = e.next.expandDims(2);
                NDArray nll = logp.gather(target, 2).squeeze(2).mul(e.mask).sum().neg();
                return nll.div(e.mask.sum());
            });
            NDList frozen = freeze(probeManager, params);
            ProbeMetadata md = metadata(ProbeKind.TEXT, architecture(c), "monte-carlo-per-token-rows", c, payloads.size(),
                    createdAt, frozen, EMBEDDED, Map.of());
            return new TextLmProbe(probeManager, frozen, md);
        } catch (RuntimeException e) {
            probeManager.close();
            throw e;
        }
    }

    static TextLmProbe restore(NDManager manager, NDList parameters, ProbeMetadata metadata) {
        return new TextLmProbe(manager, parameters, metadata);
    }

    @Override
    int fisherTerms() {
        return 1;
    }

    @Override
    Object preprocessing() {
        return Map.of();
    }

    @Override
    Optional<String> contentRejection(Object payload) {
        return tokenizer.tokenize(payload).length == 0 ? Optional.of("text has no tokens") : Optional.empty();
    }

    @Override
    int[][] sampleLabels(NDManager m, NDList params, List<?> payloads) {
        int[][] tokens = tokenize(payloads);
        Encoded e = encode(m, tokens);
        NDArray logp = forward(m, params, e.sequence, e.length, null, null).logp;
        return toLabels(sample(m, logp, payloads, tokens, e.length), tokens);
    }

    @Override
    int fisherTerms(Object payload) {
        return Math.max(1, tokenizer.tokenize(payload).length);
    }

    @Override
    float[][] embedChunk(NDManager m, NDList params, List<?> payloads, int[][] labels) {
        return embedChunkPerToken(m, params, payloads, labels);
    }

    @Override
    NDArray sampleObjective(NDManager m, NDList params, Object payload, int[] labels, int term) {
        int[] tokens = tokenizer.tokenize(payload);
        Encoded e = encode(m, new int[][] {tokens});
        NDArray logp = forward(m, params, e.sequence, e.length, null, null).logp;
        return logp.get(0, term).get(labels[term]).div(Math.sqrt(tokens.length));
    }

    /**
     * Per-position Fisher: every position's {@code log p(ŷ_t|x_<t)} is its own Fisher term; a
     * sample's entry is the mean over its positions of the filter-averaged squared gradient.
     */
    private float[][] embedChunkPerToken(NDManager m, NDList params, List<?> payloads, int[][] labels) {
        int[][] tokens = tokenize(payloads);
        int n = tokens.length;
        Encoded e = encode(m, tokens);
        int t = e.length;
        NDArray zContext = gradientCapture(m, new Shape(n, t, context * dim));
        NDArray zHidden = gradientCapture(m, new Shape(n, t, hidden));
        Forward f;
        try (GradientCollector collector = Autograd.collector()) {
            f = forward(m, params, e.sequence, t, zContext, zHidden);
            NDArray yHat = labels == null ? sample(m, f.logp, payloads, tokens, t) : labelArray(m, labels, t);
            NDArray objective = f.logp.gather(yHat.expandDims(2), 2).squeeze(2).mul(e.mask).sum();
            collector.backward(objective);
        }
        float[] gCtx = zContext.getGradient().toFloatArray(); // [n, t, k·E]
        // Only the token-embedding rows form the embedding: the hidden layer's rows carry text length,
        // not domain (gettext AUC 0.54/0.56 with them, 0.78/0.69 without; docs/benchmarks.md).
        int embedDim = vocab;
        float[][] out = new float[n][embedDim];
        float[] g = new float[context * dim];
        for (int s = 0; s < n; s++) {
            int[] seq = sequence(tokens[s], t);
            int len = Math.max(1, tokens[s].length);
            for (int pos = 0; pos < tokens[s].length; pos++) {
                int base = (s * t + pos) * context * dim;
                boolean[] done = new boolean[context];
                for (int j = 0; j < context; j++) {
                    if (done[j]) {
                        continue;
                    }
                    int tok = seq[pos + j];
                    java.util.Arrays.fill(g, 0, dim, 0f);
                    for (int j2 = j; j2 < context; j2++) {
                        if (seq[pos + j2] == tok) {
                            done[j2] = true;
                            for (int c = 0; c < dim; c++) {
                                g[c] += gCtx[base + j2 * dim + c];
                            }
                        }
                    }
                    double sq = 0;
                    for (int c = 0; c < dim; c++) {
                        sq += g[c] * (double) g[c];
                    }
                    out[s][tok] += (float) (sq / dim / len);
                }
            }
        }
        return out;
    }

    // ---- the network --------------------------------------------------------------------------

    private record Forward(NDArray context, NDArray logp) {}

    /** Forward pass; the capture tensors (null for none) are added to embeddings and pre-activations. */
    private Forward forward(NDManager m, NDList p, NDArray sequence, int t, NDArray zContext, NDArray zHidden) {
        NDArray table = p.get(EMBEDDING);
        NDArray x = table.getNDArrayInternal().embedding(sequence, table, SparseFormat.DENSE).singletonOrThrow();
        NDList windows = new NDList();
        for (int j = 0; j < context; j++) {
            windows.add(x.get(":, {}:{}, :", j, j + t));
        }
        NDArray ctx = NDArrays.concat(windows, 2); // [n, t, k·E]
        if (zContext != null) {
            ctx = ctx.add(zContext);
        }
        NDArray pre = ctx.matMul(p.get(HIDDEN_W).transpose()).add(p.get(HIDDEN_B));
        if (zHidden != null) {
            pre = pre.add(zHidden);
        }
        NDArray logits = pre.tanh().matMul(p.get(OUTPUT_W).transpose()).add(p.get(OUTPUT_B));
        return new Forward(ctx, logits.logSoftmax(2));
    }

    // ---- encoding -----------------------------------------------------------------------------

    private record Encoded(NDArray sequence, NDArray next, NDArray mask, int length) {}

    private int[][] tokenize(List<?> payloads) {
        return payloads.stream().map(tokenizer::tokenize).toArray(int[][]::new);
    }

    /** BOS-padded sequences {@code [n, k + t]}, next tokens {@code [n, t]} and their mask. */
    private Encoded encode(NDManager m, int[][] tokens) {
        int t = 1;
        for (int[] tk : tokens) {
            t = Math.max(t, tk.length);
        }
        int n = tokens.length;
        long[] seq = new long[n * (context + t)];
        long[] next = new long[n * t];
        float[] mask = new float[n * t];
        for (int s = 0; s < n; s++) {
            int[] padded = sequence(tokens[s], t);
            for (int i = 0; i < padded.length; i++) {
                seq[s * (context + t) + i] = padded[i];
            }
            for (int q = 0; q < tokens[s].length; q++) {
                next[s * t + q] = tokens[s][q];
                mask[s * t + q] = 1f;
            }
        }
        return new Encoded(m.create(seq, new Shape(n, context + t)), m.create(next, new Shape(n, t)),
                m.create(mask, new Shape(n, t)), t);
    }

    /** k BOS ids, the tokens, then BOS padding up to {@code k + t}. */
    private int[] sequence(int[] tokens, int t) {
        int[] seq = new int[context + t];
        System.arraycopy(tokens, 0, seq, context, tokens.length);
        return seq;
    }

    /**
     * Inverse-CDF draws ŷ {@code [n, t]} from {@code exp(logp)} with per-payload uniforms, in two
     * levels (which block of {@link #SAMPLING_BLOCK} buckets, then which bucket inside it): the
     * same inverse CDF as one cumulative sum over the vocabulary, at a fraction of its passes.
     */
    private NDArray sample(NDManager m, NDArray logp, List<?> payloads, int[][] tokens, int t) {
        int n = tokens.length;
        float[] u = new float[n * t];
        for (int s = 0; s < n; s++) {
            SplittableRandom r = new SplittableRandom(PayloadSeeds.seed(seed, payloads.get(s)));
            for (int q = 0; q < tokens[s].length; q++) {
                u[s * t + q] = (float) r.nextDouble();
            }
        }
        int width = vocab % SAMPLING_BLOCK == 0 ? SAMPLING_BLOCK : vocab;
        int blocks = vocab / width;
        NDArray p = logp.stopGradient().exp().reshape(n, t, blocks, width);
        NDArray blockMass = p.sum(new int[] {3}); // [n, t, blocks]
        NDArray blockCdf = blockMass.cumSum(2);
        NDArray uniforms = m.create(u, new Shape(n, t, 1));
        NDArray block = blockCdf.lt(uniforms).sum(new int[] {2}).minimum(blocks - 1).expandDims(2); // [n, t, 1]
        NDArray massBefore = blockCdf.sub(blockMass).gather(block, 2); // [n, t, 1]
        NDArray inside = p.gather(block.expandDims(3).broadcast(new Shape(n, t, 1, width)), 2).reshape(n, t, width);
        NDArray offset = inside.cumSum(2).lt(uniforms.sub(massBefore)).sum(new int[] {2}).minimum(width - 1);
        return block.squeeze(2).mul(width).add(offset);
    }

    private static int[][] toLabels(NDArray yHat, int[][] tokens) {
        long[] flat = yHat.toLongArray();
        int t = (int) yHat.getShape().get(1);
        int[][] labels = new int[tokens.length][];
        for (int s = 0; s < tokens.length; s++) {
            labels[s] = new int[tokens[s].length];
            for (int q = 0; q < labels[s].length; q++) {
                labels[s][q] = (int) flat[s * t + q];
            }
        }
        return labels;
    }

    private static NDArray labelArray(NDManager m, int[][] labels, int t) {
        long[] flat = new long[labels.length * t];
        for (int s = 0; s < labels.length; s++) {
            for (int q = 0; q < labels[s].length; q++) {
                flat[s * t + q] = labels[s][q];
            }
        }
        return m.create(flat, new Shape(labels.length, t));
    }

    private static NDList named(NDArray... arrays) {
        String[] names = {EMBEDDING, HIDDEN_W, HIDDEN_B, OUTPUT_W, OUTPUT_B};
        NDList list = new NDList();
        for (int i = 0; i < arrays.length; i++) {
            arrays[i].setName(names[i]);
            list.add(arrays[i]);
        }
        return list;
    }

    private static ProbeMetadata placeholder(ProbeConfig c) {
        return new ProbeMetadata("training", ProbeKind.TEXT, architecture(c), "monte-carlo-per-token-rows", c, 0, Instant.EPOCH, 0,
                List.of());
    }
}
