package io.alignstream.scorer.topology;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.dsir.HashedNgrams;
import io.alignstream.scorer.text.ScoringText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * global store of {@code target-embeddings}), by each configured method. DSIR pool counts q are
 * kept per task and partition (a consistent estimate of the pool distribution when keys spread
 * evenly); a batch's samples are counted when the batch is scored, and the task's table is written
 * once per batch as one store entry, so the store always holds exactly the scored samples' counts.
 */
final class BatchScorer implements Processor<String, Object, String, Object> {
  static final String DSIR_PROBE = "dsir-hashed-uni-bi-10000";

  private final ScorerSettings settings;
  private final Task2VecScoring task2vec;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Sample> pendingStore;
  private KeyValueStore<String, byte[]> poolStore;
  private KeyValueStore<String, TargetReference> references;
  private final Map<String, DsirCounts> pools = new HashMap<>();
  private final Map<String, ScoringTarget> cache = new HashMap<>();
  private final List<KeyValue<String, Sample>> pending = new ArrayList<>();
  private final Map<String, Long> waitingSince = new HashMap<>();
  private long sequence;

  BatchScorer(ScorerSettings settings, Task2VecScoring task2vec) {
    this.settings = settings;
    this.task2vec = task2vec;
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
    try (KeyValueIterator<String, Sample> it = pendingStore.all()) {
      it.forEachRemaining(kv -> {
        pending.add(kv);
        sequence = Math.max(sequence, Long.parseLong(kv.key) + 1);
      });
    }
    context.schedule(settings.batchMaxWait(), PunctuationType.WALL_CLOCK_TIME, now -> scorePending());
  }

  @Override
  public void process(Record<String, Object> record) {
    Sample sample = (Sample) record.value();
    String key = pendingKey(sequence++);
    pendingStore.put(key, sample);
    pending.add(KeyValue.pair(key, sample));
    if (pending.size() >= settings.batchSize() && pending.size() % settings.batchSize() == 0) {
      scorePending();
    }
  }

  /** Zero-padded to 19 digits so the store's byte order is arrival order. */
  static String pendingKey(long sequence) {
    String digits = Long.toString(sequence);
    return "0".repeat(19 - digits.length()) + digits;
  }

  private void scorePending() {
    if (pending.isEmpty()) {
      return;
    }
    refreshTargets();
    Map<String, List<KeyValue<String, Sample>>> byTask = new HashMap<>();
    pending.forEach(kv -> byTask.computeIfAbsent(kv.value.getTask(), k -> new ArrayList<>()).add(kv));
    Instant now = Instant.now();
    List<KeyValue<String, Sample>> done = new ArrayList<>();
    for (var entry : byTask.entrySet()) {
      if (!hasTargets(entry.getKey()) && !waitedEnough(entry.getKey(), now)) {
        continue; // hold them: a target is probably on its way (e.g. on another partition at start-up)
      }
      waitingSince.remove(entry.getKey());
      done.addAll(entry.getValue());
      List<Sample> batch = entry.getValue().stream().map(kv -> kv.value).toList();
      List<List<AlignmentScore>> scores = score(entry.getKey(), batch);
      for (int i = 0; i < batch.size(); i++) {
        ScoredSample out = new ScoredSample(batch.get(i), scores.get(i), now);
        Record<String, Object> r = new Record<>(batch.get(i).getId(), out, now.toEpochMilli());
        context.forward(r, ScorerTopology.SCORED_SINK);
        context.forward(r, ScorerTopology.WINDOWS);
      }
    }
    java.util.Set<String> doneKeys = new java.util.HashSet<>();
    done.forEach(kv -> {
      pendingStore.delete(kv.key);
      doneKeys.add(kv.key);
    });
    pending.removeIf(kv -> doneKeys.contains(kv.key));
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

  private List<List<AlignmentScore>> score(String task, List<Sample> batch) {
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
    List<ScoringTarget> targets = cache.values().stream().filter(t -> t.task.equals(task)).toList();
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
          double value = DsirCounts.alignment(t.dsir, pool, counts, true); // the pool already counts this batch
          out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.DSIR, DSIR_PROBE, t.version, value));
        }
        if (methods.contains(ScorerSettings.GZIP) && !t.gzip.isEmpty()) {
          out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.GZIP,
              "gzip-ncd-" + settings.gzipReferenceSize(), t.version, t.gzip.alignment(text)));
        }
      }
    }
    if (methods.contains(ScorerSettings.TASK2VEC)) {
      addTask2Vec(task, batch, targets, out);
    }
    return out;
  }

  private void addTask2Vec(String task, List<Sample> batch, List<ScoringTarget> targets,
      List<List<AlignmentScore>> out) {
    List<ScoringTarget> ready = targets.stream().filter(ScoringTarget::hasTask2Vec).toList();
    if (ready.isEmpty()) {
      return;
    }
    Task2VecScoring.Embeddings embeddings = task2vec.embed(task, batch.stream().map(s -> s.getPayload()).toList());
    if (embeddings == null) {
      return;
    }
    for (ScoringTarget t : ready) {
      if (!t.task2vecProbeId.equals(embeddings.probeId())) {
        continue; // scores of different probes are never mixed
      }
      for (int i = 0; i < batch.size(); i++) {
        if (embeddings.rows()[i] != null) { // null: a payload the probe cannot embed
          out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.TASK2VEC, t.task2vecProbeId, t.version,
              task2vec.alignment(embeddings.rows()[i], t.task2vecEmbedding)));
        }
      }
    }
  }
}
