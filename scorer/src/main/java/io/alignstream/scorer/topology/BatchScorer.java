package io.alignstream.scorer.topology;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.dsir.HashedNgrams;
import io.alignstream.scorer.text.ScoringText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Micro-batches POOL samples in the changelogged {@value ScorerTopology#PENDING_STORE} store and
 * scores each full (or old enough) batch against every published target of the sample's task (the
 * global store of {@code target-embeddings}), by each configured method. The pool side of each
 * method is kept per task and partition (a consistent estimate of the pool when keys spread evenly):
 * DSIR's n-gram counts q, and for the contrasted embedding methods the running mean embedding P
 * ({@link PoolReference}). A batch's samples are counted when the batch is scored, and each table is
 * written once per batch as one store entry, so the stores hold exactly the scored samples.
 *
 * <p>Contrasted score (task2vec and embedding of text): {@code (sim(x, T) − sim(x, P∖x)) / c_T}, with T
 * the target's mean embedding, P∖x the pool's mean without x, and {@code c_T} the mean of the same
 * contrast over the target's calibration payloads (at least {@value #MIN_CALIBRATION}), so a typical
 * target sample scores about 1 and a typical pool sample about 0.
 *
 * <p>The encoders' part of a batch (its embeddings, and the calibration payloads' when a target's
 * changed) runs on {@link EncoderWork}, never on the stream thread; a punctuation every {@value
 * #COLLECT_EVERY_MS} ms picks finished batches up in submission order and does the rest (DSIR, gzip,
 * pool means, contrasts) on the stream thread, where the stores are. At most {@value #MAX_IN_FLIGHT}
 * batches per task are submitted ahead.
 */
final class BatchScorer implements Processor<String, Object, String, Object> {
  static final String DSIR_PROBE = io.alignstream.scorer.coefficient.DsirMethod.PROBE_ID;
  /** The calibration constant's floor: a pool indistinguishable from the target would divide by ~0. */
  static final double MIN_CALIBRATION = 1e-3;
  /** How often finished encoder work is picked up (and full batches submitted). */
  static final long COLLECT_EVERY_MS = 50;
  /** Batches of one task whose encoder work is submitted and not yet picked up. */
  static final int MAX_IN_FLIGHT = 2;

  private final ScorerSettings settings;
  private final EncoderWork work;
  private final Map<String, EmbeddingScoring> encoders = new HashMap<>();
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Sample> pendingStore;
  private KeyValueStore<String, byte[]> poolStore;
  private KeyValueStore<String, byte[]> poolReferenceStore;
  private final Map<String, PoolReference> poolReferences = new HashMap<>();
  /** Calibration payloads embedded per (target, method, probe, payloads). */
  private final Map<String, float[][]> calibrationRows = new HashMap<>();
  private KeyValueStore<String, TargetReference> references;
  private final Map<String, DsirCounts> pools = new HashMap<>();
  private final Map<String, ScoringTarget> cache = new HashMap<>();
  private final List<KeyValue<String, Sample>> pending = new ArrayList<>();
  /** Pending keys of the batches in flight (not to be batched again). */
  private final Set<String> submitted = new HashSet<>();
  private final Map<String, ArrayDeque<Batch>> inFlight = new HashMap<>();
  private final Map<String, Long> waitingSince = new HashMap<>();
  private final Map<String, Long> warmingSince = new HashMap<>();
  private long sequence;

  /** A batch whose encoder work was submitted: the embeddings per method, then calibrations if needed. */
  private static final class Batch {
    final List<KeyValue<String, Sample>> group;
    final CompletableFuture<Map<String, EmbeddingScoring.Embeddings>> embeddings;
    CompletableFuture<Map<String, float[][]>> calibrations;

    Batch(List<KeyValue<String, Sample>> group, CompletableFuture<Map<String, EmbeddingScoring.Embeddings>> embeddings,
        CompletableFuture<Map<String, float[][]>> calibrations) {
      this.group = group;
      this.embeddings = embeddings;
      this.calibrations = calibrations;
    }

    boolean isDone() {
      return embeddings.isDone() && calibrations.isDone();
    }
  }

  BatchScorer(ScorerSettings settings, List<EmbeddingScoring> encoders, EncoderWork work) {
    this.settings = settings;
    this.work = work;
    encoders.forEach(e -> this.encoders.put(e.method(), e));
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    pendingStore = context.getStateStore(ScorerTopology.PENDING_STORE);
    poolStore = context.getStateStore(ScorerTopology.POOL_COUNTS_STORE);
    references = context.getStateStore(ScorerTopology.REFERENCES_GLOBAL_STORE);
    try (KeyValueIterator<String, byte[]> it = poolStore.all()) {
      it.forEachRemaining(kv -> pools.put(kv.key, DsirCounts.fromBytes(kv.value)));
    }
    poolReferenceStore = context.getStateStore(ScorerTopology.POOL_REFERENCES_STORE);
    try (KeyValueIterator<String, byte[]> it = poolReferenceStore.all()) {
      it.forEachRemaining(kv -> poolReferences.put(kv.key, PoolReference.fromBytes(kv.value, settings.poolWarmup())));
    }
    try (KeyValueIterator<String, Sample> it = pendingStore.all()) {
      it.forEachRemaining(kv -> {
        pending.add(kv);
        sequence = Math.max(sequence, Long.parseLong(kv.key) + 1);
      });
    }
    context.schedule(settings.batchMaxWait(), PunctuationType.WALL_CLOCK_TIME, now -> drive(true));
    context.schedule(Duration.ofMillis(Math.min(COLLECT_EVERY_MS, settings.batchMaxWait().toMillis())),
        PunctuationType.WALL_CLOCK_TIME, now -> drive(false));
  }

  @Override
  public void process(Record<String, Object> record) {
    Sample sample = (Sample) record.value();
    String key = pendingKey(sequence++);
    pendingStore.put(key, sample);
    pending.add(KeyValue.pair(key, sample));
    if (pending.size() >= settings.batchSize() && pending.size() % settings.batchSize() == 0) {
      drive(false);
    }
  }

  @Override
  public void close() {
    // Their samples are still in the pending store: whoever owns the task next scores them again.
    inFlight.values().forEach(q -> q.forEach(b -> {
      b.embeddings.cancel(false);
      b.calibrations.cancel(false);
    }));
    inFlight.clear();
    submitted.clear();
  }

  /** Zero-padded to 19 digits so the store's byte order is arrival order. */
  static String pendingKey(long sequence) {
    String digits = Long.toString(sequence);
    return "0".repeat(19 - digits.length()) + digits;
  }

  /**
   * Picks finished batches up, then submits the next: full batches always, partial ones when {@code
   * flush} (every {@code batchMaxWait}).
   */
  private void drive(boolean flush) {
    collect();
    if (pending.size() == submitted.size()) {
      return;
    }
    refreshTargets();
    Map<String, List<KeyValue<String, Sample>>> byTask = new HashMap<>();
    pending.stream().filter(kv -> !submitted.contains(kv.key))
        .forEach(kv -> byTask.computeIfAbsent(kv.value.getTask(), k -> new ArrayList<>()).add(kv));
    Instant now = Instant.now();
    for (var entry : byTask.entrySet()) {
      String task = entry.getKey();
      ArrayDeque<Batch> queue = inFlight.computeIfAbsent(task, k -> new ArrayDeque<>());
      if (queue.size() >= MAX_IN_FLIGHT) {
        continue;
      }
      if (!hasTargets(task) && !waitedEnough(task, now)) {
        continue; // hold them: a target is probably on its way (e.g. on another partition at start-up)
      }
      waitingSince.remove(task);
      if (entry.getValue().size() < settings.batchSize() && !flush) {
        continue; // a partial batch waits for batchMaxWait (checked first: the warm-up ends only where a batch goes)
      }
      boolean first = queue.isEmpty() && poolSeen(task) == 0;
      if (first && warmingUp(task, entry.getValue(), now)) {
        continue;
      }
      // One batch per task and call (the warm-up's first batch excepted): a backlog, e.g. restored after a
      // rebalance, drains batch by batch.
      int limit = first ? Math.max(settings.batchSize(), settings.poolWarmup()) : settings.batchSize();
      List<KeyValue<String, Sample>> group = List.copyOf(entry.getValue().size() > limit
          ? entry.getValue().subList(0, limit) : entry.getValue());
      group.forEach(kv -> submitted.add(kv.key));
      queue.add(submit(task, group));
    }
    collect(); // inline work is done already
  }

  /** Submits a batch's encoder work: its embeddings per method, and calibrations not yet embedded. */
  private Batch submit(String task, List<KeyValue<String, Sample>> group) {
    List<ScoringTarget> targets = targetsOf(task);
    List<EmbeddingScoring> wanted = new ArrayList<>();
    for (String method : List.of(ScorerSettings.TASK2VEC, ScorerSettings.EMBEDDING)) {
      if (settings.methods(task).contains(method) && encoders.containsKey(method)
          && targets.stream().anyMatch(t -> t.encoders.containsKey(method))) {
        wanted.add(encoders.get(method));
      }
    }
    List<Object> payloads = group.stream().map(kv -> kv.value.getPayload()).toList();
    CompletableFuture<Map<String, EmbeddingScoring.Embeddings>> embeddings = wanted.isEmpty()
        ? CompletableFuture.completedFuture(Map.of())
        : work.submit(() -> {
            Map<String, EmbeddingScoring.Embeddings> out = new HashMap<>();
            for (EmbeddingScoring e : wanted) {
              EmbeddingScoring.Embeddings rows = e.embed(task, payloads);
              if (rows != null) {
                out.put(e.method(), rows);
              }
            }
            return out;
          });
    return new Batch(group, embeddings, calibrate(task, targets, wanted));
  }

  /** Submits the embedding of the calibration payloads that are not embedded yet (none: a done future). */
  private CompletableFuture<Map<String, float[][]>> calibrate(String task, List<ScoringTarget> targets,
      List<EmbeddingScoring> scorings) {
    List<Calibration> missing = new ArrayList<>();
    for (EmbeddingScoring scoring : scorings) {
      for (ScoringTarget t : targets) {
        ScoringTarget.Ref ref = t.encoders.get(scoring.method());
        if (ref != null && !t.calibration.isEmpty() && !calibrationRows.containsKey(calibrationKey(t, scoring, ref))) {
          missing.add(new Calibration(calibrationKey(t, scoring, ref), scoring, t.calibration, ref.probeId()));
        }
      }
    }
    if (missing.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    return work.submit(() -> {
      Map<String, float[][]> out = new HashMap<>();
      for (Calibration c : missing) {
        EmbeddingScoring.Embeddings e = c.scoring().embed(task, c.payloads());
        out.put(c.key(), e == null || !e.probeId().equals(c.probeId()) ? new float[0][] : e.rows());
      }
      return out;
    });
  }

  private record Calibration(String key, EmbeddingScoring scoring, List<Object> payloads, String probeId) {}

  private static String calibrationKey(ScoringTarget t, EmbeddingScoring scoring, ScoringTarget.Ref ref) {
    return t.targetId + "|" + scoring.method() + "|" + ref.probeId() + "|" + t.calibration.hashCode();
  }

  /** Finishes each task's finished batches, oldest first (the pool's tables are updated in order). */
  private void collect() {
    boolean refreshed = false;
    for (var entry : inFlight.entrySet()) {
      ArrayDeque<Batch> queue = entry.getValue();
      while (!queue.isEmpty() && queue.peek().isDone()) {
        if (!refreshed) {
          refreshTargets();
          refreshed = true;
        }
        if (!finish(entry.getKey(), queue.peek())) {
          break; // a target changed meanwhile: its calibration is being embedded
        }
        queue.poll();
      }
    }
  }

  /** Scores and forwards a batch whose encoder work is done; false when a calibration is still missing. */
  private boolean finish(String task, Batch batch) {
    Map<String, EmbeddingScoring.Embeddings> embeddings = EncoderWork.result(batch.embeddings);
    calibrationRows.putAll(EncoderWork.result(batch.calibrations));
    List<ScoringTarget> targets = targetsOf(task);
    List<EmbeddingScoring> scorings = embeddings.keySet().stream().map(encoders::get).toList();
    CompletableFuture<Map<String, float[][]>> more = calibrate(task, targets, scorings);
    if (!more.isDone()) {
      batch.calibrations = more;
      return false;
    }
    calibrationRows.putAll(EncoderWork.result(more));
    Instant now = Instant.now();
    List<Sample> samples = batch.group.stream().map(kv -> kv.value).toList();
    List<List<AlignmentScore>> scores = score(task, samples, targets, embeddings);
    for (int i = 0; i < samples.size(); i++) {
      ScoredSample out = new ScoredSample(samples.get(i), scores.get(i), now);
      context.forward(new Record<>(samples.get(i).getId(), out, now.toEpochMilli()), ScorerTopology.SCORED_SINK);
    }
    Set<String> doneKeys = new HashSet<>();
    batch.group.forEach(kv -> {
      pendingStore.delete(kv.key);
      doneKeys.add(kv.key);
    });
    submitted.removeAll(doneKeys);
    pending.removeIf(kv -> doneKeys.contains(kv.key));
    return true;
  }

  /**
   * True while a task's first text pool samples are held for {@link ScorerSettings#poolWarmup()}: its pool
   * mean P (contrast scores) is then first estimated from that many samples. Bounded by {@code targetWait}.
   */
  private boolean warmingUp(String task, List<KeyValue<String, Sample>> held, Instant now) {
    if (settings.poolWarmup() <= 0 || held.size() >= settings.poolWarmup() || poolSeen(task) > 0
        || held.stream().noneMatch(kv -> ScoringText.of(kv.value.getPayload()) != null)
        || settings.methods(task).stream().noneMatch(encoders::containsKey)) {
      warmingSince.remove(task);
      return false;
    }
    long since = warmingSince.computeIfAbsent(task, k -> now.toEpochMilli());
    if (now.toEpochMilli() - since >= settings.targetWait().toMillis()) {
      warmingSince.remove(task);
      return false;
    }
    return true;
  }

  /** Pool samples already in the task's pool means (any encoder method). */
  private long poolSeen(String task) {
    String prefix = task + "|";
    return poolReferences.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().count()).max().orElse(0);
  }

  private boolean hasTargets(String task) {
    return cache.values().stream().anyMatch(t -> t.task.equals(task));
  }

  private boolean waitedEnough(String task, Instant now) {
    long since = waitingSince.computeIfAbsent(task, k -> now.toEpochMilli());
    return now.toEpochMilli() - since >= settings.targetWait().toMillis();
  }

  private void refreshTargets() {
    try (KeyValueIterator<String, TargetReference> it = references.all()) {
      it.forEachRemaining(kv -> {
        ScoringTarget cached = cache.get(kv.key);
        if (cached == null || cached.version != kv.value.getVersion()) {
          cache.put(kv.key, new ScoringTarget(kv.value, settings.gzipReferenceSize()));
        }
      });
    }
  }

  private List<ScoringTarget> targetsOf(String task) {
    return cache.values().stream().filter(t -> t.task.equals(task)).toList();
  }

  private List<List<AlignmentScore>> score(String task, List<Sample> batch, List<ScoringTarget> targets,
      Map<String, EmbeddingScoring.Embeddings> embeddings) {
    List<List<AlignmentScore>> out = new ArrayList<>();
    batch.forEach(s -> out.add(new ArrayList<>()));
    var methods = settings.methods(task);
    boolean dsir = methods.contains(ScorerSettings.DSIR);
    DsirCounts pool = pools.computeIfAbsent(task, k -> new DsirCounts());
    String[] texts = new String[batch.size()];
    HashedNgrams.Counts[] ngrams = new HashedNgrams.Counts[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      texts[i] = ScoringText.of(batch.get(i).getPayload());
      if (texts[i] != null && dsir) {
        ngrams[i] = HashedNgrams.of(texts[i]);
        pool.add(ngrams[i]);
      }
    }
    if (dsir) {
      poolStore.put(task, pool.toBytes());
    }
    if (targets.isEmpty()) {
      return out;
    }
    for (int i = 0; i < batch.size(); i++) {
      String text = texts[i];
      if (text == null) {
        continue;
      }
      HashedNgrams.Counts counts = ngrams[i];
      for (ScoringTarget t : targets) {
        if (dsir && t.dsir.total() > 0 && counts.tokens() > 0) {
          double logWeight = DsirCounts.logWeight(t.dsir, pool, counts, true); // the pool already counts this batch
          out.get(i).add(AlignmentScore.newBuilder().setTargetId(t.targetId).setMethod(ScorerSettings.DSIR)
              .setProbeId(DSIR_PROBE).setReferenceVersion(t.version).setValue(logWeight / counts.total())
              .setLogWeight(logWeight).build());
        }
        if (methods.contains(ScorerSettings.GZIP) && !t.gzip.isEmpty()) {
          out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.GZIP,
              "gzip-ncd-" + settings.gzipReferenceSize(), t.version, t.gzip.alignment(text), null));
        }
      }
    }
    for (String method : List.of(ScorerSettings.TASK2VEC, ScorerSettings.EMBEDDING)) {
      if (methods.contains(method) && embeddings.containsKey(method)) {
        addEncoderScores(encoders.get(method), embeddings.get(method), task, batch, targets, out);
      }
    }
    return out;
  }

  private void addEncoderScores(EmbeddingScoring scoring, EmbeddingScoring.Embeddings embeddings, String task,
      List<Sample> batch, List<ScoringTarget> targets, List<List<AlignmentScore>> out) {
    String method = scoring.method();
    List<ScoringTarget> ready = targets.stream().filter(t -> t.encoders.containsKey(method)).toList();
    if (ready.isEmpty()) {
      return;
    }
    float[][] rows = embeddings.rows();
    PoolReference poolRef = null;
    boolean[] inPool = new boolean[rows.length];
    if (embeddings.contrasted()) {
      String key = task + "|" + method + "|" + embeddings.probeId();
      poolRef = poolReferences.get(key);
      for (int i = 0; i < rows.length; i++) {
        if (rows[i] != null) {
          if (poolRef == null || poolRef.dimension() != rows[i].length) {
            poolRef = new PoolReference(rows[i].length, settings.poolWarmup());
            poolReferences.put(key, poolRef);
          }
          inPool[i] = poolRef.add(rows[i]);
        }
      }
      if (poolRef != null) {
        poolReferenceStore.put(key, poolRef.toBytes());
      }
    }
    for (ScoringTarget t : ready) {
      ScoringTarget.Ref ref = t.encoders.get(method);
      if (!ref.probeId().equals(embeddings.probeId())) {
        continue; // scores of different probes are never mixed
      }
      double calibration = embeddings.contrasted() && poolRef != null ? calibration(scoring, t, ref, poolRef) : 1;
      for (int i = 0; i < batch.size(); i++) {
        if (rows[i] == null) {
          continue; // a payload the probe cannot embed
        }
        double value;
        if (embeddings.contrasted()) {
          float[] others = poolRef == null ? null : inPool[i] ? poolRef.meanWithout(rows[i]) : poolRef.mean();
          if (others == null) {
            continue; // the task's first pool sample: nothing to contrast with yet
          }
          value = (scoring.similarity(rows[i], ref.mean()) - scoring.similarity(rows[i], others)) / calibration;
        } else {
          value = scoring.similarity(rows[i], ref.mean());
        }
        out.get(i).add(new AlignmentScore(t.targetId, method, ref.probeId(), t.version, value, null));
      }
    }
  }

  /**
   * {@code c_T}: the mean over the target's calibration payloads of {@code sim(c, T) − sim(c, P)}, at
   * least {@value #MIN_CALIBRATION}. Their embeddings are computed once per set of calibration payloads
   * and probe, on the encoders' thread (references are republished every few seconds while targets
   * arrive, the encoders' part far less often).
   */
  private double calibration(EmbeddingScoring scoring, ScoringTarget t, ScoringTarget.Ref ref, PoolReference poolRef) {
    String key = calibrationKey(t, scoring, ref);
    float[][] rows = calibrationRows.getOrDefault(key, new float[0][]);
    String prefix = t.targetId + "|" + scoring.method() + "|";
    calibrationRows.keySet().removeIf(k -> k.startsWith(prefix) && !k.equals(key));
    float[] pool = poolRef.mean();
    double sum = 0;
    int n = 0;
    for (float[] c : rows) {
      if (c != null && pool != null) {
        sum += scoring.similarity(c, ref.mean()) - scoring.similarity(c, pool);
        n++;
      }
    }
    return n == 0 ? 1 : Math.max(MIN_CALIBRATION, sum / n);
  }
}
