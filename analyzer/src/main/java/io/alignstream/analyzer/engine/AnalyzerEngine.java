package io.alignstream.analyzer.engine;

import io.alignstream.analyzer.fit.ScalingLawFitter;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.GroupKey;
import io.alignstream.analyzer.model.ReadModel;
import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.analyzer.refit.Debouncer;
import io.alignstream.analyzer.refit.FitRecords;
import io.alignstream.analyzer.refit.GroupFitter;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import io.alignstream.schemas.training.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * The analyzer without its framework: reads {@code training-results}, {@code datasets},
 * {@code alignment-windows}, {@code samples-dead-letter} and its own {@code scaling-fits} from the
 * beginning into a {@link ReadModel}, refits each task/family group a debounced while after its results
 * change, and publishes the fits that changed to {@code scaling-fits}.
 *
 * <p>State after a restart: training-results is the source of truth and is kept for ever (retention
 * -1), so the replay rebuilds exactly the points that were there; fits are deterministic in those
 * points, so the first refits after the replay reproduce the published ones, and a fit equal to the one
 * read back from scaling-fits is not published again. Duplicate results (same dataset, run and step)
 * replace each other. Refits wait for the end of the replay; then every group is refitted once.
 *
 * <p>Records that cannot be decoded, or results that cannot be fitted (D ≤ 0, a non-finite loss), go to
 * the dead-letter topic with stage {@value #STAGE}, once (see {@link DeadLetterGate}). An unreachable
 * schema registry is not the record's fault: reading pauses and retries.
 */
public final class AnalyzerEngine implements AutoCloseable {
  public static final String STAGE = "analyzer";
  private static final Logger LOG = Logger.getLogger(AnalyzerEngine.class);

  private final TopicCatalogue topics;
  private final EngineSettings settings;
  private final AnalyzerListener listener;
  private final Clock clock;
  private final ReadModel model;
  private final GroupFitter fitter;
  private final Debouncer<GroupKey> debouncer;
  private final DeadLetterGate gate = new DeadLetterGate();
  private final RefitStats stats = new RefitStats();
  private final OutputProducer output;
  private final TopicFollower follower;
  private final ScheduledExecutorService refits;
  private final Object scheduling = new Object();
  private long drainAt = Long.MAX_VALUE;
  private volatile boolean replayed;

  /**
   * @param kafkaConfig client settings common to the consumer and the producer (bootstrap.servers at least)
   */
  public AnalyzerEngine(TopicCatalogue topics, Map<String, Object> kafkaConfig, EngineSettings settings,
      AnalyzerListener listener, Clock clock) {
    this.topics = topics;
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.model = new ReadModel(settings.maxWindows());
    this.fitter = new GroupFitter(new ScalingLawFitter(), settings.refit(), clock);
    this.debouncer = new Debouncer<>(settings.refit().interval());
    this.output = new OutputProducer(kafkaConfig, settings.clientId(), topics.scalingFits(), topics.deadLetters());
    Map<String, Object> consumer = new HashMap<>(kafkaConfig);
    consumer.put("client.id", settings.clientId() + "-reader");
    this.follower = new TopicFollower(settings.clientId() + "-reader", consumer, inputTopics(topics),
        new Router(), settings.discoverEvery());
    this.refits = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, settings.clientId() + "-refit");
      t.setDaemon(true);
      return t;
    });
  }

  /** The topics read, in the catalogue's names. */
  public static List<String> inputTopics(TopicCatalogue topics) {
    return List.of(topics.trainingResults().name(), topics.datasets().name(), topics.alignmentWindows().name(),
        topics.deadLetters().name(), topics.scalingFits().name(), topics.datasetAlignment().name());
  }

  public void start() {
    follower.start();
  }

  /** Waits until the replay of the topics is over and the first refits are scheduled. */
  public boolean awaitReplay(Duration timeout) throws InterruptedException {
    return follower.awaitCaughtUp(timeout);
  }

  public boolean replayed() {
    return replayed;
  }

  public ReadModel model() {
    return model;
  }

  public RefitStats stats() {
    return stats;
  }

  public TopicCatalogue topics() {
    return topics;
  }

  /** Next offset to read per input partition. */
  public Map<TopicPartition, Long> positions() {
    return follower.positions();
  }

  /** Why reading is stuck (e.g. the registry is unreachable), null while it progresses. */
  public String readError() {
    return follower.lastError();
  }

  /** Routes each raw record by topic into the read model. */
  private final class Router implements TopicFollower.Handler {

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
      String topic = record.topic();
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      boolean replay = !replayed;
      listener.recordRead(topic, replay);
      try {
        if (topic.equals(topics.trainingResults().name())) {
          result(record, decode(topics.trainingResults(), record), replay);
        } else if (topic.equals(topics.datasets().name())) {
          DatasetManifest manifest = decode(topics.datasets(), record);
          model.putDataset(key, manifest);
          listener.datasetChanged(key, manifest, replay);
        } else if (topic.equals(topics.alignmentWindows().name())) {
          AlignmentWindow window = decode(topics.alignmentWindows(), record);
          model.putWindow(key, window);
          listener.windowChanged(key, window, replay);
        } else if (topic.equals(topics.datasetAlignment().name())) {
          var coefficient = decode(topics.datasetAlignment(), record);
          if (model.putCoefficient(coefficient)) {
            debouncer.touch(new GroupKey(coefficient.getTask(), coefficient.getFamily()), clock.millis());
            scheduleDrain();
          }
        } else if (topic.equals(topics.scalingFits().name())) {
          // our own output: read to know what was published before; afterwards the refits keep it current
          if (replay) {
            model.putFit(key, decode(topics.scalingFits(), record));
          }
        } else if (topic.equals(topics.deadLetters().name())) {
          deadLetterRead(record, replay);
        }
      } catch (RegistryException e) {
        if (e.isUnreachable()) {
          throw new TopicFollower.TransientException("Schema registry unreachable reading " + topic, e);
        }
        reject(record, e);
      } catch (SerializationException | ResultPoint.InvalidResultException e) {
        reject(record, e);
      }
    }

    @Override
    public void caughtUp() {
      replayed = true;
      gate.replayOver().forEach(AnalyzerEngine.this::sendDeadLetter);
      long now = clock.millis();
      model.groups().forEach(g -> debouncer.touch(g, now));
      LOG.infof("Replay over: %d results in %d groups, %d fits, %d datasets", model.resultCount(),
          model.groups().size(), model.fitCount(), model.datasetCount());
      scheduleDrain();
    }
  }

  private void result(ConsumerRecord<byte[], byte[]> record, TrainingResult value, boolean replay) {
    if (value == null) {
      return; // training-results is not compacted: a tombstone carries nothing to fit
    }
    ResultPoint point = ResultPoint.from(value);
    if (model.addResult(point, clock.millis())) {
      listener.resultAdded(point, replay);
      debouncer.touch(point.group(), clock.millis());
      scheduleDrain();
    }
  }

  private void deadLetterRead(ConsumerRecord<byte[], byte[]> record, boolean replay) {
    try {
      DeadLetter letter = decode(topics.deadLetters(), record);
      if (letter != null) {
        gate.seen(letter);
        model.countDeadLetter(letter.getStage());
        listener.deadLetterRead(letter, replay);
      }
    } catch (SerializationException e) {
      // never dead-letter a dead letter (that would loop); count it and say so
      model.countDeadLetter("unreadable");
      LOG.warnf("Unreadable dead letter %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
          e.getMessage());
    }
  }

  private static <V> V decode(TopicSpec<String, V> spec, ConsumerRecord<byte[], byte[]> record) {
    return record.value() == null ? null : spec.valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  private void reject(ConsumerRecord<byte[], byte[]> record, RuntimeException error) {
    gate.offer(DeadLetters.fromRecord(STAGE, record, error)).forEach(this::sendDeadLetter);
  }

  private void sendDeadLetter(DeadLetter letter) {
    LOG.warnf("Dead-lettering %s-%d@%d: %s", letter.getSourceTopic(), letter.getSourcePartition(),
        letter.getSourceOffset(), letter.getErrorMessage());
    String key = letter.getOriginalKey() == null ? null
        : StandardCharsets.UTF_8.decode(letter.getOriginalKey().duplicate()).toString();
    output.deadLetter(key, letter);
    listener.deadLetterSent(letter);
  }

  /** Schedules one drain at the earliest due time, unless one is already scheduled as early. */
  private void scheduleDrain() {
    if (!replayed) {
      return;
    }
    OptionalLong next = debouncer.nextDue();
    if (next.isEmpty()) {
      return;
    }
    synchronized (scheduling) {
      long at = Math.max(next.getAsLong(), clock.millis());
      if (at < drainAt) {
        drainAt = at;
        refits.schedule(this::drain, Math.max(0, at - clock.millis()), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void drain() {
    synchronized (scheduling) {
      drainAt = Long.MAX_VALUE;
    }
    for (GroupKey group : debouncer.takeDue(clock.millis())) {
      try {
        refit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | ExecutionException | TimeoutException e) {
        stats.failed();
        LOG.errorf(e, "Refit of %s failed; retrying after %s", group, settings.refit().interval());
        debouncer.touch(group, clock.millis());
      } finally {
        debouncer.finished(group);
      }
    }
    scheduleDrain();
  }

  private void refit(GroupKey group)
      throws InterruptedException, ExecutionException, TimeoutException {
    long start = System.nanoTime();
    ReadModel.GroupSnapshot snapshot = model.takeSnapshot(group);
    GroupAnalysis analysis = fitter.analyse(group, snapshot.points());
    List<ScalingFit> changed = analysis.fits().stream()
        .filter(f -> !FitRecords.sameContent(f, model.fit(f.getFitId()).orElse(null))).toList();
    if (settings.publishFits() && !changed.isEmpty()) {
      output.publish(changed);
    }
    changed.forEach(f -> model.putFit(f.getFitId(), f));
    model.putAnalysis(analysis);
    long end = clock.millis();
    Optional<Long> since = snapshot.pendingSince();
    RefitStats.Refit refit = new RefitStats.Refit(group.toString(), clock.instant(),
        (System.nanoTime() - start) / 1_000_000, since.map(t -> end - t).orElse(null), changed.size());
    stats.record(refit);
    changed.forEach(listener::fitPublished);
    listener.refitted(analysis, refit);
    LOG.debugf("Refitted %s: %d points, %d fits changed, %d ms", group, snapshot.points().size(), changed.size(),
        refit.wallTimeMs());
  }

  @Override
  public void close() {
    follower.close();
    refits.shutdownNow();
    try {
      refits.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    output.close();
  }
}
