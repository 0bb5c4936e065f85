package io.alignstream.trainer.service;

import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.train.AlignmentAccumulator;
import io.alignstream.trainer.train.DatasetTrainer;
import io.alignstream.trainer.train.ProtocolRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * One curated dataset as the service trains it: its {@link DatasetTrainer} (created from the task's
 * {@link io.alignstream.trainer.train.ModelSpec} on first use, or restored), the next offset per
 * partition of its topic, and its counters; checkpointed together by {@link CheckpointStore}.
 *
 * <p>Threads: the consumer loop sets what it learns (task, manifest, frozen task data) only while no
 * worker holds the run; a worker then runs {@link #process} for a slice of records; the loop waits for
 * all workers before it polls again. Status fields are volatile for the REST threads.
 */
final class DatasetRun {
  private static final Logger LOG = Logger.getLogger(DatasetRun.class);

  /** A record of the dataset's topic, decoded, or why it could not be. */
  record Inbound(ConsumerRecord<byte[], byte[]> record, ScoredSample value, RuntimeException error) {}

  private final String datasetId;
  private final String topic;
  private final TrainerSettings settings;
  private final CheckpointStore store;
  private final OutputProducer output;
  private final TrainerListener listener;
  private final Clock clock;
  private final Runnable progress;

  // Set by the loop between dispatches.
  private volatile String task;
  private volatile String untrainable;
  private volatile DatasetManifest manifest;
  private volatile TaskRegistry.TaskData taskData;
  private volatile boolean awaitingManifest;

  // Owned by the worker that processes the run (and the loop between dispatches).
  private DatasetTrainer trainer;
  // A trainer checkpoint not in memory: a restored dataset until it needs its model, or a complete one
  // whose model was released. Its summary stands in for the trainer in the status.
  private Path dormantDir;
  private DatasetTrainer.Saved dormant;
  private String dormantDevice;
  private Path savedTrainerDir;
  private final Map<Integer, Long> offsets = new HashMap<>();
  private String family;
  private long consumed;
  private long lastEvaluatedSize;
  private long deadLetters;
  private long generation;
  private long sinceCheckpoint;
  private long lastCheckpointMs;
  private boolean dirty;
  private volatile String error;
  private volatile TrainerStatus.Evaluation lastEvaluation;
  private volatile TrainerStatus.Dataset status;

  DatasetRun(String datasetId, String topic, TrainerSettings settings, CheckpointStore store, OutputProducer output,
      TrainerListener listener, Clock clock, Runnable progress) {
    this.datasetId = datasetId;
    this.topic = topic;
    this.settings = settings;
    this.store = store;
    this.output = output;
    this.listener = listener;
    this.clock = clock;
    this.progress = progress;
    this.lastCheckpointMs = clock.millis();
    refreshStatus();
  }

  /**
   * Continues from a checkpoint: offsets, counters and, when the checkpoint has one, the trainer.
   *
   * @param data the task's frozen data (needed when the checkpoint holds a trainer)
   */
  void restore(CheckpointStore.DatasetCheckpoint checkpoint, TaskRegistry.TaskData data) {
    CheckpointStore.DatasetState s = checkpoint.state();
    offsets.putAll(s.offsets());
    family = s.family();
    consumed = s.consumed();
    lastEvaluatedSize = s.lastEvaluatedSize();
    deadLetters = s.deadLetters();
    generation = s.generation();
    if (s.task() != null) {
      assignTask(s.task());
    }
    if (checkpoint.trainerDir() != null) {
      if (data == null) {
        fail(new IllegalStateException("the checkpoint holds a model but task " + s.task()
            + " has no frozen targets in " + store.runDir()));
        return;
      }
      DatasetTrainer.Saved saved = DatasetTrainer.peek(checkpoint.trainerDir());
      if (!saved.runId().equals(settings.runId()) || !saved.datasetId().equals(datasetId)) {
        throw new IllegalArgumentException("the trainer checkpoint in " + checkpoint.trainerDir() + " is of run "
            + saved.runId() + ", dataset " + saved.datasetId() + ", not run " + settings.runId() + ", dataset "
            + datasetId);
      }
      taskData = data;
      // the model stays on disk until the dataset needs it: a complete dataset never loads it again
      dormantDir = checkpoint.trainerDir();
      dormant = saved;
      savedTrainerDir = dormantDir;
    }
    LOG.infof("Dataset %s resumes at D=%d (%d pending, %d records consumed; model loaded when needed), offsets %s",
        datasetId, size(), pending(), consumed, offsets);
    refreshStatus();
  }

  String datasetId() {
    return datasetId;
  }

  String topic() {
    return topic;
  }

  String task() {
    return task;
  }

  /** Fixes the dataset's task (from its manifest or its first sample); a task without a model makes it untrainable. */
  void assignTask(String value) {
    if (task != null) {
      if (!task.equals(value)) {
        LOG.warnf("Dataset %s trains task %s; ignoring task %s", datasetId, task, value);
      }
      return;
    }
    task = value;
    try {
      io.alignstream.trainer.model.ModelKind.forTask(value);
    } catch (IllegalArgumentException e) {
      untrainable = e.getMessage();
    }
    refreshStatus();
  }

  boolean untrainable() {
    return untrainable != null;
  }

  /** Set by the loop while the dataset's partitions are held until its manifest arrives. */
  void awaitingManifest(boolean value) {
    awaitingManifest = value;
    refreshStatus();
  }

  /** Whether the dataset's manifest is known, or its family was checkpointed with it (the manifest may be compacted away). */
  boolean knowsManifest() {
    return manifest != null || family != null;
  }

  boolean hasTaskData() {
    return taskData != null;
  }

  void bind(TaskRegistry.TaskData data) {
    taskData = data;
    refreshStatus();
  }

  void manifest(DatasetManifest m) {
    manifest = m;
    if (m != null) {
      assignTask(m.getTask());
      if (m.getFamily() != null) {
        family = m.getFamily();
      }
    }
    refreshStatus();
  }

  /** The next offset to read of a partition, null when it was never read. */
  Long nextOffset(int partition) {
    return offsets.get(partition);
  }

  boolean failed() {
    return error != null;
  }

  /** Whether the loop should hand the run to a worker even without records: a seal to finish or a checkpoint due. */
  boolean needsAttention(long nowMs) {
    if (error != null) {
      return false;
    }
    return dirty && nowMs - lastCheckpointMs >= settings.checkpointEvery().toMillis() || finalEvaluationDue();
  }

  /**
   * Trains on (or dead-letters) the records in order, publishes the evaluations they complete,
   * finishes a sealed dataset, and checkpoints when due. Any failure other than lost output stops
   * this dataset only (it is reported in the status; a restart retries from its checkpoint).
   *
   * @throws OutputProducer.PublishException when output was lost: the engine stops
   */
  void process(List<Inbound> items) {
    if (error != null) {
      return;
    }
    try {
      for (Inbound in : items) {
        List<TrainingResult> results = handle(in);
        ConsumerRecord<byte[], byte[]> r = in.record();
        offsets.put(r.partition(), r.offset() + 1);
        consumed++;
        sinceCheckpoint++;
        dirty = true;
        if (!results.isEmpty()) {
          publish(results);
        }
        progress.run();
      }
      if (finalEvaluationDue()) {
        finish();
      }
      if (dirty && (sinceCheckpoint >= settings.checkpointEverySamples()
          || clock.millis() - lastCheckpointMs >= settings.checkpointEvery().toMillis())) {
        output.flush();
        checkpoint();
      }
      if (complete() && trainer != null) {
        // nothing more will train: free the model, keep the checkpoint (memory no longer grows with the
        // number of datasets ever trained)
        if (dirty) {
          output.flush();
          checkpoint();
        }
        release();
      }
    } catch (OutputProducer.PublishException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      refreshStatus();
    }
  }

  private List<TrainingResult> handle(Inbound in) {
    if (in.error() != null) {
      deadLetter(in.record(), in.error().getClass().getName(), DeadLetters.messageOf(in.error()), "undecodable");
      return List.of();
    }
    if (untrainable != null) {
      deadLetter(in.record(), "UntrainableSample", untrainable, "untrainable");
      return List.of();
    }
    Sample sample = in.value().getSample();
    DatasetTrainer t = trainer();
    Optional<String> why = t.rejection(sample);
    if (why.isPresent()) {
      deadLetter(in.record(), "UntrainableSample", why.get(), "untrainable");
      return List.of();
    }
    String targetId = manifest == null ? null : manifest.getTargetId();
    long before = t.size();
    List<TrainingResult> results;
    try {
      results = t.accept(sample, AlignmentAccumulator.byMethod(in.value().getScores(), targetId));
    } catch (IllegalStateException e) {
      dropBatch(e); // a non-finite loss: the model is unchanged and the batch cannot be trained on
      results = List.of();
    }
    if (t.size() > before) {
      listener.trained(datasetId, task, t.size() - before);
    }
    return results;
  }

  /** The trainer in memory, loading a dormant checkpoint first; null when the dataset has none yet. */
  private DatasetTrainer loaded() {
    if (trainer == null && dormantDir != null) {
      ProtocolRunner runner = taskData.runner();
      synchronized (runner) {
        trainer = runner.restore(datasetId, dormantDir);
      }
      dormantDir = null;
      dormant = null;
      LOG.infof("Dataset %s: model loaded from its checkpoint at D=%d", datasetId, trainer.size());
    }
    return trainer;
  }

  /** Frees the model of a complete dataset (it stays in its checkpoint, which is current). */
  private void release() {
    if (trainer == null || dirty || savedTrainerDir == null) {
      return;
    }
    dormant = new DatasetTrainer.Saved(datasetId, settings.runId(), trainer.size(), trainer.pending(),
        trainer.model().step());
    dormantDevice = trainer.model().device();
    ProtocolRunner runner = taskData.runner();
    synchronized (runner) {
      runner.release(datasetId);
    }
    trainer = null;
    dormantDir = savedTrainerDir;
    LOG.infof("Dataset %s complete at D=%d: its model is released from memory (kept in its checkpoint)", datasetId,
        dormant.size());
  }

  private DatasetTrainer trainer() {
    if (trainer == null && loaded() == null) {
      ProtocolRunner runner = taskData.runner();
      synchronized (runner) {
        trainer = runner.trainer(datasetId); // a fresh model from the task's one spec
      }
      LOG.infof("Dataset %s (task %s, family %s): %s on %s", datasetId, task, family,
          trainer.model().architecture(), trainer.model().device());
    }
    return trainer;
  }

  private boolean finalEvaluationDue() {
    DatasetManifest m = manifest;
    if (m == null || !m.getSealed() || consumed < m.getSize() || trainer == null && dormant == null
        || error != null) {
      return false;
    }
    return pending() > 0 || size() > 0 && lastEvaluatedSize != size();
  }

  /** Sealed, every record taken, every sample trained on and the final size evaluated. */
  private boolean complete() {
    DatasetManifest m = manifest;
    return error == null && m != null && m.getSealed() && consumed >= m.getSize() && (trainer != null || dormant != null)
        && pending() == 0 && (size() == 0 || lastEvaluatedSize == size());
  }

  /** The dataset is sealed and every record is in: train the rest and evaluate at the final size. */
  private void finish() {
    DatasetTrainer trainer = loaded();
    long before = trainer.size();
    try {
      trainer.flush();
    } catch (IllegalStateException e) {
      dropBatch(e);
    }
    if (trainer.size() > before) {
      listener.trained(datasetId, task, trainer.size() - before);
    }
    if (trainer.size() > 0 && lastEvaluatedSize != trainer.size()) {
      publish(List.of(trainer.evaluateNow()));
    }
  }

  /** Publish, wait for the acknowledgement, then checkpoint: a crash in between repeats the result, never loses it. */
  private void publish(List<TrainingResult> results) {
    for (TrainingResult r : results) {
      r.setFamily(family()); // the task's runner knows no family: it is the dataset's, from its manifest
      output.result(r);
    }
    output.flush();
    TrainingResult last = results.get(results.size() - 1);
    lastEvaluatedSize = last.getSize();
    checkpoint();
    for (TrainingResult r : results) {
      lastEvaluation = new TrainerStatus.Evaluation(r.getSize(), r.getStep(), r.getDownstreamCrossEntropy(),
          Map.copyOf(r.getMetrics()), Map.copyOf(r.getAlignment()), r.getFineTuned(), r.getSamplesPerSecond(),
          r.getWallTimeMs(), r.getEvaluatedTime());
      listener.evaluated(r);
      LOG.infof("Dataset %s evaluated at D=%d: cross-entropy %s, %s", datasetId, r.getSize(),
          r.getDownstreamCrossEntropy(), r.getMetrics());
    }
  }

  private void dropBatch(IllegalStateException cause) {
    List<Sample> dropped = trainer.dropPending();
    LOG.warnf("Dataset %s: dropping a batch of %d samples the model cannot train on: %s", datasetId, dropped.size(),
        cause.getMessage());
    for (Sample s : dropped) {
      DeadLetter letter = DeadLetter.newBuilder()
          .setStage(TrainerEngine.STAGE)
          .setSourceTopic(topic)
          .setSourceRef("dataset " + datasetId + ", sample " + s.getId() + " (Avro single-object encoding)")
          .setOriginalKey(ByteBuffer.wrap(s.getId().getBytes(StandardCharsets.UTF_8)))
          .setOriginalValue(encode(s))
          .setErrorClass(cause.getClass().getName())
          .setErrorMessage("batch of " + dropped.size() + " samples dropped: " + cause.getMessage())
          .setFailedTime(Instant.ofEpochMilli(clock.millis()))
          .build();
      output.deadLetter(s.getId(), letter);
      deadLetters++;
      listener.deadLettered(datasetId, "training-failed");
    }
  }

  private static ByteBuffer encode(Sample s) {
    try {
      return s.toByteBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode sample " + s.getId(), e);
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String errorClass, String reason, String kind) {
    DeadLetter letter = DeadLetters.fromKafka(TrainerEngine.STAGE, record.topic(), record.partition(),
        record.offset(), record.key(), record.value(), record.headers(), errorClass, reason);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    LOG.warnf("Dead-lettering %s-%d@%d of dataset %s: %s", record.topic(), record.partition(), record.offset(),
        datasetId, reason);
    output.deadLetter(key, letter);
    deadLetters++;
    listener.deadLettered(datasetId, kind);
  }

  /** Saves offsets, counters and the trainer as one new generation (output must be flushed first). */
  void checkpoint() {
    long start = clock.millis();
    generation++;
    // a dormant model is loaded first: the new generation must hold it (saving removes the old one)
    savedTrainerDir = store.save(new CheckpointStore.DatasetState(1, datasetId, topic, task, family,
        manifest == null ? null : manifest.getTargetId(), consumed, offsets, lastEvaluatedSize, deadLetters,
        generation, start), loaded());
    dirty = false;
    sinceCheckpoint = 0;
    lastCheckpointMs = clock.millis();
    listener.checkpointed(datasetId, lastCheckpointMs - start);
  }

  /** Whether records were taken since the last checkpoint. */
  boolean dirty() {
    return dirty;
  }

  void fail(Exception e) {
    error = e.toString();
    LOG.errorf(e, "Dataset %s stopped; its partitions are paused until a restart resumes it from its checkpoint",
        datasetId);
    refreshStatus();
  }

  /** The manifest's family; else the one checkpointed with the dataset (the manifest may be compacted away). */
  private String family() {
    DatasetManifest m = manifest;
    return m != null && m.getFamily() != null ? m.getFamily() : family;
  }

  long size() {
    DatasetTrainer t = trainer;
    DatasetTrainer.Saved d = dormant;
    return t != null ? t.size() : d != null ? d.size() : 0;
  }

  private int pending() {
    DatasetTrainer t = trainer;
    DatasetTrainer.Saved d = dormant;
    return t != null ? t.pending() : d != null ? d.pending() : 0;
  }

  TrainerStatus.Dataset status() {
    return status;
  }

  private void refreshStatus() {
    DatasetManifest m = manifest;
    Long sealedSize = m != null && m.getSealed() ? m.getSize() : null;
    DatasetTrainer t = trainer;
    DatasetTrainer.Saved d = dormant;
    String state;
    String waitingFor = null;
    if (error != null) {
      state = "failed";
    } else if (untrainable != null) {
      state = "untrainable";
    } else if (complete()) {
      state = "complete";
    } else if (awaitingManifest) {
      state = "waiting";
      waitingFor = "manifest";
    } else if (taskData == null) {
      state = "waiting";
      waitingFor = "targets";
    } else {
      state = "training";
    }
    status = new TrainerStatus.Dataset(datasetId, task, family(), state, waitingFor, size(), pending(), consumed,
        deadLetters, sealedSize, t != null ? t.model().step() : d != null ? d.step() : 0,
        t != null ? t.model().device() : dormantDevice, t != null, lastEvaluation, error);
  }

}
