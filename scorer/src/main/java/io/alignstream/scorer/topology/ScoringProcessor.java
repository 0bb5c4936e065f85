package io.alignstream.scorer.topology;

import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Role;
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
import java.util.SplittableRandom;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps targets and DSIR pool statistics, micro-batches pool samples in a changelogged store and
 * scores each full (or old enough) batch against every target of the sample's task. In-memory
 * caches mirror the stores and are rebuilt from them at start, so restarts resume exactly.
 */
final class ScoringProcessor implements Processor<String, Object, String, Object> {
  static final String DSIR_PROBE = "dsir-hashed-uni-bi-10000";
  static final int TARGET_SAMPLE_RESERVOIR = 256;

  private final ScorerSettings settings;
  private final Task2VecScoring task2vec;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, TargetReference> targetStore;
  private KeyValueStore<String, Long> countStore;
  private KeyValueStore<String, Sample> pendingStore;
  private KeyValueStore<String, Sample> targetSampleStore;
  private final Map<String, TargetState> targets = new HashMap<>();
  private final Map<String, DsirCounts> pools = new HashMap<>();
  private final List<KeyValue<String, Sample>> pending = new ArrayList<>();
  private Map<String, Task2VecScoring.Reference> task2vecReferences = new HashMap<>();
  private long sequence;

  ScoringProcessor(ScorerSettings settings, Task2VecScoring task2vec) {
    this.settings = settings;
    this.task2vec = task2vec;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    targetStore = context.getStateStore(ScorerTopology.TARGETS_STORE);
    countStore = context.getStateStore(ScorerTopology.COUNTS_STORE);
    pendingStore = context.getStateStore(ScorerTopology.PENDING_STORE);
    targetSampleStore = context.getStateStore(ScorerTopology.TARGET_SAMPLES_STORE);
    restore();
    context.schedule(settings.batchMaxWait(), PunctuationType.WALL_CLOCK_TIME, now -> scorePending());
    context.schedule(settings.publishEvery(), PunctuationType.WALL_CLOCK_TIME, this::publishTargets);
  }

  @Override
  public void process(Record<String, Object> record) {
    Sample sample = (Sample) record.value();
    String problem = unscorable(sample);
    if (problem != null) {
      var where = context.recordMetadata().orElseThrow();
      context.forward(new Record<>(record.key(), (Object) DeadLetters.fromInput("scorer", where.topic() + "-"
          + where.partition() + "@" + where.offset(), sample.toString(), "UnscorableSample", problem),
          record.timestamp()), "dead-letter-sink");
      return;
    }
    String text = ScoringText.of(sample.getPayload());
    if (sample.getRole() == Role.TARGET) {
      addTarget(sample, text);
      context.forward(new Record<>(sample.getId(), (Object) new ScoredSample(sample, List.of(), Instant.now()),
          record.timestamp()), "scored-sink");
      return;
    }
    if (text != null && settings.methods(sample.getTask()).contains(ScorerSettings.DSIR)) {
      String task = sample.getTask();
      pools.computeIfAbsent(task, k -> new DsirCounts())
          .add(HashedNgrams.of(text), (bucket, count) -> countStore.put("q|" + task + "|" + bucket, count));
    }
    String key = String.format("%019d", sequence++);
    pendingStore.put(key, sample);
    pending.add(KeyValue.pair(key, sample));
    if (pending.size() >= settings.batchSize()) {
      scorePending();
    }
  }

  private void addTarget(Sample sample, String text) {
    String id = sample.getTargetId() != null ? sample.getTargetId() : sample.getTask() + "/default";
    TargetState target = targets.computeIfAbsent(id,
        k -> new TargetState(k, sample.getTask(), settings.gzipReferenceSize()));
    if (text != null) {
      target.dsir.add(HashedNgrams.of(text), (bucket, count) -> countStore.put("p|" + id + "|" + bucket, count));
      target.gzip.add(text);
    }
    long slot = target.targetCount < TARGET_SAMPLE_RESERVOIR ? target.targetCount
        : new SplittableRandom(sample.getId().hashCode()).nextLong(target.targetCount + 1);
    if (slot < TARGET_SAMPLE_RESERVOIR) {
      targetSampleStore.put(id + "|" + String.format("%04d", slot), sample);
    }
    target.targetCount++;
    target.dirty = true;
  }

