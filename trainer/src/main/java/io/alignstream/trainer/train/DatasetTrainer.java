package io.alignstream.trainer.train;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.model.Evaluation;
import io.alignstream.trainer.model.TaskModel;
import io.alignstream.trainer.model.TaskModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The research protocol for one curated dataset: a single pass over its arriving samples (each
 * trained on once, in arrival order), mini-batches of the configured size, and an evaluation
 * exactly when the number of samples trained on, D, reaches each configured size (a batch is cut
 * short there, so D is exact). At each size it optionally fine-tunes a copy of the model on the
 * task's fine-tune split, evaluates on the test split, and returns a {@code TrainingResult}.
 *
 * <p>Result fields: {@code size} = D; {@code alignment} = mean score per method over the D samples
 * ({@link AlignmentAccumulator}); {@code step} = optimizer steps of the dataset's model (fine-tuning
 * steps on the copy not counted); {@code upstreamLoss} = mean training loss (each batch's loss
 * before its update, i.e. on samples not yet trained on, weighted by batch size) over the samples
 * since the previous evaluation; {@code downstreamCrossEntropy} and {@code metrics} from
 * {@link Evaluation}; {@code wallTimeMs} = time spent training, fine-tuning and evaluating in this
 * run so far (waiting for samples excluded); {@code samplesPerSecond} = D / training time.
 *
 * <p>Samples wait in a pending batch until it is full. {@link #checkpoint} saves the model with
 * its optimizer state, the counters and the pending samples (Avro, with their scores), so a
 * consumer can commit the offsets of every sample it has passed to {@link #accept} once the
 * checkpoint is written; {@link #restore} continues exactly where the checkpoint left off. Not
 * thread-safe: one thread drives one dataset.
 */
public final class DatasetTrainer implements AutoCloseable {

  private record PendingSample(Sample sample, Map<String, Double> alignment) {}

  private final String datasetId;
  private final TaskModel model;
  private final ProtocolConfig config;
  private final TaskSplits splits;
  private final Clock clock;
  private final List<PendingSample> pending = new ArrayList<>();
  private final AlignmentAccumulator alignment;
  private long size;
  private double intervalLossSum;
  private long intervalSamples;
  private double lastUpstreamLoss = Double.NaN;
  private long trainNanos;
  private long otherNanos;
  private boolean closed;

  /**
   * @param model a fresh (or restored) model; the trainer owns and closes it
   */
  public DatasetTrainer(String datasetId, TaskModel model, ProtocolConfig config, TaskSplits splits, Clock clock) {
    this(datasetId, model, config, splits, clock, new AlignmentAccumulator());
  }

  private DatasetTrainer(String datasetId, TaskModel model, ProtocolConfig config, TaskSplits splits, Clock clock,
      AlignmentAccumulator alignment) {
    this.datasetId = datasetId;
    this.model = model;
    this.config = config;
    this.splits = splits;
    this.clock = clock;
    this.alignment = alignment;
  }

  public String datasetId() {
    return datasetId;
  }

  /** The dataset's model (owned by this trainer). */
  public TaskModel model() {
    return model;
  }

  /** D: samples trained on so far. */
  public long size() {
    return size;
  }

  /** Samples accepted but not yet trained on. */
  public int pending() {
    return pending.size();
  }

  /** Mean alignment per method of the D samples trained on. */
  public Map<String, Double> meanAlignment() {
    return alignment.means();
  }

  /** Why {@link #accept} would refuse the sample: another task, or a payload the model cannot use. */
  public Optional<String> rejection(Sample sample) {
    if (!config.task().equals(sample.getTask())) {
      return Optional.of("sample of task " + sample.getTask() + " in a " + config.task() + " run");
    }
    return model.rejection(sample);
  }

  /**
   * Takes the next sample of the dataset with its alignment scores (method → value).
   *
   * @return the results of the evaluations this sample completed: none, or one when D reaches a
   *     configured size
   * @throws IllegalArgumentException if the sample is rejected ({@link #rejection}); nothing changes
   */
  public List<TrainingResult> accept(Sample sample, Map<String, Double> scores) {
    requireOpen();
    Optional<String> why = rejection(sample);
    if (why.isPresent()) {
      throw new IllegalArgumentException("dataset " + datasetId + ", sample " + sample.getId() + ": " + why.get());
    }
    pending.add(new PendingSample(sample, new HashMap<>(scores)));
    long target = config.nextEvaluationSize(size);
    if (pending.size() < config.batchSize() && size + pending.size() < target) {
      return List.of();
    }
    trainPending();
    return size == target ? List.of(evaluate()) : List.of();
  }

  /** Trains on the pending samples now (e.g. when the dataset is sealed), without evaluating. */
  public void flush() {
    requireOpen();
    if (!pending.isEmpty()) {
      trainPending();
    }
  }

  /**
   * Drops the pending samples without training on them and returns them. For a batch the model
   * cannot train on: when {@link #accept} or {@link #flush} fails with a non-finite loss the model is
   * unchanged and the batch stays pending, so without this every later sample would retry (and grow)
   * the same failing batch.
   */
  public List<Sample> dropPending() {
    requireOpen();
    List<Sample> dropped = pending.stream().map(PendingSample::sample).toList();
    pending.clear();
    return dropped;
  }

  /**
   * Flushes, then evaluates at the current D whether or not it is a configured size (e.g. the
   * final size of a sealed dataset).
   */
  public TrainingResult evaluateNow() {
    flush();
    return evaluate();
  }

  private void trainPending() {
    List<Sample> batch = pending.stream().map(PendingSample::sample).toList();
    long t0 = System.nanoTime();
    double loss = model.trainBatch(batch);
    trainNanos += System.nanoTime() - t0;
    for (PendingSample p : pending) {
      alignment.add(p.alignment());
    }
    size += batch.size();
    intervalLossSum += loss * batch.size();
    intervalSamples += batch.size();
    pending.clear();
  }

  private TrainingResult evaluate() {
    long t0 = System.nanoTime();
    boolean fineTune = config.fineTuneSteps() > 0 && !splits.fineTune().isEmpty();
    Evaluation e;
    if (fineTune) {
      try (TaskModel tuned = model.copy()) {
        List<Sample> data = splits.fineTune();
        int b = Math.min(config.fineTuneBatchSize(), data.size());
        for (int k = 0; k < config.fineTuneSteps(); k++) {
          int from = (int) ((long) k * b % data.size());
          List<Sample> batch = new ArrayList<>(data.subList(from, Math.min(data.size(), from + b)));
          if (batch.size() < b) {
            batch.addAll(data.subList(0, b - batch.size())); // wrap around the split
          }
          tuned.trainBatch(batch);
        }
        e = tuned.evaluate(splits.test());
      }
    } else {
      e = model.evaluate(splits.test());
    }
    otherNanos += System.nanoTime() - t0;
    if (intervalSamples > 0) {
      lastUpstreamLoss = intervalLossSum / intervalSamples;
      intervalLossSum = 0;
      intervalSamples = 0;
    }
    double trainSeconds = trainNanos / 1e9;
    return TrainingResult.newBuilder()
        .setRunId(config.runId())
        .setDatasetId(datasetId)
        .setTask(config.task())
        .setFamily(config.family())
        .setSize(size)
        .setAlignment(new HashMap<>(alignment.means()))
        .setStep(model.step())
        .setUpstreamLoss(lastUpstreamLoss)
        .setDownstreamCrossEntropy(e.crossEntropy())
        .setMetrics(new HashMap<>(e.metrics()))
        .setFineTuned(fineTune)
        .setDevice(model.device())
        .setWallTimeMs((trainNanos + otherNanos) / 1_000_000)
        .setSamplesPerSecond(trainSeconds > 0 ? size / trainSeconds : 0)
        .setEvaluatedTime(clock.instant())
        .build();
  }

  // ---- checkpoints ------------------------------------------------------------------------------

  /** The saved counters and pending samples ({@code trainer.json} next to the {@code model/} directory). */
  record Checkpoint(int format, String datasetId, String runId, long size, double intervalLossSum,
      long intervalSamples, double lastUpstreamLoss, long trainNanos, long otherNanos,
      AlignmentAccumulator.State alignment, List<SavedSample> pending, long step) {}

  /**
   * What a checkpoint holds, read without loading the model ({@link #peek}).
   *
   * @param step the optimizer step (0 in checkpoints written before it was recorded)
   */
  public record Saved(String datasetId, String runId, long size, int pending, long step) {}

  /**
   * @param avro the sample in Avro single-object encoding, base64
   * @param alignment its scores
   */
  record SavedSample(String avro, Map<String, Double> alignment) {}

  static final String MODEL_DIR = "model";
  static final String STATE_FILE = "trainer.json";

  /** Saves everything needed to resume into {@code dir} (replaced atomically). */
  public void checkpoint(Path dir) {
    requireOpen();
    List<SavedSample> saved = new ArrayList<>();
    for (PendingSample p : pending) {
      try {
        ByteBuffer bytes = p.sample().toByteBuffer();
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        saved.add(new SavedSample(Base64.getEncoder().encodeToString(raw), new TreeMap<>(p.alignment())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode pending sample " + p.sample().getId(), e);
      }
    }
    Checkpoint c = new Checkpoint(1, datasetId, config.runId(), size, intervalLossSum, intervalSamples,
        lastUpstreamLoss, trainNanos, otherNanos, alignment.state(), saved, model.step());
    Checkpoints.replace(dir, tmp -> {
      model.save(tmp.resolve(MODEL_DIR));
      Checkpoints.JSON.writeValue(tmp.resolve(STATE_FILE).toFile(), c);
    });
  }

  /** D, pending samples and step of a checkpoint, without loading its model. */
  public static Saved peek(Path dir) {
    try {
      Checkpoint c = Checkpoints.JSON.readValue(dir.resolve(STATE_FILE).toFile(), Checkpoint.class);
      return new Saved(c.datasetId(), c.runId(), c.size(), c.pending() == null ? 0 : c.pending().size(), c.step());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trainer checkpoint in " + dir, e);
    }
  }

  /**
   * A trainer continuing from {@link #checkpoint}: same model, optimizer state, D, counters and
   * pending samples.
   *
   * @throws IllegalArgumentException if the checkpoint belongs to another run
   */
  public static DatasetTrainer restore(Path dir, ProtocolConfig config, TaskSplits splits, Clock clock) {
    Checkpoint c;
    try {
      c = Checkpoints.JSON.readValue(dir.resolve(STATE_FILE).toFile(), Checkpoint.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trainer checkpoint in " + dir, e);
    }
    if (!config.runId().equals(c.runId())) {
      throw new IllegalArgumentException("checkpoint in " + dir + " is of run " + c.runId() + ", not "
          + config.runId());
    }
    TaskModel model = TaskModels.load(dir.resolve(MODEL_DIR));
    DatasetTrainer t = new DatasetTrainer(c.datasetId(), model, config, splits, clock,
        AlignmentAccumulator.restore(c.alignment()));
    t.size = c.size();
    t.intervalLossSum = c.intervalLossSum();
    t.intervalSamples = c.intervalSamples();
    t.lastUpstreamLoss = c.lastUpstreamLoss();
    t.trainNanos = c.trainNanos();
    t.otherNanos = c.otherNanos();
    try {
      for (SavedSample s : c.pending()) {
        Sample sample = Sample.fromByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(s.avro())));
        t.pending.add(new PendingSample(sample, new HashMap<>(s.alignment())));
      }
    } catch (IOException e) {
      model.close();
      throw new UncheckedIOException("cannot decode a pending sample in " + dir, e);
    }
    return t;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("trainer of dataset " + datasetId + " is closed");
    }
  }
}
