package io.alignstream.scorer.coefficient.service;

import io.alignstream.schemas.dataset.DatasetAlignment;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.dsir.HashedNgrams;
import io.alignstream.scorer.text.ScoringText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The scorer's coefficient service: the paper's batch coefficient of every window of the scored stream
 * and of every curated dataset, computed outside Kafka Streams (seconds to minutes of work each), so no
 * stream thread waits for it.
 *
 * <ul>
 *   <li>targets: {@code target-samples} read from the start at every start, a uniform reservoir of
 *       {@code targetReservoir} payloads per target;
 *   <li>windows: {@code samples-scored} (read committed, consumer group {@code
 *       <prefix>alignstream-scorer-coefficients}) into {@link WindowBook}; a closed window goes to the
 *       worker, which publishes one {@code alignment-windows} record per target and method. Offsets are
 *       committed only below the first offset of every open or in-flight window, so a restart re-reads
 *       what was not yet published (the compacted topic keeps one record per window key);
 *   <li>datasets: manifests from {@code datasets} (from the start) and the coefficients already on
 *       {@code dataset-alignment}; a dataset is computed once it has a batch, again when it has doubled,
 *       and when it seals, by reading the first {@code size} records of {@code curated-<dataset>}.
 * </ul>
 *
 * One poll thread owns the books; one worker thread computes and publishes. With more than one scorer
 * instance each computes the windows of its own partitions (one record per key, the last one wins):
 * run the service on one instance per stack for whole windows (issue 16).
 */
