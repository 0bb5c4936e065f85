package io.alignstream.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.trainer.metrics.Bleu;
import io.alignstream.trainer.metrics.Chrf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Machine translation: a GRU encoder–decoder with bilinear (Luong) attention over a
 * {@link SubwordTokenizer} vocabulary shared by source and target.
 *
 * <p>Network ({@code V} vocabulary, {@code E} embedding, {@code H} hidden, {@code T} max tokens):
 * source input {@code x_s} = token embedding ({@code V×E}) + learnt position embedding
 * ({@code T×E}) → GRU encoder states {@code g_s}; attention memory {@code m_s = [g_s; x_s]} (the
 * token's own embedding beside its context: a lexical shortcut that lets attention pick words as
 * well as positions); target input = token embedding + position embedding → GRU decoder states
 * {@code h_t}, starting from zero; {@code α_t = softmax_s(h_t·W_aᵀ·m_s)} over the real (unpadded)
 * source positions, context {@code c_t = Σ α_ts m_s}; {@code h̃_t = tanh(W_c[c_t; h_t] + b_c)};
 * logits {@code W_o h̃_t + b_o}. The decoder gets no summary of the source other than through
 * attention (a bridge from the last encoder state let it settle on a language model of the target
 * and learn attention much later). Attention does not feed back into the decoder input, so training
 * runs the decoder over the whole teacher-forced target in one fused GRU call, and step-by-step
 * greedy decoding computes exactly the same per-step distributions.
 *
 * <p>Training: teacher forcing (decoder input {@code <s> y1 … yn}, output {@code y1 … yn </s>}),
 * loss = mean cross-entropy per target token; Adam with global-norm clipping. Evaluation: the same
 * per-token cross-entropy on the held-out pairs, then greedy decoding scored with sacreBLEU-compatible
 * corpus BLEU and chrF ({@link Bleu#corpusDefaults()}, {@link Chrf#defaults()}).
 *
 * <p>The tokeniser is fitted by {@link #prepare} (source and target texts of a reference) or else on
 * the first training batch, and is saved with the model.
 */
public final class MtModel extends NetworkModel {

  static final String SOURCE_EMBEDDING = "source.embedding";
  static final String TARGET_EMBEDDING = "target.embedding";
  static final String SOURCE_POSITIONS = "source.positions";
  static final String TARGET_POSITIONS = "target.positions";
  static final List<String> ENCODER = List.of("encoder.w_ih", "encoder.w_hh", "encoder.b_ih", "encoder.b_hh");
  static final List<String> DECODER = List.of("decoder.w_ih", "decoder.w_hh", "decoder.b_ih", "decoder.b_hh");
  static final String ATTENTION_W = "attention.weight";
  static final String COMBINE_W = "combine.weight";
  static final String COMBINE_B = "combine.bias";
  static final String OUTPUT_W = "output.weight";
  static final String OUTPUT_B = "output.bias";

  private final MtHyperParameters hp;
  private SubwordTokenizer tokenizer;

  private MtModel(MtHyperParameters hp, long seed, Device device, State state, SubwordTokenizer tokenizer) {
    super(seed, device, state);
    this.hp = hp;
    this.tokenizer = tokenizer;
  }

  /** A new model on the best device ({@link Devices#best()}). */
  public static MtModel create(MtHyperParameters hp, long seed) {
    return create(hp, seed, Devices.best());
  }

  public static MtModel create(MtHyperParameters hp, long seed, Device device) {
    return new MtModel(hp, seed, device, fresh(device, layout(hp), seed, hp), null);
  }

  /** Loads a model saved by {@link #save} onto the best device. */
  public static MtModel load(Path dir) {
    return load(dir, Devices.best());
  }

  public static MtModel load(Path dir, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      ModelFiles.Contents files = ModelFiles.read(dir, manager);
      requireKind(files.manifest(), ModelKind.MT);
      MtHyperParameters hp = ModelFiles.convert(files.manifest().hyperParameters(), MtHyperParameters.class);
      SubwordTokenizer.State t = files.manifest().preprocessing() == null ? null
          : ModelFiles.convert(files.manifest().preprocessing(), SubwordTokenizer.State.class);
      return new MtModel(hp, files.manifest().seed(), device, restore(files, layout(hp), hp, manager),
          t == null ? null : SubwordTokenizer.fromState(t));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  static List<Parameters.Spec> layout(MtHyperParameters hp) {
    long v = hp.vocabularySize();
    long e = hp.embeddingSize();
    long h = hp.hiddenSize();
    double gru = 1 / Math.sqrt(h);
    List<Parameters.Spec> specs = new ArrayList<>();
    specs.add(new Parameters.Spec(SOURCE_EMBEDDING, new Shape(v, e), Parameters.Init.GAUSSIAN, 1 / Math.sqrt(e)));
    specs.add(new Parameters.Spec(TARGET_EMBEDDING, new Shape(v, e), Parameters.Init.GAUSSIAN, 1 / Math.sqrt(e)));
    long t = hp.maxTokens();
    specs.add(new Parameters.Spec(SOURCE_POSITIONS, new Shape(t, e), Parameters.Init.GAUSSIAN, 1 / Math.sqrt(e)));
    specs.add(new Parameters.Spec(TARGET_POSITIONS, new Shape(t, e), Parameters.Init.GAUSSIAN, 1 / Math.sqrt(e)));
    for (List<String> names : List.of(ENCODER, DECODER)) {
      specs.add(new Parameters.Spec(names.get(0), new Shape(3 * h, e), Parameters.Init.UNIFORM, gru));
      specs.add(new Parameters.Spec(names.get(1), new Shape(3 * h, h), Parameters.Init.UNIFORM, gru));
      specs.add(new Parameters.Spec(names.get(2), new Shape(3 * h), Parameters.Init.UNIFORM, gru));
      specs.add(new Parameters.Spec(names.get(3), new Shape(3 * h), Parameters.Init.UNIFORM, gru));
    }
    specs.add(new Parameters.Spec(ATTENTION_W, new Shape(h + e, h), Parameters.Init.UNIFORM, 1 / Math.sqrt(h + e)));
    specs.add(new Parameters.Spec(COMBINE_W, new Shape(h, 2 * h + e), Parameters.Init.UNIFORM,
        1 / Math.sqrt(2.0 * h + e)));
    specs.add(new Parameters.Spec(COMBINE_B, new Shape(h), Parameters.Init.ZERO, 0));
    specs.add(new Parameters.Spec(OUTPUT_W, new Shape(v, h), Parameters.Init.UNIFORM, gru));
    specs.add(new Parameters.Spec(OUTPUT_B, new Shape(v), Parameters.Init.ZERO, 0));
    return specs;
  }

  // ---- TaskModel ------------------------------------------------------------------------------

  @Override
  public ModelKind kind() {
    return ModelKind.MT;
  }

  @Override
  public MtHyperParameters hyperParameters() {
    return hp;
  }

  @Override
  public String architecture() {
    return "GRU encoder-decoder, bilinear attention over [state; embedding], learnt positions: shared BPE vocabulary "
        + hp.vocabularySize()
        + ", embedding " + hp.embeddingSize() + ", hidden " + hp.hiddenSize() + ", max " + hp.maxTokens() + " tokens";
  }

  @Override
  public Optional<String> rejection(Sample sample) {
    if (!(sample.getPayload() instanceof TextPair pair)) {
      return Optional.of("MT needs a TextPair payload, got "
          + (sample.getPayload() == null ? "none" : sample.getPayload().getClass().getSimpleName()));
    }
    if (pair.getSrc().isBlank() || pair.getTgt().isBlank()) {
      return Optional.of("text pair with a blank source or target");
    }
    return Optional.empty();
  }

  @Override
  public boolean prepared() {
    return tokenizer != null;
  }

  /** Learns the tokeniser from the source and target texts of the reference's text pairs. */
  @Override
  public void prepare(List<Sample> reference) {
    if (tokenizer != null) {
      throw new IllegalStateException("MT tokeniser already fitted");
    }
    List<String> texts = new ArrayList<>();
    for (Sample s : reference) {
      if (s.getPayload() instanceof TextPair p) {
        texts.add(p.getSrc());
        texts.add(p.getTgt());
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("MT tokeniser reference holds no text pairs");
    }
    tokenizer = SubwordTokenizer.fit(texts, hp.vocabularySize());
  }

  /** The fitted tokeniser, empty before {@link #prepare} or the first batch. */
  public Optional<SubwordTokenizer> tokenizer() {
    return Optional.ofNullable(tokenizer);
  }

  @Override
  public double trainBatch(List<Sample> batch) {
    requireUsable(batch, "training");
    if (tokenizer == null) {
      prepare(batch);
    }
    List<int[]> sources = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    for (Sample s : batch) {
      TextPair p = (TextPair) s.getPayload();
      sources.add(ids(p.getSrc()));
      targets.add(ids(p.getTgt()));
    }
    return optimise(m -> tokenLoss(m, sources, targets, true).meanLoss());
  }

  @Override
  public Evaluation evaluate(List<Sample> testSplit) {
    requireUsable(testSplit, "test");
    requirePrepared();
    List<String> sources = new ArrayList<>();
    List<String> references = new ArrayList<>();
    for (Sample s : testSplit) {
      TextPair p = (TextPair) s.getPayload();
      sources.add(p.getSrc());
      references.add(p.getTgt());
    }
    double crossEntropy = crossEntropy(testSplit);
    List<String> hypotheses = translate(sources);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("BLEU", Bleu.corpusDefaults().corpusScore(hypotheses, List.of(references)).score());
    metrics.put("chrF", Chrf.defaults().corpusScore(hypotheses, List.of(references)).score());
    return new Evaluation(testSplit.size(), crossEntropy, metrics);
  }

  /** Mean cross-entropy per target token (end marker included) of the pairs, teacher-forced. */
  public double crossEntropy(List<Sample> pairs) {
    requireUsable(pairs, "test");
    requirePrepared();
    double nll = 0;
    double tokens = 0;
    for (int from = 0; from < pairs.size(); from += hp.evaluationBatchSize()) {
      List<Sample> chunk = pairs.subList(from, Math.min(pairs.size(), from + hp.evaluationBatchSize()));
      List<int[]> sources = new ArrayList<>();
      List<int[]> targets = new ArrayList<>();
      for (Sample s : chunk) {
        TextPair p = (TextPair) s.getPayload();
        sources.add(ids(p.getSrc()));
        targets.add(ids(p.getTgt()));
      }
      double[] sums = infer(m -> {
        TokenLoss l = tokenLoss(m, sources, targets, false);
        return new double[] {l.summed().getFloat(), l.tokens()};
      });
      nll += sums[0];
      tokens += sums[1];
    }
    return nll / tokens;
  }

  /** Greedy translations of {@code sources}, detokenised (words joined by single spaces). */
  public List<String> translate(List<String> sources) {
    requirePrepared();
    List<String> out = new ArrayList<>();
    for (int from = 0; from < sources.size(); from += hp.evaluationBatchSize()) {
      List<int[]> ids = sources.subList(from, Math.min(sources.size(), from + hp.evaluationBatchSize())).stream()
          .map(this::ids).toList();
      out.addAll(infer(m -> greedy(m, ids)).stream().map(tokenizer::decode).toList());
    }
    return out;
  }

  @Override
  public MtModel copy() {
    return new MtModel(hp, seed(), deviceObject(), copyState(), tokenizer);
  }

  @Override
  Object preprocessingState() {
    return tokenizer == null ? null : tokenizer.state();
  }

  // ---- the network --------------------------------------------------------------------------

  private record Encoded(NDArray memory, NDArray keys, NDArray maskBias, NDArray state, int length) {}

  private record Decoded(NDArray logits, NDArray state) {}

  private record TokenLoss(NDArray summed, int tokens) {
    NDArray meanLoss() {
      return summed.div(tokens);
    }
  }

  private TokenLoss tokenLoss(NDManager m, List<int[]> sources, List<int[]> targets, boolean training) {
    int b = targets.size();
    int t = targets.stream().mapToInt(a -> a.length).max().orElse(1);
    long[] in = new long[b * t];
    long[] out = new long[b * t];
    float[] mask = new float[b * t];
    int tokens = 0;
    for (int i = 0; i < b; i++) {
      int[] y = targets.get(i);
      in[i * t] = SubwordTokenizer.BOS;
      for (int j = 0; j < y.length; j++) {
        if (j + 1 < y.length) {
          in[i * t + j + 1] = y[j];
        }
        out[i * t + j] = y[j];
        mask[i * t + j] = 1f;
      }
      tokens += y.length;
    }
    Encoded e = encode(m, sources, training);
    Decoded d = decode(e, m.create(in, new Shape(b, t)), 0, e.state(), training);
    NDArray logp = d.logits().logSoftmax(2);
    NDArray picked = logp.gather(m.create(out, new Shape(b, t, 1)), 2).squeeze(2);
    return new TokenLoss(picked.mul(m.create(mask, new Shape(b, t))).sum().neg(), tokens);
  }

  private List<int[]> greedy(NDManager m, List<int[]> sources) {
    int b = sources.size();
    Encoded e = encode(m, sources, false);
    int limit = Math.min(hp.maxTokens(), 2 * e.length() + 4);
    long[] previous = new long[b];
    Arrays.fill(previous, SubwordTokenizer.BOS);
    List<List<Integer>> outputs = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      outputs.add(new ArrayList<>());
    }
    boolean[] done = new boolean[b];
    int remaining = b;
    NDArray state = e.state();
    for (int step = 0; step < limit && remaining > 0; step++) {
      Decoded d = decode(e, m.create(previous, new Shape(b, 1)), step, state, false);
      state = d.state();
      long[] next = d.logits().argMax(2).toLongArray();
      for (int i = 0; i < b; i++) {
        if (!done[i]) {
          if (next[i] == SubwordTokenizer.EOS) {
            done[i] = true;
            remaining--;
          } else {
            outputs.get(i).add((int) next[i]);
          }
        }
        previous[i] = next[i];
      }
    }
    return outputs.stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray()).toList();
  }

  private Encoded encode(NDManager m, List<int[]> sources, boolean training) {
    int b = sources.size();
    int s = sources.stream().mapToInt(a -> a.length).max().orElse(1);
    long[] ids = new long[b * s];
    float[] bias = new float[b * s];
    for (int i = 0; i < b; i++) {
      int[] x = sources.get(i);
      for (int j = 0; j < s; j++) {
        if (j < x.length) {
          ids[i * s + j] = x[j];
        } else {
          bias[i * s + j] = -1e9f;
        }
      }
    }
    NDArray x = embed(parameter(SOURCE_EMBEDDING), m.create(ids, new Shape(b, s)))
        .add(parameter(SOURCE_POSITIONS).get("0:{}", s));
    NDArray h0 = m.zeros(new Shape(1, b, hp.hiddenSize()));
    NDArray states = gru(x, h0, ENCODER, training).get(0); // [b, s, H]
    NDArray memory = NDArrays.concat(new NDList(states, x), 2); // [b, s, H + E]
    NDArray keys = memory.matMul(parameter(ATTENTION_W)); // bilinear score h·(W_aᵀ m_s)
    return new Encoded(memory, keys.transpose(0, 2, 1), m.create(bias, new Shape(b, 1, s)), h0, s);
  }

  /**
   * Decoder over {@code input} ({@code [b, t]} ids at target positions {@code offset …}) from
   * {@code state}: logits {@code [b, t, V]}.
   */
  private Decoded decode(Encoded e, NDArray input, int offset, NDArray state, boolean training) {
    long t = input.getShape().get(1);
    NDArray y = embed(parameter(TARGET_EMBEDDING), input)
        .add(parameter(TARGET_POSITIONS).get("{}:{}", offset, offset + t));
    NDList out = gru(y, state, DECODER, training);
    NDArray h = out.get(0); // [b, t, H]
    NDArray alpha = h.batchMatMul(e.keys()).add(e.maskBias()).softmax(2); // [b, t, s]
    NDArray context = alpha.batchMatMul(e.memory()); // [b, t, H]
    NDArray combined = NDArrays.concat(new NDList(context, h), 2).matMul(parameter(COMBINE_W).transpose())
        .add(parameter(COMBINE_B)).tanh();
    NDArray logits = combined.matMul(parameter(OUTPUT_W).transpose()).add(parameter(OUTPUT_B));
    return new Decoded(logits, out.get(1));
  }

  private NDList gru(NDArray input, NDArray state, List<String> names, boolean training) {
    NDList weights = new NDList();
    for (String n : names) {
      weights.add(parameter(n));
    }
    return input.getNDArrayInternal().gru(input, state, weights, true, 1, 0.0, training, false, true);
  }

  private static NDArray embed(NDArray table, NDArray ids) {
    return table.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  // ---- encoding -------------------------------------------------------------------------------

  /** Ids cut to {@code maxTokens − 1}, then the end marker (so no sequence is empty). */
  private int[] ids(String text) {
    int[] ids = tokenizer.encode(text);
    int n = Math.min(ids.length, hp.maxTokens() - 1);
    int[] out = Arrays.copyOf(ids, n + 1);
    out[n] = SubwordTokenizer.EOS;
    return out;
  }

  private void requirePrepared() {
    if (tokenizer == null) {
      throw new IllegalStateException("MT model has no tokeniser yet: prepare it or train a batch first");
    }
  }
}
