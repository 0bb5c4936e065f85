package io.alignstream.scorer.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmTest {
  private static MiniLm model;

  @BeforeAll
  static void load() {
    System.setProperty("ai.djl.offline", "true");
    model = MiniLm.load();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void tokenizerGivesBertUncasedIds() {
    WordPieceTokenizer tok = model.tokenizer();
    assertThat(tok.encode("Hello, world!", 16).ids()).containsExactly(101, 7592, 1010, 2088, 999, 102);
    // accents stripped and lower-cased; unknown words split into pieces
    assertThat(tok.pieces("Café")).containsExactly(7668);
    assertThat(tok.pieces("École")).containsExactly(12431);
    assertThat(tok.pieces("unable")).isNotEmpty();
    WordPieceTokenizer.Encoding pair = tok.encode("a b c d e f", "x y", 8);
    assertThat(pair.length()).isEqualTo(8);
    assertThat(pair.types()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
  }

  @Test
  void forwardMatchesOnnxRuntimeOnTheSameFile() throws Exception {
    List<String> texts = List.of("Hello, world!", "The quick brown fox jumps over the lazy dog.",
        "Impossible d'ouvrir le fichier « %s » : %m", "x");
    List<WordPieceTokenizer.Encoding> encodings = texts.stream().map(t -> model.tokenizer().encode(t, 64)).toList();
    MiniLm.Batch batch = MiniLm.Batch.of(encodings, model.tokenizer().padId());
    float[] ours;
    float[][] sentences;
    try (NDManager m = NDManager.newBaseManager()) {
      ours = model.forward(m, batch, null).toFloatArray();
      sentences = model.sentenceEmbeddings(m, batch);
    }
    float[] theirs = onnxRuntime(batch);
    assertThat(ours).hasSameSizeAs(theirs);
    double maxDiff = 0;
    for (int s = 0; s < batch.n(); s++) {
      for (int p = 0; p < batch.lengths()[s]; p++) { // padded positions are not defined outputs
        for (int c = 0; c < MiniLm.HIDDEN; c++) {
          int i = (s * batch.t() + p) * MiniLm.HIDDEN + c;
          maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
        }
      }
    }
    assertThat(maxDiff).isLessThan(2e-4);
    // sentence embeddings are unit vectors
    for (float[] e : sentences) {
      double norm = 0;
      for (float v : e) {
        norm += v * v;
      }
      assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void sentenceEmbeddingOfAFixedSentenceHasItsKnownValue() {
    // Reference values: ONNX Runtime 1.23.2 on the artifact's all-minilm-l6-v2.onnx, mean pooled and
    // L2-normalised (see forwardMatchesOnnxRuntimeOnTheSameFile); they pin the weights' version.
    MiniLm.Batch batch = MiniLm.Batch.of(List.of(model.tokenizer().encode("This is a test.", 64)),
        model.tokenizer().padId());
    float[] e;
    try (NDManager m = NDManager.newBaseManager()) {
      e = model.sentenceEmbeddings(m, batch)[0];
    }
    float[] reference = onnxSentence("This is a test.");
    for (int i = 0; i < e.length; i++) {
      assertThat((double) e[i]).isCloseTo(reference[i], within(1e-4));
    }
  }

  @Test
  void perSampleFisherEqualsOneSampleAtATimeGradients() {
    List<String> texts = List.of("open the file", "Impossible d'ouvrir le fichier", "the the the cat sat on the mat");
    List<WordPieceTokenizer.Encoding> encodings = texts.stream().map(t -> model.tokenizer().encode(t, 32)).toList();
    MiniLm.Batch batch = MiniLm.Batch.of(encodings, model.tokenizer().padId());
    SplittableRandom random = new SplittableRandom(3);
    float[] r = new float[batch.n() * batch.t() * MiniLm.HIDDEN];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) random.nextGaussian();
    }
    float[][] batched;
    try (NDManager m = NDManager.newBaseManager()) {
      MiniLm.Trace trace = model.trace();
      try (GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        NDArray hidden = model.forward(m, batch, trace);
        NDArray weights = m.create(r, hidden.getShape()).mul(m.create(batch.mask(), new Shape(batch.n(), batch.t(), 1)));
        c.backward(hidden.mul(weights).sum());
      }
      batched = noGrad(() -> trace.perSampleFisher(batch));
    }
    List<MiniLm.Block> blocks = model.blocks();
    for (int s = 0; s < batch.n(); s++) {
      float[] plain = plainFisher(encodings.get(s), r, s, batch.t(), blocks);
      assertThat(batched[s]).hasSameSizeAs(plain);
      double scale = 0;
      for (float v : plain) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < plain.length; i++) {
        assertThat((double) batched[s][i]).as("sample %d entry %d", s, i).isCloseTo(plain[i], within(2e-3 * scale + 1e-7));
      }
    }
  }

  /** One sample alone, weights requiring gradient, filter-averaged squared weight gradients. */
  private static float[] plainFisher(WordPieceTokenizer.Encoding e, float[] r, int s, int t, List<MiniLm.Block> blocks) {
    MiniLm.Batch one = MiniLm.Batch.of(List.of(e), model.tokenizer().padId());
    float[] rs = new float[one.t() * MiniLm.HIDDEN];
    System.arraycopy(r, s * t * MiniLm.HIDDEN, rs, 0, rs.length);
    Map<String, NDArray> params = new java.util.HashMap<>();
    for (NDArray p : model.parameters()) {
      params.put(p.getName(), p);
      p.setRequiresGradient(true);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      try (GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        NDArray hidden = model.forward(m, one, null);
        c.backward(hidden.mul(m.create(rs, hidden.getShape())).sum());
      }
      List<Float> out = new ArrayList<>();
      for (MiniLm.Block b : blocks) {
        NDArray g = params.get(b.parameter()).getGradient();
        float[] rows;
        if (g.getShape().dimension() == 1) {
          rows = g.square().toFloatArray();
        } else if (b.parameter().startsWith("embeddings.")) {
          rows = g.square().mean(new int[] {1}).toFloatArray(); // [rows, H]
        } else {
          rows = g.square().mean(new int[] {0}).toFloatArray(); // ONNX layout [in, out]: rows are outputs
        }
        for (float v : rows) {
          out.add(v);
        }
      }
      float[] flat = new float[out.size()];
      for (int i = 0; i < flat.length; i++) {
        flat[i] = out.get(i);
      }
      return flat;
    } finally {
      noGrad(() -> {
        for (NDArray p : model.parameters()) {
          if (p.hasGradient()) {
            NDArray g = p.getGradient();
            g.subi(g); // PyTorch accumulates gradients across backward passes
          }
          p.setRequiresGradient(false);
        }
        return null;
      });
    }
  }

  private static <T> T noGrad(java.util.function.Supplier<T> work) {
    boolean previous = ai.djl.pytorch.jni.JniUtils.isGradMode();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    try {
      return work.get();
    } finally {
      ai.djl.pytorch.jni.JniUtils.setGradMode(previous);
    }
  }

  private static float[] onnxSentence(String text) {
    MiniLm.Batch b = MiniLm.Batch.of(List.of(model.tokenizer().encode(text, 64)), model.tokenizer().padId());
    float[] hidden = onnxRuntime(b);
    float[] mean = new float[MiniLm.HIDDEN];
    for (int p = 0; p < b.t(); p++) {
      for (int c = 0; c < MiniLm.HIDDEN; c++) {
        mean[c] += hidden[p * MiniLm.HIDDEN + c] / b.t();
      }
    }
    double norm = 0;
    for (float v : mean) {
      norm += v * v;
    }
    for (int c = 0; c < mean.length; c++) {
      mean[c] /= (float) Math.sqrt(norm);
    }
    return mean;
  }

  private static float[] onnxRuntime(MiniLm.Batch b) {
    try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(MiniLm.MODEL_RESOURCE)) {
      byte[] bytes = in.readAllBytes();
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions())) {
        long[] mask = new long[b.mask().length];
        for (int i = 0; i < mask.length; i++) {
          mask[i] = (long) b.mask()[i];
        }
        long[] shape = {b.n(), b.t()};
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape);
            OnnxTensor att = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
            OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(b.types()), shape);
            OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", att, "token_type_ids", types))) {
          float[][][] out = (float[][][]) result.get(0).getValue();
          float[] flat = new float[b.n() * b.t() * MiniLm.HIDDEN];
          for (int s = 0; s < b.n(); s++) {
            for (int p = 0; p < b.t(); p++) {
              System.arraycopy(out[s][p], 0, flat, (s * b.t() + p) * MiniLm.HIDDEN, MiniLm.HIDDEN);
            }
          }
          return flat;
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