  /** Scores every pending sample, one batch per task, and clears the pending store. */
  private void scorePending() {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, List<KeyValue<String, Sample>>> byTask = new HashMap<>();
    pending.forEach(kv -> byTask.computeIfAbsent(kv.value.getTask(), k -> new ArrayList<>()).add(kv));
    Instant now = Instant.now();
    for (var entry : byTask.entrySet()) {
      List<Sample> batch = entry.getValue().stream().map(kv -> kv.value).toList();
      List<List<AlignmentScore>> scores = score(entry.getKey(), batch);
      for (int i = 0; i < batch.size(); i++) {
        Sample s = batch.get(i);
        ScoredSample out = new ScoredSample(s, scores.get(i), now);
        context.forward(new Record<>(s.getId(), (Object) out, now.toEpochMilli()), "scored-sink");
        context.forward(new Record<>(s.getId(), (Object) out, now.toEpochMilli()), "windows");
      }
    }
    pending.forEach(kv -> pendingStore.delete(kv.key));
    pending.clear();
  }

  private List<List<AlignmentScore>> score(String task, List<Sample> batch) {
    List<List<AlignmentScore>> out = new ArrayList<>();
    batch.forEach(s -> out.add(new ArrayList<>()));
    List<TargetState> taskTargets = targets.values().stream().filter(t -> t.task.equals(task)).toList();
    if (taskTargets.isEmpty()) {
      return out;
    }
    var methods = settings.methods(task);
    DsirCounts pool = pools.computeIfAbsent(task, k -> new DsirCounts());
    for (int i = 0; i < batch.size(); i++) {
      String text = ScoringText.of(batch.get(i).getPayload());
      if (text == null) {
        continue;
      }
      HashedNgrams.Counts counts = HashedNgrams.of(text);
      for (TargetState t : taskTargets) {
        if (methods.contains(ScorerSettings.DSIR) && t.dsir.total() > 0 && counts.total() > 0) {
          double value = DsirCounts.logWeight(t.dsir, pool, counts) / counts.total();
          out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.DSIR, DSIR_PROBE, t.version, value));
        }
        if (methods.contains(ScorerSettings.GZIP) && !t.gzip.isEmpty()) {
          out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.GZIP, "gzip-ncd-" + settings.gzipReferenceSize(),
              t.version, t.gzip.alignment(text)));
        }
      }
    }
    if (methods.contains(ScorerSettings.TASK2VEC)) {
      addTask2Vec(task, batch, taskTargets, out);
    }
    return out;
  }

  private void addTask2Vec(String task, List<Sample> batch, List<TargetState> taskTargets,
      List<List<AlignmentScore>> out) {
    List<TargetState> ready = taskTargets.stream().filter(t -> task2vecReferences.containsKey(t.targetId)).toList();
    if (ready.isEmpty()) {
      return;
    }
    Task2VecScoring.Embeddings embeddings = task2vec.embed(task, batch.stream().map(s -> s.getPayload()).toList());
    if (embeddings == null) {
      return;
    }
    for (TargetState t : ready) {
      Task2VecScoring.Reference ref = task2vecReferences.get(t.targetId);
      if (!ref.probeId().equals(embeddings.probeId())) {
        continue; // scores of different probes are never mixed
      }
      for (int i = 0; i < batch.size(); i++) {
        out.get(i).add(new AlignmentScore(t.targetId, ScorerSettings.TASK2VEC, ref.probeId(), t.version,
            task2vec.alignment(embeddings.rows()[i], ref.embedding())));
      }
    }
  }

  /** Publishes a new version of every changed target (and refreshes its Task2Vec reference). */
  private void publishTargets(long now) {
    for (TargetState t : targets.values()) {
      if (!t.dirty) {
        continue;
      }
      t.version++;
      t.dirty = false;
      TargetReference reference = t.toReference(Instant.ofEpochMilli(now));
      if (settings.methods(t.task).contains(ScorerSettings.TASK2VEC)) {
        Task2VecScoring.Reference r = task2vec.reference(t.task, targetPayloads(t.targetId));
        if (r != null) {
          task2vecReferences.put(t.targetId, r);
          reference.setTask2vecProbeId(r.probeId());
          List<Float> e = new ArrayList<>(r.embedding().length);
          for (float v : r.embedding()) {
            e.add(v);
          }
          reference.setTask2vecEmbedding(e);
          reference.setTask2vecSpread(r.spread());
          reference.setTask2vecBatches(r.batches());
        }
      }
      targetStore.put(t.targetId, reference);
      context.forward(new Record<>(t.targetId, (Object) reference, now), "reference-sink");
    }
  }

  private List<Object> targetPayloads(String targetId) {
    List<Object> payloads = new ArrayList<>();
    try (KeyValueIterator<String, Sample> it = targetSampleStore.prefixScan(targetId + "|",
        new org.apache.kafka.common.serialization.StringSerializer())) {
      it.forEachRemaining(kv -> payloads.add(kv.value.getPayload()));
    }
    return payloads;
  }

  private void restore() {
    try (KeyValueIterator<String, TargetReference> it = targetStore.all()) {
      it.forEachRemaining(kv -> {
        targets.put(kv.key, new TargetState(kv.value, settings.gzipReferenceSize()));
        if (kv.value.getTask2vecProbeId() != null && !kv.value.getTask2vecEmbedding().isEmpty()) {
          float[] e = new float[kv.value.getTask2vecEmbedding().size()];
          for (int i = 0; i < e.length; i++) {
            e[i] = kv.value.getTask2vecEmbedding().get(i);
          }
          task2vecReferences.put(kv.key, new Task2VecScoring.Reference(kv.value.getTask2vecProbeId(), e,
              kv.value.getTask2vecSpread() == null ? Double.NaN : kv.value.getTask2vecSpread(),
              kv.value.getTask2vecBatches()));
        }
      });
    }
    try (KeyValueIterator<String, Long> it = countStore.all()) {
      it.forEachRemaining(kv -> {
        String[] parts = kv.key.split("\\|");
        int bucket = Integer.parseInt(parts[parts.length - 1]);
        String owner = kv.key.substring(2, kv.key.lastIndexOf('|'));
        if (parts[0].equals("q")) {
          pools.computeIfAbsent(owner, k -> new DsirCounts()).set(bucket, kv.value);
        } else {
          TargetState t = targets.get(owner);
          if (t != null) {
            t.dsir.set(bucket, kv.value);
          }
        }
      });
    }
    try (KeyValueIterator<String, Sample> it = pendingStore.all()) {
      it.forEachRemaining(kv -> {
        pending.add(kv);
        sequence = Math.max(sequence, Long.parseLong(kv.key) + 1);
      });
    }
  }

  /** Why a sample cannot be scored, or null. */
  static String unscorable(Sample s) {
    Object p = s.getPayload();
    String text = ScoringText.of(p);
    String family = s.getTask().split("\\.", 2)[0];
    if ((family.equals("mt") || family.equals("lm")) && text == null) {
      return "task " + s.getTask() + " needs a text payload, got " + p.getClass().getSimpleName();
    }
    if (text != null && text.isBlank()) {
      return "empty text";
    }
    if (p instanceof Features f) {
      if (f.getValues().stream().anyMatch(v -> v.isInfinite())) {
        return "infinite feature value";
      }
      if (!f.getValues().isEmpty() && f.getValues().stream().allMatch(v -> v.isNaN())) {
        return "every feature is NaN";
      }
    }
    if (p instanceof Image i) {
      long expected = (long) i.getWidth() * i.getHeight() * (i.getBitsPerPixel() / 8);
      if (i.getWidth() <= 0 || i.getHeight() <= 0 || i.getPixels().remaining() != expected) {
        return "unreadable image: " + i.getPixels().remaining() + " bytes for " + i.getWidth() + "x" + i.getHeight()
            + "x" + i.getBitsPerPixel() + " bits";
      }
    }
    return null;
  }
}
