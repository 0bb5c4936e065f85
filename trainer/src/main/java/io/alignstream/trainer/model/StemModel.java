package io.alignstream.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.metrics.RegressionMetrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Electron microscopy: a small CNN regressing the particle diameter from an {@code Image}.
 *
 * <p>Network on the {@link ImagePreprocessor}'s {@code S×S} per-image-standardised input: 3×3
 * convolution ({@code F1}, padding 1) → ReLU → 2×2 max pool → 3×3 convolution ({@code F2}) → ReLU →
 * 2×2 max pool → dense ({@code D}, ReLU) → 1. The output is the standardised diameter in input
 * pixels, {@code (label / inputPixelSize − μ) / σ}, with μ and σ fitted once (reference or first
 * batch) and saved; predictions convert back to Ångström, so images of another pixel size are
 * measured in their own scale. Loss: L1 or MSE on the standardised target. Evaluation: MAE
 * (Ångström) and mean relative error via {@link RegressionMetrics}, and the test loss; a
 * regression has no cross-entropy.
 */
public final class StemModel extends NetworkModel {

  static final String CONV1_W = "conv1.weight";
  static final String CONV1_B = "conv1.bias";
  static final String CONV2_W = "conv2.weight";
  static final String CONV2_B = "conv2.bias";
  static final String DENSE_W = "dense.weight";
  static final String DENSE_B = "dense.bias";
  static final String OUTPUT_W = "output.weight";
  static final String OUTPUT_B = "output.bias";
  static final int EVALUATION_CHUNK = 256;

  /**
   * The target scale, saved with the model.
   *
   * @param mean mean diameter of the reference in input pixels
   * @param std its standard deviation (1 if constant)
   */
  public record LabelScale(double mean, double std) {}

  private final StemHyperParameters hp;
  private final ImagePreprocessor preprocessor;
  private LabelScale scale;

  private StemModel(StemHyperParameters hp, long seed, Device device, State state, LabelScale scale) {
    super(seed, device, state);
    this.hp = hp;
    this.preprocessor = new ImagePreprocessor(hp.inputSize());
    this.scale = scale;
  }

  public static StemModel create(StemHyperParameters hp, long seed) {
    return create(hp, seed, Devices.best());
  }

  public static StemModel create(StemHyperParameters hp, long seed, Device device) {
    return new StemModel(hp, seed, device, fresh(device, layout(hp), seed, hp), null);
  }

  public static StemModel load(Path dir) {
    return load(dir, Devices.best());
  }

