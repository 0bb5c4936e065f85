package io.alignstream.trainer.model;

import io.alignstream.schemas.sample.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A downstream model of one family (MT, solar, STEM) as the research protocol drives it: trained
 * one mini-batch at a time on arriving samples, evaluated on a task's test split, copied for
 * fine-tuning, and saved and loaded with its optimizer state.
 *
 * <p>Guarantees: built only from its hyper-parameters and seed (equal inputs give bit-equal
 * parameters), deterministic on the CPU (no dropout, no sampling: the same batches give the same
 * model), and {@link #save}/load resume exactly (a batch trained after a reload gives the same
 * parameters as without it). Data-dependent preprocessing (MT vocabulary, solar standardisation,
 * STEM label scale) is fitted once, by {@link #prepare} on a declared reference or else on the first
 * training batch, and is saved with the model.
 *
 * <p>Not thread-safe: one thread drives one model. Gradient work of all models in the JVM is
 * serialised internally (DJL allows one gradient collector per JVM).
 */
public interface TaskModel extends AutoCloseable {

  ModelKind kind();

  HyperParameters hyperParameters();

  long seed();

  /** One line naming the architecture and its sizes. */
  String architecture();

  /** {@code cpu} or {@code gpu(n)}. */
  String device();

  /** Optimizer steps taken so far (one per {@link #trainBatch}). */
  long step();

  /** Why the sample cannot be used for training or evaluation (wrong payload kind, no label, …). */
  Optional<String> rejection(Sample sample);

  /** Whether the data-dependent preprocessing has been fitted. */
  boolean prepared();

  /**
   * Fits the data-dependent preprocessing on {@code reference} (labels are not needed except for
   * STEM's label scale). Call before the first batch so every dataset of a family shares it.
   *
   * @throws IllegalStateException if already prepared
   * @throws IllegalArgumentException if the reference holds nothing usable
   */
  void prepare(List<Sample> reference);

  /**
   * One optimizer step on {@code batch} (fitting the preprocessing on it first if not prepared).
   *
   * @return the batch's mean training loss before the update (per token for MT)
   * @throws IllegalArgumentException on an empty batch or a rejected sample
   * @throws IllegalStateException when the loss is not finite (the model is left unchanged)
   */
  double trainBatch(List<Sample> batch);

  /**
   * Downstream cross-entropy and metrics on a test split; changes nothing.
   *
   * @throws IllegalArgumentException on an empty split or a rejected sample
   * @throws IllegalStateException if not prepared
   */
  Evaluation evaluate(List<Sample> testSplit);

  /** An independent copy (parameters, optimizer state, step, preprocessing), e.g. to fine-tune. */
  TaskModel copy();

  /** Saves everything needed to resume into directory {@code dir} (replaced atomically). */
  void save(Path dir);

  /** SHA-256 of the architecture line and every parameter's name, shape and values. */
  String fingerprint();

  /** Parameter name → a copy of its values, in parameter order. */
  Map<String, float[]> parameterValues();

  /** Frees the native memory; the model is unusable afterwards. */
  @Override
  void close();
}
