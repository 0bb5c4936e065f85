package io.alignstream.trainer.train;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.training.TrainingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of the research protocol over the curated datasets of a task (typically a size ×
 * alignment family): a {@link DatasetTrainer} per dataset, each with a model created from the same
 * {@link ModelSpec} (same architecture, hyper-parameters, seed and preprocessing reference), the same
 * {@link ProtocolConfig} and the same {@link TaskSplits}. Datasets are independent: each has its own
 * model, D and alignment mean. Not thread-safe; datasets may be sharded over several runners.
 */
public final class ProtocolRunner implements AutoCloseable {

  private final ProtocolConfig config;
  private final ModelSpec spec;
  private final TaskSplits splits;
  private final Clock clock;
  private final Map<String, DatasetTrainer> trainers = new TreeMap<>();

  public ProtocolRunner(ProtocolConfig config, ModelSpec spec, TaskSplits splits, Clock clock) {
    this.config = config;
    this.spec = spec;
    this.splits = splits;
    this.clock = clock;
  }

  public ProtocolConfig config() {
    return config;
  }

  /**
   * Passes the next sample of {@code datasetId} (with its alignment scores, method → value) to that
   * dataset's trainer, creating it on first use.
   *
   * @return the results of evaluations this sample completed (none or one)
   * @throws IllegalArgumentException if the sample is rejected
   */
  public List<TrainingResult> accept(String datasetId, Sample sample, Map<String, Double> scores) {
    return trainer(datasetId).accept(sample, scores);
  }

  /** The dataset's trainer, created with a fresh model from the spec if it has none yet. */
  public DatasetTrainer trainer(String datasetId) {
    DatasetTrainer t = trainers.get(datasetId);
    if (t == null) {
      t = new DatasetTrainer(datasetId, spec.create(), config, splits, clock);
      trainers.put(datasetId, t);
    }
    return t;
  }

  public Optional<DatasetTrainer> existing(String datasetId) {
    return Optional.ofNullable(trainers.get(datasetId));
  }

  public Set<String> datasets() {
    return Collections.unmodifiableSet(trainers.keySet());
  }

  /** Saves the dataset's trainer (model, optimizer, counters, pending samples) into {@code dir}. */
  public void checkpoint(String datasetId, Path dir) {
    DatasetTrainer t = trainers.get(datasetId);
    if (t == null) {
      throw new IllegalArgumentException("no dataset " + datasetId + " in run " + config.runId());
    }
    t.checkpoint(dir);
  }

  /** Continues a dataset from its checkpoint, replacing (and closing) any trainer it has here. */
  public DatasetTrainer restore(String datasetId, Path dir) {
    DatasetTrainer t = DatasetTrainer.restore(dir, config, splits, clock);
    if (!t.datasetId().equals(datasetId)) {
      t.close();
      throw new IllegalArgumentException("checkpoint in " + dir + " is of dataset " + t.datasetId() + ", not "
          + datasetId);
    }
    DatasetTrainer previous = trainers.put(datasetId, t);
    if (previous != null) {
      previous.close();
    }
    return t;
  }

  /** Closes the dataset's trainer and forgets it (its model's memory is freed); {@link #restore} brings it back. */
  public void release(String datasetId) {
    DatasetTrainer t = trainers.remove(datasetId);
    if (t != null) {
      t.close();
    }
  }

  /** Closes every dataset's trainer and model. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (DatasetTrainer t : trainers.values()) {
      try {
        t.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    trainers.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