  public static StemModel load(Path dir, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      ModelFiles.Contents files = ModelFiles.read(dir, manager);
      requireKind(files.manifest(), ModelKind.STEM);
      StemHyperParameters hp = ModelFiles.convert(files.manifest().hyperParameters(), StemHyperParameters.class);
      LabelScale scale = files.manifest().preprocessing() == null ? null
          : ModelFiles.convert(files.manifest().preprocessing(), LabelScale.class);
      return new StemModel(hp, files.manifest().seed(), device, restore(files, layout(hp), hp, manager), scale);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  static List<Parameters.Spec> layout(StemHyperParameters hp) {
    long f1 = hp.conv1Filters();
    long f2 = hp.conv2Filters();
    long flat = f2 * (hp.inputSize() / 4) * (hp.inputSize() / 4);
    long d = hp.denseSize();
    return List.of(
        new Parameters.Spec(CONV1_W, new Shape(f1, 1, 3, 3), Parameters.Init.GAUSSIAN, Math.sqrt(2.0 / 9)),
        new Parameters.Spec(CONV1_B, new Shape(f1), Parameters.Init.ZERO, 0),
        new Parameters.Spec(CONV2_W, new Shape(f2, f1, 3, 3), Parameters.Init.GAUSSIAN, Math.sqrt(2.0 / (9 * f1))),
        new Parameters.Spec(CONV2_B, new Shape(f2), Parameters.Init.ZERO, 0),
        new Parameters.Spec(DENSE_W, new Shape(d, flat), Parameters.Init.GAUSSIAN, Math.sqrt(2.0 / flat)),
        new Parameters.Spec(DENSE_B, new Shape(d), Parameters.Init.ZERO, 0),
        new Parameters.Spec(OUTPUT_W, new Shape(1, d), Parameters.Init.GAUSSIAN, Math.sqrt(1.0 / d)),
        new Parameters.Spec(OUTPUT_B, new Shape(1), Parameters.Init.ZERO, 0));
  }

  @Override
  public ModelKind kind() {
    return ModelKind.STEM;
  }

  @Override
  public StemHyperParameters hyperParameters() {
    return hp;
  }

  @Override
  public String architecture() {
    int s = hp.inputSize();
    return "CNN on " + s + "x" + s + " per-image-standardised crops: conv3x3(" + hp.conv1Filters()
        + ") ReLU maxpool2, conv3x3(" + hp.conv2Filters() + ") ReLU maxpool2, dense(" + hp.denseSize()
        + ") ReLU, linear diameter in input pixels; " + hp.loss() + " loss";
  }

  @Override
  public Optional<String> rejection(Sample sample) {
    Optional<String> input = inputRejection(sample);
    if (input.isPresent()) {
      return input;
    }
    Double label = ((Image) sample.getPayload()).getLabel();
    if (label == null || !(label > 0) || Double.isInfinite(label)) {
      return Optional.of("image without a positive diameter label");
    }
    return Optional.empty();
  }

  private static Optional<String> inputRejection(Sample sample) {
    if (!(sample.getPayload() instanceof Image im)) {
      return Optional.of("STEM needs an Image payload, got "
          + (sample.getPayload() == null ? "none" : sample.getPayload().getClass().getSimpleName()));
    }
    return ImagePreprocessor.rejection(im);
  }

  @Override
  public boolean prepared() {
    return scale != null;
  }

  /** Fits the diameter scale (input pixels) on the reference's labelled images. */
  @Override
  public void prepare(List<Sample> reference) {
    if (scale != null) {
      throw new IllegalStateException("STEM label scale already fitted");
    }
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (Sample s : reference) {
      if (rejection(s).isEmpty()) {
        double t = target((Image) s.getPayload());
        sum += t;
        sumSq += t * t;
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("STEM label-scale reference holds no labelled images");
    }
    double mean = sum / n;
    double var = n < 2 ? 0 : Math.max(0, (sumSq - n * mean * mean) / (n - 1));
    scale = new LabelScale(mean, var > 1e-12 ? Math.sqrt(var) : 1.0);
  }

  public Optional<LabelScale> labelScale() {
    return Optional.ofNullable(scale);
  }

  @Override
  public double trainBatch(List<Sample> batch) {
    requireUsable(batch, "training");
    if (scale == null) {
      prepare(batch);
    }
    int b = batch.size();
    float[] x = inputs(batch);
    float[] y = standardisedTargets(batch);
    return optimise(m -> loss(forward(m, x, b), m.create(y)).mean());
  }

  @Override
  public Evaluation evaluate(List<Sample> testSplit) {
    requireUsable(testSplit, "test");
    requirePrepared();
    float[] z = standardisedPredictions(testSplit);
    float[] y = standardisedTargets(testSplit);
    double lossSum = 0;
    double[] predicted = new double[z.length];
    double[] actual = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      double error = (double) z[i] - y[i];
      lossSum += hp.loss() == StemHyperParameters.Loss.L1 ? Math.abs(error) : error * error;
      Image im = (Image) testSplit.get(i).getPayload();
      predicted[i] = toAngstrom(z[i], im);
      actual[i] = im.getLabel();
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("MAE", RegressionMetrics.meanAbsoluteError(predicted, actual));
    metrics.put("relativeError", RegressionMetrics.meanRelativeError(predicted, actual));
    metrics.put("testLoss", lossSum / z.length);
    return new Evaluation(z.length, null, metrics);
  }

  /** Estimated diameters in Ångström (labels not needed). */
  public double[] predictDiameters(List<Sample> samples) {
    requirePrepared();
    for (Sample s : samples) {
      Optional<String> why = inputRejection(s);
      if (why.isPresent()) {
        throw new IllegalArgumentException("sample " + s.getId() + ": " + why.get());
      }
    }
    float[] z = standardisedPredictions(samples);
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = toAngstrom(z[i], (Image) samples.get(i).getPayload());
    }
    return out;
  }

  @Override
  public StemModel copy() {
    return new StemModel(hp, seed(), deviceObject(), copyState(), scale);
  }

  @Override
  Object preprocessingState() {
    return scale;
  }

  // ---- the network --------------------------------------------------------------------------

  /** Standardised predictions {@code [b]}. */
  private NDArray forward(NDManager m, float[] x, int b) {
    int s = hp.inputSize();
    NDArray input = m.create(x, new Shape(b, 1, s, s));
    Shape unit = new Shape(1, 1);
    Shape two = new Shape(2, 2);
    NDArray a1 = Activation.relu(Conv2d.conv2d(input, parameter(CONV1_W), parameter(CONV1_B), unit, unit, unit, 1)
        .singletonOrThrow());
    NDArray p1 = Pool.maxPool2d(a1, two, two, new Shape(0, 0), false);
    NDArray a2 = Activation.relu(Conv2d.conv2d(p1, parameter(CONV2_W), parameter(CONV2_B), unit, unit, unit, 1)
        .singletonOrThrow());
    NDArray flat = Pool.maxPool2d(a2, two, two, new Shape(0, 0), false).reshape(b, -1);
    NDArray dense = Activation.relu(flat.matMul(parameter(DENSE_W).transpose()).add(parameter(DENSE_B)));
    return dense.matMul(parameter(OUTPUT_W).transpose()).add(parameter(OUTPUT_B)).reshape(b);
  }

  /** Network outputs in chunks of {@link #EVALUATION_CHUNK} images (bounds native memory). */
  private float[] standardisedPredictions(List<Sample> samples) {
    float[] out = new float[samples.size()];
    for (int from = 0; from < samples.size(); from += EVALUATION_CHUNK) {
      List<Sample> chunk = samples.subList(from, Math.min(samples.size(), from + EVALUATION_CHUNK));
      float[] x = inputs(chunk);
      float[] z = infer(m -> forward(m, x, chunk.size()).toFloatArray());
      System.arraycopy(z, 0, out, from, z.length);
    }
    return out;
  }

  private double toAngstrom(float standardised, Image im) {
    return (standardised * scale.std() + scale.mean()) * preprocessor.inputPixelSize(im);
  }

  private NDArray loss(NDArray predicted, NDArray target) {
    NDArray error = predicted.sub(target);
    return hp.loss() == StemHyperParameters.Loss.L1 ? error.abs() : error.square();
  }

  private float[] inputs(List<Sample> samples) {
    int px = hp.inputSize() * hp.inputSize();
    float[] x = new float[samples.size() * px];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(preprocessor.encode((Image) samples.get(i).getPayload()), 0, x, i * px, px);
    }
    return x;
  }

  private float[] standardisedTargets(List<Sample> samples) {
    float[] y = new float[samples.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) ((target((Image) samples.get(i).getPayload()) - scale.mean()) / scale.std());
    }
    return y;
  }

  /** The diameter in input pixels. */
  private double target(Image im) {
    return im.getLabel() / preprocessor.inputPixelSize(im);
  }

  private void requirePrepared() {
    if (scale == null) {
      throw new IllegalStateException("STEM model has no label scale yet: prepare it or train a batch first");
    }
  }
}