public final class CoefficientService implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CoefficientService.class);
  private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);
  private static final Duration DATASET_CHECK_EVERY = Duration.ofSeconds(2);

  /** What the service tells metrics. */
  public interface Listener {
    void windows(String status, int records);

    void datasets(int records);

    void failed(String what, Exception e);

    Listener NONE = new Listener() {
      @Override
      public void windows(String status, int records) {}

      @Override
      public void datasets(int records) {}

      @Override
      public void failed(String what, Exception e) {}
    };
  }

  private final KafkaClientProperties kafka;
  private final TopicCatalogue topics;
  private final Function<String, Set<String>> methodsOfTask;
  private final CoefficientSettings settings;
  private final Listener listener;
  private final CoefficientComputer computer;
  private final WindowBook windows;
  private final Map<String, Reservoir<Object>> targets = new HashMap<>();
  private final Map<String, String> taskOfTarget = new HashMap<>();
  private final Map<String, DsirCounts> raw = new HashMap<>();
  private final Map<String, DatasetManifest> manifests = new HashMap<>();
  /** datasetId|targetId -> {size, sealed?1:0} of the last published coefficient. */
  private final Map<String, long[]> computed = new ConcurrentHashMap<>();
  private final Set<String> datasetsQueued = ConcurrentHashMap.newKeySet();
  private final Map<WindowBook.Window, Boolean> inFlight = new ConcurrentHashMap<>();
  /** The stage named in this service's dead letters. */
  static final String STAGE = "scorer";
  private final AtomicInteger queued = new AtomicInteger();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "coefficients-worker"));
  private final AtomicReference<Exception> lastError = new AtomicReference<>();
  private volatile boolean running;
  private volatile long lastPollMs;
  private Thread poller;
  private KafkaConsumer<String, byte[]> scored;
  private KafkaConsumer<String, byte[]> tables;
  private KafkaProducer<String, byte[]> producer;

  public CoefficientService(KafkaClientProperties kafka, TopicCatalogue topics, Function<String, Set<String>> methodsOfTask,
      CoefficientSettings settings, Path cacheDir, Listener listener) {
    this.kafka = kafka;
    this.topics = topics;
    this.methodsOfTask = methodsOfTask;
    this.settings = settings;
    this.listener = listener;
    this.computer = new CoefficientComputer(settings, cacheDir);
    this.windows = new WindowBook(settings.window(), settings.windowGrace(), settings.windowReservoir());
  }

  public synchronized void start() {
    String prefix = topics.settings().prefix();
    Map<String, Object> consumer = Map.of("isolation.level", "read_committed", "enable.auto.commit", false,
        "auto.offset.reset", "earliest", "max.poll.records", 2000);
    scored = new KafkaConsumer<>(kafka.config(withGroup(consumer, prefix + "alignstream-scorer-coefficients")),
        new StringDeserializer(), new ByteArrayDeserializer());
    tables = new KafkaConsumer<>(kafka.config(consumer), new StringDeserializer(), new ByteArrayDeserializer());
    producer = new KafkaProducer<>(kafka.config(Map.of("acks", "all", "enable.idempotence", true, "linger.ms", 5,
        "client.id", prefix + "alignstream-scorer-coefficients")), new StringSerializer(), new ByteArraySerializer());
    running = true;
    poller = daemon(this::loop, "coefficients-poll");
    poller.start();
  }

  private static Map<String, Object> withGroup(Map<String, Object> config, String group) {
    Map<String, Object> c = new HashMap<>(config);
    c.put("group.id", group);
    return c;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Whether the poll loop is alive and polled recently. */
  public boolean healthy() {
    return running && poller != null && poller.isAlive() && System.currentTimeMillis() - lastPollMs < 60_000;
  }

  public Exception lastError() {
    return lastError.get();
  }

  public int queuedJobs() {
    return queued.get();
  }

  // ---- the poll thread ---------------------------------------------------------------------------

  private void loop() {
    long lastCommit = System.currentTimeMillis();
    long lastDatasetCheck = 0;
    try {
      assignTables();
      scored.subscribe(List.of(topics.samplesScored().name()));
      while (running) {
        lastPollMs = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> r : tables.poll(Duration.ofMillis(20))) {
          table(r);
        }
        for (ConsumerRecord<String, byte[]> r : scored.poll(Duration.ofMillis(200))) {
          scored(r);
        }
        long now = System.currentTimeMillis();
        for (WindowBook.Closed c : windows.closeDue(now)) {
          close(c);
        }
        if (settings.datasets() && now - lastDatasetCheck >= DATASET_CHECK_EVERY.toMillis()) {
          lastDatasetCheck = now;
          queueDueDatasets();
        }
        if (now - lastCommit >= COMMIT_EVERY.toMillis()) {
          lastCommit = now;
          commit();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      lastError.set(e);
      listener.failed("poll loop", e);
      LOG.errorf(e, "The coefficient service stopped: %s", e.getMessage());
      running = false;
    }
  }

  private void assignTables() {
    List<TopicPartition> parts = new ArrayList<>();
    for (String topic : List.of(topics.targetSamples().name(), topics.datasets().name(), topics.datasetAlignment().name())) {
      tables.partitionsFor(topic, Duration.ofSeconds(60))
          .forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
    }
    tables.assign(parts);
    tables.seekToBeginning(parts);
  }

  private void table(ConsumerRecord<String, byte[]> r) {
    try {
      if (r.value() == null) {
        return;
      }
      if (r.topic().equals(topics.targetSamples().name())) {
        Sample s = topics.targetSamples().valueSerde().deserializer().deserialize(r.topic(), r.value());
        targets.computeIfAbsent(r.key(), k -> new Reservoir<>(settings.targetReservoir(), k.hashCode())).add(s.getPayload());
        taskOfTarget.put(r.key(), s.getTask());
      } else if (r.topic().equals(topics.datasets().name())) {
        DatasetManifest m = topics.datasets().valueSerde().deserializer().deserialize(r.topic(), r.value());
        manifests.put(m.getDatasetId(), m);
      } else {
        DatasetAlignment a = topics.datasetAlignment().valueSerde().deserializer().deserialize(r.topic(), r.value());
        computed.merge(a.getDatasetId() + "|" + a.getTargetId(), new long[] {a.getDatasetSize(), a.getSealed() ? 1 : 0},
            (x, y) -> y[0] >= x[0] ? y : x);
      }
    } catch (RuntimeException e) {
      undecodable(r, e);
    }
  }

  private void scored(ConsumerRecord<String, byte[]> r) {
    ScoredSample s;
    try {
      s = topics.samplesScored().valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      undecodable(r, e);
      return;
    }
    if (s == null || s.getSample().getRole() != Role.POOL) {
      return;
    }
    String text = ScoringText.of(s.getSample().getPayload());
    if (text != null) {
      raw.computeIfAbsent(s.getSample().getTask(), k -> new DsirCounts()).add(HashedNgrams.of(text));
    }
    if (settings.windows()) {
      windows.add(s, r.partition(), r.offset(), System.currentTimeMillis());
    }
  }

  private void close(WindowBook.Closed c) {
    String task = c.window().key.task();
    List<CoefficientComputer.TargetSample> ts = targetsOf(task);
    Set<String> methods = methodsOfTask.apply(task);
    if (ts.isEmpty()) {
      return; // no target of the task: its samples were not scored either
    }
    int batch = settings.coefficient().batchSize();
    if (c.window().n < batch) {
      // no number either way: said at once, without a place in the worker's queue
      publishWindows(computer.meansOnly(c, ts, methods, "TOO_SMALL",
          c.window().n + " samples, fewer than one batch of " + batch + ": per-sample means only"));
      return;
    }
    if (queued.get() >= settings.maxQueued()) {
      publishWindows(computer.meansOnly(c, ts, methods, "BUSY",
          queued.get() + " windows were waiting for their coefficient: per-sample means only"));
      return;
    }
    DsirCounts rawCopy = copy(raw.get(task));
    inFlight.put(c.window(), true);
    queued.incrementAndGet();
    worker.submit(() -> {
      try {
        publishWindows(computer.window(c, ts, methods, rawCopy));
      } catch (RuntimeException e) {
        lastError.set(e);
        listener.failed("window " + c.window().key, e);
        LOG.errorf(e, "No coefficient for window %s: %s", c.window().key, e.getMessage());
      } finally {
        queued.decrementAndGet();
        inFlight.remove(c.window());
      }
    });
  }

  private List<CoefficientComputer.TargetSample> targetsOf(String task) {
    List<CoefficientComputer.TargetSample> out = new ArrayList<>();
    taskOfTarget.forEach((target, t) -> {
      if (t.equals(task)) {
        Reservoir<Object> r = targets.get(target);
        out.add(new CoefficientComputer.TargetSample(target, r.seen(), r.snapshot()));
      }
    });
    return out;
  }

  private static DsirCounts copy(DsirCounts c) {
    return c == null ? new DsirCounts() : DsirCounts.fromBytes(c.toBytes());
  }

  private void queueDueDatasets() {
    for (DatasetManifest m : manifests.values()) {
      String targetId = m.getTargetId() != null ? m.getTargetId() : m.getTask() + "/default";
      Reservoir<Object> r = targets.get(targetId);
      if (r == null || m.getSize() < 1 || datasetsQueued.contains(m.getDatasetId())) {
        continue;
      }
      long[] last = computed.get(m.getDatasetId() + "|" + targetId);
      boolean due;
      if (last == null) {
        due = m.getSize() >= settings.coefficient().batchSize() || m.getSealed();
      } else {
        due = (m.getSealed() && (last[1] == 0 || last[0] != m.getSize())) || m.getSize() >= 2 * last[0];
      }
      if (!due) {
        continue;
      }
      datasetsQueued.add(m.getDatasetId());
      CoefficientComputer.TargetSample target = new CoefficientComputer.TargetSample(targetId, r.seen(), r.snapshot());
      Set<String> methods = methodsOfTask.apply(m.getTask());
      queued.incrementAndGet();
      worker.submit(() -> {
        try {
          List<Object> payloads = readDataset(m);
          List<DatasetAlignment> records = computer.dataset(m, target, payloads, methods);
          publishDatasets(records);
          computed.put(m.getDatasetId() + "|" + targetId, new long[] {m.getSize(), m.getSealed() ? 1 : 0});
        } catch (Exception e) {
          lastError.set(e);
          listener.failed("dataset " + m.getDatasetId(), e);
          LOG.errorf(e, "No coefficient for dataset %s: %s", m.getDatasetId(), e.getMessage());
        } finally {
          queued.decrementAndGet();
          datasetsQueued.remove(m.getDatasetId());
        }
      });
    }
  }

  /** The payloads of the first {@code size} records of a curated topic (read committed). */
  private List<Object> readDataset(DatasetManifest m) {
    List<Object> payloads = new ArrayList<>();
    Map<String, Object> config = Map.of("isolation.level", "read_committed", "enable.auto.commit", false,
        "max.poll.records", 2000);
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.config(config), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(m.getTopic(), Duration.ofSeconds(30)).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.currentTimeMillis() + 120_000;
      while (payloads.size() < m.getSize() && System.currentTimeMillis() < deadline && !atEnd(c, end)) {
        ConsumerRecords<String, byte[]> batch = c.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> r : batch) {
          if (payloads.size() >= m.getSize() || r.value() == null) {
            continue;
          }
          try {
            payloads.add(topics.curated(m.getDatasetId()).valueSerde().deserializer().deserialize(r.topic(), r.value())
                .getSample().getPayload());
          } catch (RuntimeException e) {
            undecodable(r, e);
          }
        }
      }
    }
    return payloads;
  }

  private static boolean atEnd(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void commit() {
    Set<TopicPartition> assigned = scored.assignment();
    if (assigned.isEmpty()) {
      return;
    }
    Map<Integer, Long> held = new HashMap<>(windows.heldOffsets());
    for (WindowBook.Window w : inFlight.keySet()) {
      w.firstOffsets.forEach((p, o) -> held.merge(p, o, Math::min));
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : assigned) {
      long position = scored.position(tp);
      offsets.put(tp, new OffsetAndMetadata(Math.min(position, held.getOrDefault(tp.partition(), position))));
    }
    try {
      scored.commitSync(offsets, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warnf("Could not commit the coefficient service's offsets (retried at the next commit): %s", e.getMessage());
    }
  }

  // ---- publishing (either thread) ----------------------------------------------------------------

  private void publishWindows(Collection<AlignmentWindow> records) {
    for (AlignmentWindow w : records) {
      String key = String.join("|", w.getTargetId().replace('|', '/'), w.getMethod(), w.getProbeId(), w.getGroupKind(),
          w.getGroup().replace('|', '/'), Long.toString(w.getWindowStart().toEpochMilli()));
      send(topics.alignmentWindows().name(), key,
          topics.alignmentWindows().valueSerde().serializer().serialize(topics.alignmentWindows().name(), w));
      listener.windows(w.getStatus(), 1);
    }
    producer.flush();
  }

  private void publishDatasets(List<DatasetAlignment> records) {
    for (DatasetAlignment a : records) {
      send(topics.datasetAlignment().name(), a.getDatasetId() + "|" + a.getTargetId() + "|" + a.getMethod(),
          topics.datasetAlignment().valueSerde().serializer().serialize(topics.datasetAlignment().name(), a));
    }
    producer.flush();
    listener.datasets(records.size());
  }

  /** A record this service cannot decode: skipped, counted, and kept on the dead-letter topic with the reason. */
  private void undecodable(ConsumerRecord<String, byte[]> r, RuntimeException e) {
    listener.failed("decode " + r.topic(), e);
    LOG.warnf("Skipping an undecodable record %s-%d@%d (dead-lettered): %s", r.topic(), r.partition(), r.offset(),
        e.getMessage());
    DeadLetter letter = DeadLetters.fromKafka(STAGE, r.topic(), r.partition(), r.offset(),
        r.key() == null ? null : r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), r.value(), r.headers(),
        e.getClass().getName(), DeadLetters.messageOf(e));
    producer.send(new ProducerRecord<>(topics.deadLetters().name(), r.key(),
        topics.deadLetters().valueSerde().serializer().serialize(topics.deadLetters().name(), letter)));
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + topic, e);
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (scored != null) {
      scored.wakeup();
    }
    try {
      if (poller != null) {
        poller.join(15_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (scored != null) {
      scored.close(Duration.ofSeconds(5));
      tables.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(10));
    }
    computer.close();
  }
}
