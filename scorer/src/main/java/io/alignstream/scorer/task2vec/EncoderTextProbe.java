package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.alignstream.scorer.encoder.Chunks;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.encoder.VocabularyClusters;
import io.alignstream.scorer.encoder.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The text probe of Task2Vec: the pretrained encoder all-MiniLM-L6-v2 ({@link MiniLm}, never trained
 * here, never on evaluation targets) under a masked-language-model head, as the reference code puts
 * a pretrained GPT-2 under its LM head.
 *
 * <p>Head: {@code logits = LN(W·h + b)·Eᵀ + c} at masked positions, with {@code E} the encoder's own
 * word-embedding table (frozen: BERT ties its MLM decoder to it), {@code W} starting as the identity,
 * {@code b = c = 0}, LayerNorm γ = 1, β = 0.
 *
 * <p>Per batch ({@link #embedBatch}): the head is fine-tuned on the batch (cross-entropy of the true
 * masked tokens, full-batch Adam, {@link Options#headSteps()} steps, encoder frozen); then every
 * sample's Monte Carlo Fisher is taken over every weight tensor of the encoder (not the head):
 * ŷ is drawn at each masked position from the fine-tuned head's predictive distribution with the
 * sample's own seed, and the squared gradient of {@code (1/√M)·Σ_m log p(ŷ_m | x)} is averaged
 * filter-wise ({@link MiniLm.Trace#perSampleFisher}). The {@code 1/√M} makes a sample's Fisher the
 * mean per-token Fisher in expectation (cross terms of independent draws vanish), so it does not grow
 * with length. f(B) is the mean of the batch's per-sample embeddings.
 *
 * <p>Masks: {@link Options#maskRate()} of a sample's word pieces (at least one), positions drawn with
 * the sample's seed, so a sample's masks and labels do not depend on its batch.
 */
public final class EncoderTextProbe implements AutoCloseable {

  /**
   * @param input what the encoder reads of a payload ({@link TextInput})
   * @param maskRate share of word pieces masked per sample (at least one)
   * @param headSteps full-batch Adam steps of head fine-tuning per batch (0: the tied initial head)
   * @param headLearningRate Adam step size of head fine-tuning
   * @param chunk at most this many samples per forward/backward pass (chunks also stay within
   *     {@link Chunks#DEFAULT_TOKEN_BUDGET} padded tokens)
   * @param seed seeds masks and Monte Carlo labels (with each sample's content hash)
   * @param clusters the head predicts the masked token's cluster among this many k-means clusters of
   *     the word-embedding table ({@link VocabularyClusters}); 0: the token itself
   * @param sharedForwardTokens up to this many padded tokens per batch, {@link #embedBatch} keeps the
   *     traced graphs of the whole batch and fine-tunes the head on that same forward pass (one encoder
   *     pass instead of two, about 160 KB of native memory per token); larger batches take two passes
   * @param draws Monte Carlo draws of ŷ per masked position, each its own squared gradient (one
   *     forward pass, one backward per draw): a sample's Fisher is their mean
   */
  public record Options(TextInput input, double maskRate, int headSteps, double headLearningRate, int chunk, long seed,
      int clusters, long sharedForwardTokens, int draws) {

    public Options {
      if (!(maskRate > 0 && maskRate <= 1)) {
        throw new IllegalArgumentException("maskRate must be in (0, 1]: " + maskRate);
      }
      if (headSteps < 0 || chunk < 1 || clusters < 0 || draws < 1) {
        throw new IllegalArgumentException("headSteps, clusters must be >= 0; chunk, draws >= 1");
      }
    }

    public Options withSharedForwardTokens(long tokens) {
      return new Options(input, maskRate, headSteps, headLearningRate, chunk, seed, clusters, tokens, draws);
    }

    public Options withInput(TextInput newInput) {
      return new Options(newInput, maskRate, headSteps, headLearningRate, chunk, seed, clusters, sharedForwardTokens, draws);
    }

    public Options withDraws(int newDraws) {
      return new Options(input, maskRate, headSteps, headLearningRate, chunk, seed, clusters, sharedForwardTokens, newDraws);
    }

    public Options withMaskRate(double rate) {
      return new Options(input, rate, headSteps, headLearningRate, chunk, seed, clusters, sharedForwardTokens, draws);
    }

    /**
     * The defaults, chosen on the development targets only (fr and es gettext, targets postgres and
     * gnu-utils; docs/alignment.md): English source, 15% masks, 5 head steps, 1,024 clusters.
     */
    public static Options defaults() {
      return new Options(TextInput.DEFAULT, 0.15, 5, 1e-3, 128, 42L, 1024, 4096, 1);
    }
  }

  /** Seed and iterations of the vocabulary clustering (part of the probe's identity). */
  static final long CLUSTER_SEED = 17L;
  static final int CLUSTER_ITERATIONS = 20;

  private final MiniLm model;
  private final Options options;
  private final VocabularyClusters clusters;
  private final NDManager headConstants;
  private final NDArray decoder; // [outputs, H]: centroids or the word-embedding table

  public EncoderTextProbe(MiniLm model, Options options, java.nio.file.Path cacheDir) {
    this.model = model;
    this.options = options;
    this.headConstants = NDManager.newBaseManager();
    if (options.clusters() > 0) {
      this.clusters = VocabularyClusters.load(model, options.clusters(), CLUSTER_SEED, CLUSTER_ITERATIONS, cacheDir);
      this.decoder = clusters.centroids(headConstants);
    } else {
      this.clusters = null;
      this.decoder = model.wordEmbeddings();
    }
  }

  private int outputs() {
    return (int) decoder.getShape().get(0);
  }

  private int label(int tokenId) {
    return clusters == null ? tokenId : clusters.clusterOf(tokenId);
  }

  public Options options() {
    return options;
  }

  public int embeddingDimension() {
    return model.fisherDimension();
  }

  /** The head fine-tuned on one batch. */
  public final class Head implements AutoCloseable {
    private final NDManager manager;
    private final NDList params; // W [H,H], b [H], gamma [H], beta [H], c [V]
    final double finalLoss;

    private Head(NDManager manager, NDList params, double finalLoss) {
      this.manager = manager;
      this.params = params;
      this.finalLoss = finalLoss;
    }

    /** Cross-entropy of the true masked tokens after fine-tuning (diagnostics). */
    public double loss() {
      return finalLoss;
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  /** Frees the head's constant arrays (not the shared encoder). */
  public void close() {
    headConstants.close();
  }

  /** f(B): the head fine-tuned on the batch, then the mean per-sample Fisher embedding under it. */
  public float[] embedBatch(List<?> payloads) {
    List<Masked> masked = payloads.stream().map(this::mask).toList();
    List<int[]> chunks = chunks(masked);
    long padded = 0;
    for (int[] c : chunks) {
      int longest = 0;
      for (int i : c) {
        longest = Math.max(longest, masked.get(i).encoding().length());
      }
      padded += (long) longest * c.length;
    }
    double[] sum;
    if (padded > options.sharedForwardTokens() || options.headSteps() == 0) {
      try (Head head = fineTune(payloads)) {
        sum = Autograd.locked(() -> {
          double[] acc = new double[embeddingDimension()];
          for (int[] c : chunks) {
            List<Masked> part = new ArrayList<>();
            for (int i : c) {
              part.add(masked.get(i));
            }
            add(acc, fisherChunk(part, head.params, true).sum());
          }
          return acc;
        });
      }
    } else {
      sum = Autograd.locked(() -> sharedPass(masked, chunks));
    }
    float[] mean = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      mean[i] = (float) (sum[i] / masked.size());
    }
    return mean;
  }

  /** One traced forward of every chunk; the head fine-tuned on its detached features; the Fisher. */
  private double[] sharedPass(List<Masked> masked, List<int[]> chunks) {
    try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double[] acc = new double[embeddingDimension()];
      try (GradientCollector collector = Autograd.collector()) {
        List<List<Masked>> parts = new ArrayList<>();
        List<MiniLm.Batch> batches = new ArrayList<>();
        List<MiniLm.Trace> traces = new ArrayList<>();
        NDList atMasks = new NDList();
        List<Integer> labels = new ArrayList<>();
        for (int[] c : chunks) {
          List<Masked> part = new ArrayList<>();
          for (int i : c) {
            part.add(masked.get(i));
            for (int l : masked.get(i).truth()) {
              labels.add(l);
            }
          }
          MiniLm.Batch b = MiniLm.Batch.of(part.stream().map(Masked::encoding).toList(), model.tokenizer().padId());
          MiniLm.Trace trace = model.trace();
          NDArray hidden = model.forward(m, b, trace);
          atMasks.add(hidden.reshape(b.n() * (long) b.t(), MiniLm.HIDDEN).get(m.create(flatIndex(part, b.t()))));
          parts.add(part);
          batches.add(b);
          traces.add(trace);
        }
        NDList detached = new NDList();
        atMasks.forEach(x -> detached.add(x.stopGradient()));
        NDArray features = detached.size() == 1 ? detached.get(0) : ai.djl.ndarray.NDArrays.concat(detached, 0);
        NDList head = initial(m);
        trainHead(m, head, features, labels, collector);
        NDList frozen = new NDList();
        head.forEach(p -> frozen.add(p.stopGradient()));
        for (int k = 0; k < parts.size(); k++) {
          add(acc, draws(m, atMasks.get(k), frozen, parts.get(k), traces.get(k), batches.get(k), true).sum());
        }
      }
      return acc;
    }
  }

  private static void add(double[] acc, double[] x) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += x[i];
    }
  }

  // ---- encoding ----------------------------------------------------------------------------------

  /** A sample's encoding with its masked positions and the true tokens there. */
  private record Masked(WordPieceTokenizer.Encoding encoding, int[] positions, int[] truth, long seed) {}

  private Masked mask(Object payload) {
    WordPieceTokenizer tok = model.tokenizer();
    WordPieceTokenizer.Encoding e = options.input().encode(tok, payload);
    long seed = PayloadSeeds.seed(options.seed(), payload);
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < e.length(); i++) {
      int id = e.ids()[i];
      if (id != tok.clsId() && id != tok.sepId() && id != tok.padId() && id != tok.maskId()) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("text has no word pieces");
    }
    int k = Math.max(1, (int) Math.round(options.maskRate() * candidates.size()));
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = candidates.size() - 1; i > 0; i--) { // Fisher-Yates, first k kept
      int j = r.nextInt(i + 1);
      Integer tmp = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, tmp);
    }
    int[] positions = candidates.subList(0, k).stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] ids = e.ids().clone();
    int[] truth = new int[k];
    for (int i = 0; i < k; i++) {
      truth[i] = label(ids[positions[i]]);
      ids[positions[i]] = tok.maskId();
    }
    return new Masked(new WordPieceTokenizer.Encoding(ids, e.types()), positions, truth, seed);
  }

  /** Why a payload cannot be embedded, or null. */
  public String rejection(Object payload) {
    return options.input().rejection(model.tokenizer(), payload);
  }

  /**
   * Identifies the probe: encoder weights, input, head and Fisher settings. Scores and coefficients of
   * different probe ids are never compared.
   */
  public String id() {
    return "t2v-minilm-l6-" + model.version().substring(0, 12) + "-" + options.input().id() + "-mlm"
        + (options.clusters() > 0 ? "c" + options.clusters() : "v") + "-m" + Math.round(options.maskRate() * 100)
        + "-h" + options.headSteps() + "-s" + options.seed() + (options.draws() > 1 ? "-r" + options.draws() : "");
  }

  /**
   * The head before any fine-tuning (identity transform, the tied decoder). Per-sample routing
   * embeddings use it: it is the same on every scorer instance, so no head weights travel.
   */
  public Head initialHead() {
    return Autograd.locked(() -> {
      NDManager headManager = NDManager.newBaseManager();
      return new Head(headManager, initial(headManager), Double.NaN);
    });
  }

  private NDList initial(NDManager headManager) {
    return new NDList(headManager.eye(MiniLm.HIDDEN), headManager.zeros(new Shape(MiniLm.HIDDEN)),
        headManager.ones(new Shape(MiniLm.HIDDEN)), headManager.zeros(new Shape(MiniLm.HIDDEN)),
        headManager.zeros(new Shape(outputs())));
  }

  // ---- head --------------------------------------------------------------------------------------

  private NDArray headLogits(NDArray hidden, NDList head) {
    NDArray t = hidden.matMul(head.get(0)).add(head.get(1));
    NDArray n = t.getNDArrayInternal()
        .layerNorm(t, new Shape(MiniLm.HIDDEN), head.get(2), head.get(3), 1e-12f).singletonOrThrow();
    return n.matMul(decoder.transpose()).add(head.get(4));
  }

  /** Fine-tunes a fresh head on the batch's masked tokens (encoder frozen), from its own forward pass. */
  public Head fineTune(List<?> payloads) {
    List<Masked> masked = payloads.stream().map(this::mask).toList();
    return Autograd.locked(() -> {
      NDManager headManager = NDManager.newBaseManager();
      try {
        NDList head = initial(headManager);
        double loss = Double.NaN;
        if (options.headSteps() > 0) {
          try (NDManager m = headManager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<Integer> labels = new ArrayList<>();
            NDArray features = Autograd.noGrad(() -> maskedHidden(m, masked, labels));
            try (GradientCollector collector = Autograd.collector()) {
              loss = trainHead(m, head, features, labels, collector);
            }
          }
        }
        NDList frozen = new NDList();
        for (NDArray p : head) {
          frozen.add(headManager.create(p.toFloatArray(), p.getShape()));
        }
        return new Head(headManager, frozen, loss);
      } catch (RuntimeException e) {
        headManager.close();
        throw e;
      }
    });
  }

  /**
   * {@link Options#headSteps()} full-batch Adam steps of the head on (features, labels) with an open
   * collector; the head's arrays are updated in place. Returns the last loss.
   */
  private double trainHead(NDManager m, NDList head, NDArray features, List<Integer> labels,
      GradientCollector collector) {
    if (options.headSteps() == 0) {
      return Double.NaN;
    }
    NDArray truth = m.create(labels.stream().mapToInt(Integer::intValue).toArray()).toType(DataType.INT64, false)
        .expandDims(1);
    for (NDArray p : head) {
      p.setRequiresGradient(true);
    }
    Adam adam = new Adam(m, head, options.headLearningRate());
    double loss = Double.NaN;
    for (int step = 0; step < options.headSteps(); step++) {
      try (NDManager s = m.newSubManager(); NDScope stepScope = new NDScope()) {
        stepScope.suppressNotUsedWarning();
        NDArray nll = headLogits(features, head).logSoftmax(1).gather(truth, 1).mean().neg();
        loss = nll.getFloat();
        collector.backward(nll);
        adam.step();
      }
    }
    for (NDArray p : head) {
      p.setRequiresGradient(false);
    }
    return loss;
  }

  /** Last hidden states at the masked positions {@code [M, H]} and their labels, chunk by chunk. */
  private NDArray maskedHidden(NDManager m, List<Masked> masked, List<Integer> labels) {
    NDList parts = new NDList();
    for (int[] chunk : chunks(masked)) {
      List<Masked> part = new ArrayList<>();
      for (int i : chunk) {
        part.add(masked.get(i));
        for (int l : masked.get(i).truth()) {
          labels.add(l);
        }
      }
      MiniLm.Batch b = MiniLm.Batch.of(part.stream().map(Masked::encoding).toList(), model.tokenizer().padId());
      NDArray hidden = model.forward(m, b, null);
      parts.add(hidden.reshape(b.n() * (long) b.t(), MiniLm.HIDDEN).get(m.create(flatIndex(part, b.t()))));
    }
    return parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(parts, 0);
  }

  private static long[] flatIndex(List<Masked> chunk, int t) {
    int total = chunk.stream().mapToInt(x -> x.positions().length).sum();
    long[] index = new long[total];
    int k = 0;
    for (int s = 0; s < chunk.size(); s++) {
      for (int p : chunk.get(s).positions()) {
        index[k++] = (long) s * t + p;
      }
    }
    return index;
  }

  // ---- Fisher ------------------------------------------------------------------------------------

  /** Per-sample Fisher embeddings under a (fine-tuned) head, one row per payload, in order. */
  public float[][] embed(List<?> payloads, Head head) {
    List<Masked> masked = payloads.stream().map(this::mask).toList();
    float[][] out = new float[masked.size()][];
    return Autograd.locked(() -> {
      for (int[] chunk : chunks(masked)) {
        List<Masked> part = new ArrayList<>();
        for (int i : chunk) {
          part.add(masked.get(i));
        }
        float[][] rows = fisherChunk(part, head.params, false).rows();
        for (int j = 0; j < chunk.length; j++) {
          out[chunk[j]] = rows[j];
        }
      }
      return out;
    });
  }

  private List<int[]> chunks(List<Masked> masked) {
    return Chunks.of(masked, x -> x.encoding().length(), Chunks.DEFAULT_TOKEN_BUDGET, options.chunk());
  }

  /** A chunk's Fisher: each sample's row, or only their sum. */
  private record ChunkFisher(float[][] rows, double[] sum) {}

  private ChunkFisher fisherChunk(List<Masked> chunk, NDList head, boolean sumOnly) {
    try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      MiniLm.Batch b = MiniLm.Batch.of(chunk.stream().map(Masked::encoding).toList(), model.tokenizer().padId());
      MiniLm.Trace trace = model.trace();
      try (GradientCollector collector = Autograd.collector()) {
        NDArray hidden = model.forward(m, b, trace);
        NDArray atMasks = hidden.reshape(b.n() * (long) b.t(), MiniLm.HIDDEN).get(m.create(flatIndex(chunk, b.t())));
        return draws(m, atMasks, head, chunk, trace, b, sumOnly);
      }
    }
  }

  /**
   * The Fisher of a traced chunk averaged over {@link Options#draws()} Monte Carlo draws, each its own
   * backward pass on the one forward graph (kept until the last draw). Call with a collector open.
   */
  private ChunkFisher draws(NDManager m, NDArray atMasks, NDList head, List<Masked> chunk, MiniLm.Trace trace,
      MiniLm.Batch b, boolean sumOnly) {
    NDArray logp = headLogits(atMasks, head).logSoftmax(1); // [M, outputs], shared by the draws
    int r = options.draws();
    double[] sum = null;
    float[][] rows = null;
    for (int d = 0; d < r; d++) {
      NDArray objective = fisherObjective(m, logp, chunk, d);
      ai.djl.pytorch.jni.JniUtils.backward((ai.djl.pytorch.engine.PtNDArray) objective,
          (ai.djl.pytorch.engine.PtNDArray) objective.onesLike(), d < r - 1, false);
      if (sumOnly) {
        double[] s = Autograd.noGrad(() -> trace.fisherSum(b));
        if (sum == null) {
          sum = s;
        } else {
          add(sum, s);
        }
      } else {
        float[][] x = Autograd.noGrad(() -> trace.perSampleFisher(b));
        if (rows == null) {
          rows = x;
        } else {
          for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
              rows[i][j] += x[i][j];
            }
          }
        }
      }
      trace.zeroGradients();
    }
    if (r > 1) {
      if (sumOnly) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] /= r;
        }
      } else {
        for (float[] row : rows) {
          for (int j = 0; j < row.length; j++) {
            row[j] /= r;
          }
        }
      }
    }
    return new ChunkFisher(rows, sum);
  }

  /**
   * {@code Σ_samples (1/√M)·Σ_m log p(ŷ_m | x)} with ŷ drawn (draw {@code d}) from the head's
   * predictive distribution {@code logp}.
   */
  private NDArray fisherObjective(NDManager m, NDArray logp, List<Masked> chunk, int d) {
    NDArray yHat = sample(m, logp, chunk, d);
    float[] weights = new float[(int) logp.getShape().get(0)];
    int k = 0;
    for (Masked x : chunk) {
      for (int i = 0; i < x.positions().length; i++) {
        weights[k++] = (float) (1.0 / Math.sqrt(x.positions().length));
      }
    }
    return logp.gather(yHat.expandDims(1), 1).squeeze(1).mul(m.create(weights)).sum();
  }

  /** ŷ per masked position by inverse CDF, uniforms from each sample's seed and the draw. */
  private NDArray sample(NDManager m, NDArray logp, List<Masked> chunk, int d) {
    int total = (int) logp.getShape().get(0);
    float[] u = new float[total];
    int k = 0;
    for (Masked x : chunk) {
      SplittableRandom r = new SplittableRandom(x.seed() ^ 0x9E3779B97F4A7C15L ^ (d * 0xBF58476D1CE4E5B9L));
      for (int i = 0; i < x.positions().length; i++) {
        u[k++] = (float) r.nextDouble();
      }
    }
    return Autograd.noGrad(() -> {
      NDArray cdf = logp.stopGradient().exp().cumSum(1);
      NDArray uniforms = m.create(u, new Shape(total, 1));
      long vocab = logp.getShape().get(1);
      return cdf.lt(uniforms).sum(new int[] {1}).minimum(vocab - 1).toType(DataType.INT64, false);
    });
  }
}
