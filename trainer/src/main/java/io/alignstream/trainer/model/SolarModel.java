package io.alignstream.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.metrics.ConfusionMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Solar-flare forecasting: an MLP {@code d → h1 → h2 → 1} (ReLU hidden layers, logistic output)
 * over {@link FeatureStandardizer}-standardised signed-log SHARP features, trained with
 * class-weighted binary cross-entropy on the label ({@code label > 0.5} = M/X flare within 24 h).
 *
 * <p>Class weights: fixed ({@link SolarHyperParameters#positiveWeight()} for positives, 1 for
 * negatives) or balanced from the class counts of every training sample so far (flares are rare,
 * and a batch may hold none). Evaluation: unweighted binary cross-entropy (nats per sample) and, at
 * the threshold, TSS, HSS2 and accuracy from a {@link ConfusionMatrix}.
 */
public final class SolarModel extends NetworkModel {

  static final String HIDDEN1_W = "hidden1.weight";
  static final String HIDDEN1_B = "hidden1.bias";
  static final String HIDDEN2_W = "hidden2.weight";
  static final String HIDDEN2_B = "hidden2.bias";
  static final String OUTPUT_W = "output.weight";
  static final String OUTPUT_B = "output.bias";

  /**
   * What is saved besides the arrays.
   *
   * @param standardizer the fitted feature standardisation
   * @param positives positive training samples so far
   * @param negatives negative training samples so far
   */
  public record Preprocessing(FeatureStandardizer standardizer, long positives, long negatives) {}

  private final SolarHyperParameters hp;
  private FeatureStandardizer standardizer;
  private long positives;
  private long negatives;

  private SolarModel(SolarHyperParameters hp, long seed, Device device, State state, Preprocessing pre) {
    super(seed, device, state);
    this.hp = hp;
    if (pre != null) {
      this.standardizer = pre.standardizer();
      this.positives = pre.positives();
      this.negatives = pre.negatives();
    }
  }

  public static SolarModel create(SolarHyperParameters hp, long seed) {
    return create(hp, seed, Devices.best());
  }

  public static SolarModel create(SolarHyperParameters hp, long seed, Device device) {
    return new SolarModel(hp, seed, device, fresh(device, layout(hp), seed, hp), null);
  }

  public static SolarModel load(Path dir) {
    return load(dir, Devices.best());
  }

  public static SolarModel load(Path dir, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      ModelFiles.Contents files = ModelFiles.read(dir, manager);
      requireKind(files.manifest(), ModelKind.SOLAR);
      SolarHyperParameters hp = ModelFiles.convert(files.manifest().hyperParameters(), SolarHyperParameters.class);
      Preprocessing pre = files.manifest().preprocessing() == null ? null
          : ModelFiles.convert(files.manifest().preprocessing(), Preprocessing.class);
      return new SolarModel(hp, files.manifest().seed(), device, restore(files, layout(hp), hp, manager), pre);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  static List<Parameters.Spec> layout(SolarHyperParameters hp) {
    long d = hp.features().size();
    long h1 = hp.hidden1();
    long h2 = hp.hidden2();
    return List.of(
        new Parameters.Spec(HIDDEN1_W, new Shape(h1, d), Parameters.Init.GAUSSIAN, Math.sqrt(2.0 / d)),
        new Parameters.Spec(HIDDEN1_B, new Shape(h1), Parameters.Init.ZERO, 0),
        new Parameters.Spec(HIDDEN2_W, new Shape(h2, h1), Parameters.Init.GAUSSIAN, Math.sqrt(2.0 / h1)),
        new Parameters.Spec(HIDDEN2_B, new Shape(h2), Parameters.Init.ZERO, 0),
        new Parameters.Spec(OUTPUT_W, new Shape(1, h2), Parameters.Init.GAUSSIAN, Math.sqrt(1.0 / h2)),
        new Parameters.Spec(OUTPUT_B, new Shape(1), Parameters.Init.ZERO, 0));
  }

  @Override
  public ModelKind kind() {
    return ModelKind.SOLAR;
  }

  @Override
  public SolarHyperParameters hyperParameters() {
    return hp;
  }

  @Override
  public String architecture() {
    return "MLP " + hp.features().size() + " -> " + hp.hidden1() + " -> " + hp.hidden2()
        + " -> 1 (ReLU, logistic) over signed-log1p z-scored features " + hp.features();
  }

  @Override
  public Optional<String> rejection(Sample sample) {
    Optional<String> input = inputRejection(sample);
    if (input.isPresent()) {
      return input;
    }
    Double label = ((Features) sample.getPayload()).getLabel();
    if (label == null || !Double.isFinite(label)) {
      return Optional.of("features without a label");
    }
    return Optional.empty();
  }

  private static Optional<String> inputRejection(Sample sample) {
    if (!(sample.getPayload() instanceof Features f)) {
      return Optional.of("solar needs a Features payload, got "
          + (sample.getPayload() == null ? "none" : sample.getPayload().getClass().getSimpleName()));
    }
    if (f.getNames().size() != f.getValues().size()) {
      return Optional.of("features have " + f.getNames().size() + " names but " + f.getValues().size() + " values");
    }
    return Optional.empty();
  }

  @Override
  public boolean prepared() {
    return standardizer != null;
  }

  /** Fits the standardisation on the reference's feature payloads (labels not needed). */
  @Override
  public void prepare(List<Sample> reference) {
    if (standardizer != null) {
      throw new IllegalStateException("solar standardisation already fitted");
    }
    List<Features> features = new ArrayList<>();
    for (Sample s : reference) {
      if (inputRejection(s).isEmpty()) {
        features.add((Features) s.getPayload());
      }
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("solar standardisation reference holds no usable features");
    }
    standardizer = FeatureStandardizer.fit(hp.features(), features);
  }

  /** The fitted standardisation, empty before {@link #prepare} or the first batch. */
  public Optional<FeatureStandardizer> standardizer() {
    return Optional.ofNullable(standardizer);
  }

  @Override
  public double trainBatch(List<Sample> batch) {
    requireUsable(batch, "training");
    if (standardizer == null) {
      prepare(batch);
    }
    int b = batch.size();
    float[] y = labels(batch);
    long batchPositives = 0;
    for (float v : y) {
      batchPositives += (long) v;
    }
    long p = positives + batchPositives;
    long n = negatives + b - batchPositives;
    double wPositive = 1;
    double wNegative = 1;
    if (hp.positiveWeight() > 0) {
      wPositive = hp.positiveWeight();
    } else if (p > 0 && n > 0) {
      wPositive = (p + n) / (2.0 * p);
      wNegative = (p + n) / (2.0 * n);
    }
    float[] w = new float[b];
    for (int i = 0; i < b; i++) {
      w[i] = (float) (y[i] > 0.5f ? wPositive : wNegative);
    }
    float[] x = inputs(batch);
    double loss = optimise(m -> {
      NDArray z = logits(m, x, b);
      return crossEntropy(z, m.create(y)).mul(m.create(w)).mean();
    });
    positives = p;
    negatives = n;
    return loss;
  }

  @Override
  public Evaluation evaluate(List<Sample> testSplit) {
    requireUsable(testSplit, "test");
    requirePrepared();
    int b = testSplit.size();
    float[] x = inputs(testSplit);
    float[] y = labels(testSplit);
    double[] out = infer(m -> {
      NDArray z = logits(m, x, b);
      float[] probabilities = Activation.sigmoid(z).toFloatArray();
      double[] r = new double[b + 1];
      for (int i = 0; i < b; i++) {
        r[i] = probabilities[i];
      }
      r[b] = crossEntropy(z, m.create(y)).mean().getFloat();
      return r;
    });
    boolean[] predicted = new boolean[b];
    boolean[] actual = new boolean[b];
    for (int i = 0; i < b; i++) {
      predicted[i] = out[i] >= hp.threshold();
      actual[i] = y[i] > 0.5f;
    }
    ConfusionMatrix cm = ConfusionMatrix.of(predicted, actual);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("TSS", cm.tss());
    metrics.put("HSS2", cm.hss2());
    metrics.put("accuracy", cm.accuracy());
    return new Evaluation(b, out[b], metrics);
  }

  /** Flare probabilities of the samples (labels not needed). */
  public double[] predictProbabilities(List<Sample> samples) {
    requirePrepared();
    for (Sample s : samples) {
      Optional<String> why = inputRejection(s);
      if (why.isPresent()) {
        throw new IllegalArgumentException("sample " + s.getId() + ": " + why.get());
      }
    }
    int b = samples.size();
    float[] x = inputs(samples);
    float[] p = infer(m -> Activation.sigmoid(logits(m, x, b)).toFloatArray());
    double[] out = new double[b];
    for (int i = 0; i < b; i++) {
      out[i] = p[i];
    }
    return out;
  }

  @Override
  public SolarModel copy() {
    return new SolarModel(hp, seed(), deviceObject(), copyState(), (Preprocessing) preprocessingState());
  }

  @Override
  Object preprocessingState() {
    return standardizer == null ? null : new Preprocessing(standardizer, positives, negatives);
  }

  // ---- the network --------------------------------------------------------------------------

  /** Logits {@code [b]}. */
  private NDArray logits(NDManager m, float[] x, int b) {
    NDArray input = m.create(x, new Shape(b, hp.features().size()));
    NDArray h1 = Activation.relu(input.matMul(parameter(HIDDEN1_W).transpose()).add(parameter(HIDDEN1_B)));
    NDArray h2 = Activation.relu(h1.matMul(parameter(HIDDEN2_W).transpose()).add(parameter(HIDDEN2_B)));
    return h2.matMul(parameter(OUTPUT_W).transpose()).add(parameter(OUTPUT_B)).reshape(b);
  }

  /** Per-sample binary cross-entropy from logits, stable: {@code max(z,0) − z·y + log(1 + e^−|z|)}. */
  private static NDArray crossEntropy(NDArray z, NDArray y) {
    return z.maximum(0).sub(z.mul(y)).add(z.abs().neg().exp().add(1).log());
  }

  private float[] inputs(List<Sample> samples) {
    int d = hp.features().size();
    float[] x = new float[samples.size() * d];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(standardizer.encode((Features) samples.get(i).getPayload()), 0, x, i * d, d);
    }
    return x;
  }

  private static float[] labels(List<Sample> samples) {
    float[] y = new float[samples.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = ((Features) samples.get(i).getPayload()).getLabel() > 0.5 ? 1f : 0f;
    }
    return y;
  }

  private void requirePrepared() {
    if (standardizer == null) {
      throw new IllegalStateException("solar model has no standardisation yet: prepare it or train a batch first");
    }
  }
}
