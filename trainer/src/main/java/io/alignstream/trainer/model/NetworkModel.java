package io.alignstream.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.alignstream.schemas.sample.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the three architectures share: named parameters in their own {@link NDManager} on one
 * device, an {@link Adam} optimizer, the step count, per-batch sub-managers and scopes, the
 * JVM-wide autograd lock, and saving/loading through {@link ModelFiles}. Each subclass owns one
 * network (its parameter layout, forward pass and preprocessing).
 */
abstract class NetworkModel implements TaskModel {

  static {
    Devices.requireOffline();
  }

  /** Arrays and counters of a live network. */
  record State(NDManager manager, NDList parameters, Adam adam, long step) {}

  private final long seed;
  private final Device device;
  private final NDManager manager;
  private final NDList parameters;
  private final Adam adam;
  private long step;
  private boolean closed;

  NetworkModel(long seed, Device device, State state) {
    this.seed = seed;
    this.device = device;
    this.manager = state.manager();
    this.parameters = state.parameters();
    this.adam = state.adam();
    this.step = state.step();
    for (NDArray p : parameters) {
      p.setRequiresGradient(true);
    }
  }

  /** A new network initialised from {@code seed}. */
  static State fresh(Device device, List<Parameters.Spec> layout, long seed, HyperParameters hp) {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      NDList params = Parameters.initialise(manager, layout, seed);
      return new State(manager, params, Adam.create(manager, params, hp.learningRate(), hp.gradientClipNorm()), 0);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** A saved network read into {@code manager}, checked against {@code layout}. */
  static State restore(ModelFiles.Contents files, List<Parameters.Spec> layout, HyperParameters hp,
      NDManager manager) {
    Parameters.requireLayout(files.parameters(), layout);
    Adam adam = Adam.restore(files.parameters(), files.optimizer(), files.manifest().step(), hp.learningRate(),
        hp.gradientClipNorm());
    return new State(manager, files.parameters(), adam, files.manifest().step());
  }

  static void requireKind(ModelFiles.Manifest manifest, ModelKind kind) {
    if (manifest.kind() != kind) {
      throw new IllegalArgumentException("saved model is " + manifest.kind() + ", not " + kind);
    }
  }

  /** A deep copy of this network's state in a new manager on the same device. */
  final State copyState() {
    requireOpen();
    NDManager target = NDManager.newBaseManager(device);
    try {
      NDList params = Parameters.copy(target, parameters);
      NDList moments = Parameters.copy(target, adam.state());
      HyperParameters hp = hyperParameters();
      Adam optimizer = Adam.restore(params, moments, step, hp.learningRate(), hp.gradientClipNorm());
      return new State(target, params, optimizer, step);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /** The fitted preprocessing state saved in the manifest; null before fitting. */
  abstract Object preprocessingState();

  // ---- TaskModel ------------------------------------------------------------------------------

  @Override
  public final long seed() {
    return seed;
  }

  @Override
  public final String device() {
    return Devices.label(device);
  }

  @Override
  public final long step() {
    return step;
  }

  @Override
  public final String fingerprint() {
    requireOpen();
    return Parameters.digest(architecture(), parameters);
  }

  @Override
  public final Map<String, float[]> parameterValues() {
    requireOpen();
    return Parameters.values(parameters);
  }

  @Override
  public final void save(Path dir) {
    requireOpen();
    ModelFiles.Manifest manifest = new ModelFiles.Manifest(ModelFiles.FORMAT, kind(), architecture(), seed, step,
        ModelFiles.tree(hyperParameters()), ModelFiles.tree(preprocessingState()));
    ModelFiles.write(dir, manifest, parameters, adam.state());
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }

  // ---- for subclasses ---------------------------------------------------------------------------

  /** Native arrays this model's manager holds (parameters, moments, anything leaked); for tests. */
  final int managedArrays() {
    return manager.getManagedArrays().size();
  }

  final Device deviceObject() {
    return device;
  }

  final NDArray parameter(String name) {
    NDArray p = parameters.get(name);
    if (p == null) {
      throw new IllegalStateException("no parameter " + name);
    }
    return p;
  }

  /** Rejects the batch if any sample is unusable, naming the first offender. */
  final void requireUsable(List<Sample> samples, String what) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("empty " + what);
    }
    for (Sample s : samples) {
      Optional<String> why = rejection(s);
      if (why.isPresent()) {
        throw new IllegalArgumentException(what + " sample " + s.getId() + ": " + why.get());
      }
    }
  }

  /**
   * One optimizer step: forward and backward of {@code loss} under the JVM-wide lock, then Adam.
   * Temporaries live in a per-batch sub-manager and scope.
   *
   * @return the loss before the update
   */
  final double optimise(Function<NDManager, NDArray> loss) {
    requireOpen();
    return Autograd.locked(() -> {
      try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        float value;
        try (GradientCollector collector = Autograd.collector()) {
          NDArray l = loss.apply(m);
          value = l.getFloat();
          if (!Float.isFinite(value)) {
            throw new IllegalStateException("non-finite training loss " + value + " at step " + step
                + "; parameters left unchanged");
          }
          collector.backward(l);
        }
        Autograd.noGrad(() -> {
          adam.step();
          return null;
        });
        step++;
        return (double) value;
      }
    });
  }

  /** Inference with grad mode off; {@code work} must return plain Java values. */
  final <T> T infer(Function<NDManager, T> work) {
    requireOpen();
    return Autograd.noGrad(() -> {
      try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        return work.apply(m);
      }
    });
  }

  final void requireOpen() {
    if (closed) {
      throw new IllegalStateException("model is closed");
    }
  }
}
