package io.alignstream.trainer.service;

import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.trainer.model.Devices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The trainer without its framework: one plain {@link KafkaConsumer} on one loop thread reads
 * {@code target-samples} and {@code datasets} from the beginning and the curated-dataset topics from
 * their checkpointed offsets, and hands each poll's records, per dataset, to a pool of
 * {@code workers} threads that train, evaluate, publish and checkpoint ({@link DatasetRun}).
 *
 * <p>Partitions are assigned by hand, not by a consumer group: every curated topic matching the
 * catalogue's pattern (and {@code datasetInclude}; in {@code MANIFEST} selection only announced
 * datasets) is looked up every {@code discoverEvery}, and its new partitions are added and sought to
 * the dataset's checkpointed next offset (the beginning without one). No offsets are committed to
 * Kafka; the checkpoint is the only source of truth, so there are no rebalances and a restart never
 * trains a sample twice or skips one. Scale out by giving instances disjoint {@code datasetInclude}
 * patterns (and checkpoint directories). Only committed records are read ({@code read_committed}).
 *
 * <p>A new dataset trains once its manifest is known (its first records can arrive before the curator's
 * first manifest; results must carry the family, and alignment means the manifest's target) or
 * {@code manifestWait} has passed, and once its task is frozen ({@link TaskRegistry}); until then its
 * partitions are paused at the first record waiting, so nothing is buffered. The loop waits for the workers before it
 * polls again; at most {@code maxPollRecords} records are in memory outside the pending batches.
 *
 * <p>Lost output ({@link OutputProducer.PublishException}: a send not acknowledged, the registry
 * unreachable when encoding) ends the session: the engine drops everything it holds in memory and starts
 * again in-process from the checkpoints after a growing pause (1 s doubling to 30 s), exactly as a
 * process restart would; readiness is DOWN meanwhile. A failure inside one dataset stops only that
 * dataset; any other failure of the loop stops the engine until the process restarts.
 */
public final class TrainerEngine implements AutoCloseable {
  public static final String STAGE = "trainer";
  private static final Logger LOG = Logger.getLogger(TrainerEngine.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long MAX_BACKOFF_MS = 5000;

  private final TopicCatalogue topics;
  private final TrainerSettings settings;
  private final TrainerListener listener;
  private final Clock clock;
  private final Map<String, Object> consumerConfig;
  private final CheckpointStore store;
  private final Map<String, Object> kafkaConfig;
  // replaced by each in-process restart (a session); read by the REST threads
  private volatile OutputProducer output;
  private volatile TaskRegistry tasks;
  private volatile int restarts;
  private final RecordDecoder decoder;
  private final ExecutorService workers;
  private final Map<String, DatasetRun> runs = new ConcurrentHashMap<>();
  private final Map<String, DatasetManifest> manifests = new HashMap<>();
  /** Datasets whose partitions are paused until their manifest arrives: the deadline, and the partitions. */
  private final Map<String, Long> manifestDeadlines = new HashMap<>();
  private final Map<String, Set<TopicPartition>> awaitingManifest = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean graceful = true;
  private volatile boolean started;
  private volatile long lastProgressMs;
  private volatile String fatal;
  private volatile String device;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private long nextDiscovery;
  private long backoffMs;
  private boolean registryTrouble;

  /**
   * @param kafkaConfig client settings (bootstrap.servers at least); isolation, offsets and
   *     deserializers are set here
   */
  public TrainerEngine(TopicCatalogue topics, Map<String, Object> kafkaConfig, TrainerSettings settings,
      TrainerListener listener, Clock clock) {
    this.topics = topics;
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put("client.id", settings.clientId() + "-reader");
    config.put("isolation.level", "read_committed");
    config.put("enable.auto.commit", false);
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", settings.maxPollRecords());
    config.remove("group.id");
    this.consumerConfig = Map.copyOf(config);
    this.store = new CheckpointStore(settings.checkpointDir(), settings.runId());
    this.kafkaConfig = Map.copyOf(kafkaConfig);
    this.output = new OutputProducer(kafkaConfig, settings.clientId(), topics.trainingResults(), topics.deadLetters());
    this.tasks = new TaskRegistry(settings, store, clock);
    this.decoder = new RecordDecoder(topics);
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
      Thread t = new Thread(r, settings.clientId() + "-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::run, settings.clientId() + "-loop");
    this.thread.setDaemon(true);
  }

  public void start() {
    lastProgressMs = clock.millis();
    started = true;
    thread.start();
  }

  public TrainerSettings settings() {
    return settings;
  }

  /** Ready: the loop runs, has not failed, and made progress within {@code maxPollAge}. */
  public boolean ready() {
    return started && thread.isAlive() && fatal == null
        && clock.millis() - lastProgressMs <= settings.maxPollAge().toMillis();
  }

  public TrainerStatus status() {
    List<TrainerStatus.Dataset> datasets = runs.values().stream().map(DatasetRun::status)
        .sorted(Comparator.comparing(TrainerStatus.Dataset::datasetId)).toList();
    return new TrainerStatus(settings.runId(), started && thread.isAlive(), fatal, device,
        clock.millis() - lastProgressMs, restarts, tasks.status(), datasets);
  }

  private void progress() {
    lastProgressMs = clock.millis();
  }

  // ---- the loop ---------------------------------------------------------------------------------

  private void run() {
    long pauseMs = 0;
    while (running) {
      try {
        session();
        return;
      } catch (OutputProducer.PublishException e) {
        // output was lost: what the datasets hold in memory may be ahead of what was published, so start
        // again from the checkpoints (publish, flush, checkpoint: nothing checkpointed was lost)
        restarts++;
        pauseMs = Math.min(30_000, Math.max(1_000, pauseMs * 2));
        fatal = e.toString();
        LOG.errorf("Output was lost (%s); starting again from the checkpoints in %d ms (restart %d)", e.getMessage(),
            pauseMs, restarts);
        resetSession();
        sleep(pauseMs);
      }
    }
  }

  /** Forgets everything held in memory; the next session rebuilds it from the checkpoints and the topics. */
  private void resetSession() {
    runs.clear(); // their models were closed with the task runners (tasks.close() in the session's finally)
    manifests.clear();
    manifestDeadlines.clear();
    awaitingManifest.clear();
    nextDiscovery = 0;
    backoffMs = 0;
    registryTrouble = false;
    OutputProducer old = output;
    output = new OutputProducer(kafkaConfig, settings.clientId(), topics.trainingResults(), topics.deadLetters());
    old.close();
    tasks = new TaskRegistry(settings, store, clock);
  }

  /** Reads and trains until stopped; throws when output was lost. */
  private void session() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      // PyTorch starts here, never on a worker: its thread setting (ai.djl.pytorch.num_threads) binds only the
      // thread that starts it, so every model is trained on threads that compute alike
      device = Devices.label(Devices.best());
      LOG.infof("Models run on %s", device);
      restoreCheckpoints();
      if (restarts > 0) {
        fatal = null;
        LOG.infof("Restart %d: every dataset resumed from its checkpoint", restarts);
      }
      PartitionAssignment partitions = new PartitionAssignment(c, topics, settings, clock);
      while (running) {
        try {
          partitions.assignContextTopics();
          break;
        } catch (RetriableException e) {
          brokerAway(e, "looking up " + topics.targetSamples().name() + " and " + topics.datasets().name());
          sleep(backoffMs);
        }
      }
      LOG.infof("Reading %s and %s from the beginning; curated topics matching %s once the manifests are read",
          topics.targetSamples().name(), topics.datasets().name(), topics.curatedPattern());
      while (running) {
        if (backoffMs > 0) {
          sleep(backoffMs);
        }
        try {
          step(c, partitions);
        } catch (RetriableException e) {
          // The broker is away for longer than a client call waits (a restart, an outage): nothing was
          // changed by the call that failed, so keep the assignment and positions and try again.
          brokerAway(e, "reading");
        }
      }
      if (graceful) {
        checkpointAll();
      }
    } catch (WakeupException e) {
      if (running) {
        fail(e);
      } else if (graceful) {
        checkpointAll();
      }
    } catch (OutputProducer.PublishException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(e);
    } catch (Error e) {
      // e.g. out of direct memory while restoring many datasets' models: say so in the status and readiness
      fatal = e.toString();
      LOG.errorf(e, "The trainer loop stopped on an error; a restart resumes every dataset from its checkpoint");
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new IllegalStateException("interrupted", e));
    } finally {
      tasks.close();
    }
  }

  /** Grows the pause before the next try (0.2 s doubling to 5 s) after a broker call timed out, and says so. */
  private void brokerAway(RetriableException e, String what) {
    backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(200, backoffMs * 2));
    LOG.warnf("The broker did not answer while %s (%s); trying again in %d ms", what, e.toString(), backoffMs);
  }

  /** One turn of the loop: discovery, a poll, the workers, pauses. */
  private void step(KafkaConsumer<byte[], byte[]> c, PartitionAssignment partitions) throws InterruptedException {
    if (partitions.manifestsReplayed() && clock.millis() >= nextDiscovery) {
      List<TopicPartition> added;
      try {
        added = partitions.discoverCurated(manifests::containsKey);
      } catch (RetriableException e) {
        // The broker is away for a while (a restart): nothing was assigned yet, so look again at the
        // next discovery instead of stopping the loop for good.
        LOG.warnf("Looking for curated topics failed (%s); trying again in %s", e, settings.discoverEvery());
        added = List.of();
      }
      position(c, added);
      nextDiscovery = clock.millis() + settings.discoverEvery().toMillis();
    }
    ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
    progress();
    Map<DatasetRun, List<DatasetRun.Inbound>> work = route(c, records);
    releaseManifestWaits(c);
    if (tasks.anyWaiting()) {
      resume(c, tasks.freezeWaiting(partitions.targetsReadToEnd()));
    }
    long now = clock.millis();
    runs.values().stream().filter(r -> r.needsAttention(now)).forEach(r -> work.putIfAbsent(r, List.of()));
    dispatch(work);
    partitions.pauseDatasets(id -> runs.containsKey(id) && runs.get(id).failed());
  }

  private void fail(Exception e) {
    fatal = e.toString();
    LOG.errorf(e, "The trainer loop stopped; a restart resumes every dataset from its checkpoint");
  }

  private void restoreCheckpoints() {
    tasks.restore(store.loadTasks());
    for (CheckpointStore.DatasetCheckpoint cp : store.loadAll()) {
      String id = cp.state().datasetId();
      String topic = topics.curated(id).name();
      if (!topic.equals(cp.state().topic())) {
        LOG.warnf("Ignoring the checkpoint of dataset %s: it is of topic %s, not %s", id, cp.state().topic(), topic);
        continue;
      }
      DatasetRun run = newRun(id);
      try {
        run.restore(cp, cp.state().task() == null ? null : tasks.ready(cp.state().task()).orElse(null));
      } catch (RuntimeException e) {
        run.fail(e);
      }
    }
  }

  private DatasetRun newRun(String datasetId) {
    return runs.computeIfAbsent(datasetId, id -> new DatasetRun(id, topics.curated(id).name(), settings, store, output,
        listener, clock, this::progress));
  }

  /**
   * Positions newly assigned curated partitions: at the dataset's checkpointed next offset, else the
   * beginning; paused when the dataset failed or its task waits for targets.
   */
  private void position(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> added) {
    for (TopicPartition tp : added) {
      DatasetRun run = newRun(topics.datasetIdOf(tp.topic()));
      DatasetManifest m = manifests.get(run.datasetId());
      if (m != null) {
        run.manifest(m);
      }
      Long next = run.nextOffset(tp.partition());
      if (next != null) {
        c.seek(tp, next);
      } else {
        c.seekToBeginning(List.of(tp));
      }
      if (run.failed()) {
        c.pause(List.of(tp));
      } else if (run.task() != null && !run.untrainable() && !run.hasTaskData()) {
        tasks.ready(run.task()).ifPresentOrElse(run::bind, () -> {
          c.pause(List.of(tp));
          tasks.pause(run.task(), tp);
        });
      }
      LOG.infof("Training dataset %s from %s (%s)", run.datasetId(), tp, next == null ? "the beginning"
          : "checkpointed offset " + next);
    }
  }

  /** Splits a poll by topic: targets and manifests are taken here, curated records become work per dataset. */
  private Map<DatasetRun, List<DatasetRun.Inbound>> route(KafkaConsumer<byte[], byte[]> c,
      ConsumerRecords<byte[], byte[]> records) {
    Map<DatasetRun, List<DatasetRun.Inbound>> work = new LinkedHashMap<>();
    boolean targetsRead = false;
    registryTrouble = false;
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      if (tp.topic().equals(topics.targetSamples().name())) {
        for (ConsumerRecord<byte[], byte[]> r : list) {
          Sample s = decoder.context(topics.targetSamples(), r);
          if (s != null) {
            tasks.offer(s);
          }
        }
        targetsRead = true;
      } else if (tp.topic().equals(topics.datasets().name())) {
        list.forEach(this::manifest);
      } else {
        routeCurated(c, tp, list, runs.get(topics.datasetIdOf(tp.topic())), work);
      }
    }
    if (targetsRead) {
      tasks.targetsChanged();
    }
    backoffMs = registryTrouble ? Math.min(MAX_BACKOFF_MS, Math.max(200, backoffMs * 2)) : 0;
    return work;
  }

  private void routeCurated(KafkaConsumer<byte[], byte[]> c, TopicPartition tp,
      List<ConsumerRecord<byte[], byte[]>> list, DatasetRun run, Map<DatasetRun, List<DatasetRun.Inbound>> work) {
    for (ConsumerRecord<byte[], byte[]> r : list) {
      if (run.failed()) {
        c.seek(tp, r.offset());
        c.pause(List.of(tp));
        return;
      }
      if (awaitsManifest(run)) {
        c.seek(tp, r.offset()); // read again once the manifest is known: nothing is buffered
        c.pause(List.of(tp));
        awaitingManifest.computeIfAbsent(run.datasetId(), k -> new HashSet<>()).add(tp);
        run.awaitingManifest(true);
        return;
      }
      DatasetRun.Inbound in;
      try {
        in = decoder.curated(r);
      } catch (RegistryException e) {
        c.seek(tp, r.offset()); // not the record's fault: read it again after a pause
        registryTrouble = true;
        LOG.warnf("Schema registry unreachable decoding %s@%d; retrying after a pause: %s", tp, r.offset(),
            e.getMessage());
        return;
      }
      if (run.task() == null && in.value() != null) {
        run.assignTask(in.value().getSample().getTask());
      }
      if (in.value() != null && !run.untrainable() && !run.hasTaskData()) {
        var data = tasks.ready(run.task());
        if (data.isEmpty()) {
          c.seek(tp, r.offset()); // read again when the task's targets are frozen: nothing is buffered
          c.pause(List.of(tp));
          tasks.pause(run.task(), tp);
          return;
        }
        run.bind(data.get());
      }
      work.computeIfAbsent(run, k -> new ArrayList<>()).add(in);
    }
  }

  /** True while a dataset without a known manifest is within its {@code manifestWait}. */
  private boolean awaitsManifest(DatasetRun run) {
    if (run.knowsManifest() || settings.manifestWait().isZero()) {
      return false;
    }
    long now = clock.millis();
    long deadline = manifestDeadlines.computeIfAbsent(run.datasetId(), id -> now + settings.manifestWait().toMillis());
    return now < deadline;
  }

  /** Resumes the datasets whose manifest arrived, or whose wait for it is over. */
  private void releaseManifestWaits(KafkaConsumer<byte[], byte[]> c) {
    if (awaitingManifest.isEmpty()) {
      return;
    }
    long now = clock.millis();
    for (var it = awaitingManifest.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Set<TopicPartition>> e = it.next();
      DatasetRun run = runs.get(e.getKey());
      boolean known = run.knowsManifest();
      if (known || now >= manifestDeadlines.get(e.getKey())) {
        if (known) {
          manifestDeadlines.remove(e.getKey()); // a timed-out dataset keeps its deadline: it never waits again
        } else {
          LOG.warnf("Dataset %s: no manifest on %s within %s; training without one (its results carry no family)",
              e.getKey(), topics.datasets().name(), settings.manifestWait());
        }
        c.resume(e.getValue());
        run.awaitingManifest(false);
        it.remove();
      }
    }
  }

  private void manifest(ConsumerRecord<byte[], byte[]> r) {
    String id = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (id == null) {
      return;
    }
    if (r.value() == null) {
      manifests.remove(id); // a tombstone
      return;
    }
    DatasetManifest m = decoder.context(topics.datasets(), r);
    if (m == null) {
      return;
    }
    boolean fresh = manifests.put(id, m) == null;
    DatasetRun run = runs.get(id);
    if (run != null) {
      run.manifest(m);
    } else if (fresh && settings.selection() == TrainerSettings.DatasetSelection.MANIFEST) {
      nextDiscovery = 0; // a new dataset was announced: look for its topic now
    }
  }

  /** The task of these partitions froze: bind their datasets to it and read on. */
  private void resume(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      DatasetRun run = runs.get(topics.datasetIdOf(tp.topic()));
      tasks.ready(run.task()).ifPresent(run::bind);
    }
    c.resume(partitions);
  }

  private void dispatch(Map<DatasetRun, List<DatasetRun.Inbound>> work) throws InterruptedException {
    if (work.isEmpty()) {
      return;
    }
    List<Callable<Void>> jobs = new ArrayList<>();
    work.forEach((run, items) -> jobs.add(() -> {
      run.process(items);
      return null;
    }));
    for (Future<Void> f : workers.invokeAll(jobs)) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** On a graceful stop: saves every dataset with records taken since its last checkpoint. */
  private void checkpointAll() {
    List<DatasetRun> dirty = runs.values().stream().filter(r -> r.dirty() && !r.failed()).toList();
    if (dirty.isEmpty()) {
      return;
    }
    output.flush();
    for (DatasetRun r : dirty) {
      try {
        r.checkpoint();
      } catch (RuntimeException e) {
        LOG.errorf(e, "Final checkpoint of dataset %s failed; it resumes from its previous one", r.datasetId());
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops after the work in hand, checkpoints every dataset, and frees the models. */
  @Override
  public void close() {
    stop(true);
  }

  /**
   * Stops after the work in hand without the final checkpoints, as a crash would leave things: the
   * records taken since each dataset's last checkpoint are read and trained on again by the next start.
   */
  public void halt() {
    stop(false);
  }

  private void stop(boolean checkpoint) {
    graceful = checkpoint;
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (started) {
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdownNow();
    output.close();
  }
}
