package io.alignstream.trainer.service;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.model.HyperParameters;
import io.alignstream.trainer.model.ModelKind;
import io.alignstream.trainer.model.TaskModel;
import io.alignstream.trainer.model.TaskModels;
import io.alignstream.trainer.train.ModelSpec;
import io.alignstream.trainer.train.ProtocolRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The tasks the trainer knows, on the consumer loop's thread: target samples are collected per task
 * (bounded, see {@link TargetCollector}) until the task is needed; then, once it has at least the
 * minimum and the {@code target-samples} topic has been read to its end, its targets are split,
 * frozen and checkpointed, and one {@link ModelSpec} (hyper-parameters, seed, reference) is fixed for
 * every dataset of the task. Until then the task's curated partitions stay paused: nothing is
 * buffered while a task waits.
 */
final class TaskRegistry {
  private static final Logger LOG = Logger.getLogger(TaskRegistry.class);

  /**
   * A frozen task: everything a dataset of it needs to train. The runner creates (and restores) every
   * dataset's trainer from the one spec, config and splits of the task; it is shared by the workers,
   * so it is only used under its own lock.
   */
  record TaskData(TaskTargets targets, ModelKind kind, ModelSpec spec, ProtocolRunner runner) {}

  private final TrainerSettings settings;
  private final CheckpointStore store;
  private final Clock clock;
  private final Map<String, TargetCollector> collecting = new TreeMap<>();
  private final Map<String, TaskData> frozen = new ConcurrentHashMap<>();
  private final Map<String, Set<TopicPartition>> paused = new TreeMap<>();
  private final Set<String> warned = new HashSet<>();
  private volatile List<TrainerStatus.Task> status = List.of();

  TaskRegistry(TrainerSettings settings, CheckpointStore store, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
  }

  /** Takes the tasks frozen by an earlier run of the same run id. */
  void restore(List<TaskTargets> saved) {
    for (TaskTargets t : saved) {
      frozen.put(t.task(), data(t, ModelKind.forTask(t.task())));
      LOG.infof("Task %s: %d reference, %d fine-tune, %d test target samples (from the checkpoint)", t.task(),
          t.reference().size(), t.fineTune().size(), t.test().size());
    }
    refreshStatus();
  }

  /** A TARGET sample read from {@code target-samples}; ignored once its task is frozen. */
  void offer(Sample target) {
    String task = target.getTask();
    if (frozen.containsKey(task)) {
      return;
    }
    try {
      ModelKind.forTask(task);
    } catch (IllegalArgumentException e) {
      return; // a task the trainer has no model for (its datasets are dead-lettered when they come)
    }
    collecting.computeIfAbsent(task, t -> new TargetCollector(settings.maxTargetSamples())).add(target);
  }

  Optional<TaskData> ready(String task) {
    return Optional.ofNullable(frozen.get(task));
  }

  /** The partition waits (paused) for the task to freeze. */
  void pause(String task, TopicPartition partition) {
    if (paused.computeIfAbsent(task, t -> new LinkedHashSet<>()).add(partition)) {
      refreshStatus();
    }
  }

  boolean anyWaiting() {
    return !paused.isEmpty();
  }

  /**
   * Freezes every waiting task that has enough usable targets.
   *
   * @param targetsReadToEnd whether {@code target-samples} has been read up to its end offsets
   * @return the partitions to resume
   */
  List<TopicPartition> freezeWaiting(boolean targetsReadToEnd) {
    if (!targetsReadToEnd) {
      return List.of();
    }
    List<TopicPartition> resume = new ArrayList<>();
    for (String task : List.copyOf(paused.keySet())) {
      if (frozen.containsKey(task) || tryFreeze(task)) {
        resume.addAll(paused.remove(task));
      }
    }
    if (!resume.isEmpty()) {
      refreshStatus();
    }
    return resume;
  }

  private boolean tryFreeze(String task) {
    TargetCollector c = collecting.get(task);
    if (c == null || c.size() < settings.minTargetSamples()) {
      warnOnce(task, "Task %s waits for %d target samples (has %d); its datasets are paused", task,
          settings.minTargetSamples(), c == null ? 0 : c.size());
      return false;
    }
    ModelKind kind = ModelKind.forTask(task);
    List<Sample> usable = new ArrayList<>();
    try (TaskModel probe = TaskModels.create(hyperParameters(kind), settings.seed())) {
      for (Sample s : c.samples()) {
        if (probe.rejection(s).isEmpty()) {
          usable.add(s);
        }
      }
    }
    if (usable.size() < settings.minTargetSamples()) {
      warnOnce(task, "Task %s: only %d of its %d target samples are usable by the %s model; waiting for %d", task,
          usable.size(), c.size(), kind, settings.minTargetSamples());
      return false;
    }
    TaskTargets targets;
    try {
      targets = TaskTargets.split(task, usable, settings.testFraction(), settings.fineTuneFraction());
    } catch (IllegalArgumentException e) {
      warnOnce(task, "Task %s: %s; waiting for more target samples", task, e.getMessage());
      return false;
    }
    store.saveTask(targets);
    frozen.put(task, data(targets, kind));
    collecting.remove(task);
    LOG.infof("Task %s frozen: %d reference, %d fine-tune, %d test target samples (%d usable of %d read)", task,
        targets.reference().size(), targets.fineTune().size(), targets.test().size(), usable.size(), c.seen());
    return true;
  }

  private TaskData data(TaskTargets targets, ModelKind kind) {
    ModelSpec spec = new ModelSpec(hyperParameters(kind), settings.seed(), targets.reference());
    // no family in the config: datasets of several families share the task's runner, and each result
    // gets its dataset's family from the manifest
    ProtocolRunner runner = new ProtocolRunner(settings.protocol(targets.task(), null), spec, targets.splits(), clock);
    return new TaskData(targets, kind, spec, runner);
  }

  /** Closes every task's runner (and with it every dataset's model). */
  void close() {
    for (TaskData d : frozen.values()) {
      synchronized (d.runner()) {
        d.runner().close();
      }
    }
  }

  private HyperParameters hyperParameters(ModelKind kind) {
    return settings.modelSize().hyperParameters(kind, settings.solarFeatures());
  }

  private void warnOnce(String task, String format, Object... args) {
    if (warned.add(task + format)) {
      LOG.warnf(format, args);
    }
  }

  List<TrainerStatus.Task> status() {
    return status;
  }

  private void refreshStatus() {
    Map<String, TrainerStatus.Task> out = new TreeMap<>();
    collecting.forEach((task, c) -> out.put(task, new TrainerStatus.Task(task, "collecting", c.size(), 0, 0, 0,
        paused.getOrDefault(task, Set.of()).size())));
    frozen.forEach((task, d) -> {
      TaskTargets t = d.targets();
      int held = t.test().size() + (t.reference().equals(t.test()) ? 0 : t.reference().size());
      out.put(task, new TrainerStatus.Task(task, "frozen", held, t.reference().size(), t.fineTune().size(),
          t.test().size(), 0));
    });
    paused.forEach((task, parts) -> out.putIfAbsent(task, new TrainerStatus.Task(task, "collecting", 0, 0, 0, 0,
        parts.size())));
    status = List.copyOf(out.values());
  }

  /** Refreshes the collecting counts shown by the status (cheap; called after each poll with targets). */
  void targetsChanged() {
    refreshStatus();
  }
}
