package io.alignstream.scorer.topology;

import io.alignstream.schemas.sample.Sample;
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
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds each target's reference from its samples (all of one target arrive on one task of
 * {@code target-samples}): DSIR target counts, a gzip reservoir, a reservoir of payloads for the
 * encoders' mean embeddings (Task2Vec f(T), mean sentence embedding) and the calibration payloads.
 * Changed targets are published to {@code target-embeddings} with a new version at most every
 * {@code publishEvery}; the encoders' means, which cost seconds, are recomputed at most every
 * {@code encoderReferenceEvery} and only when targets were added, on {@link EncoderWork} (never on the
 * stream thread): a later publication picks the finished refresh up.
 */
final class ReferenceBuilder implements Processor<String, Object, String, Object> {
  static final int TARGET_SAMPLE_RESERVOIR = 256;
  /** Text payloads of the reservoir handed to every scoring task for calibration. */
  static final int CALIBRATION_PAYLOADS = 32;

  private final ScorerSettings settings;
  private final List<EmbeddingScoring> encoders;
  private final EncoderWork work;
  /** Encoder refreshes submitted and not yet picked up, per target. */
  private final Map<String, CompletableFuture<Refresh>> refreshing = new HashMap<>();
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, TargetReference> targetStore;
  private KeyValueStore<String, Long> countStore;
  private KeyValueStore<String, Sample> sampleStore;
  private final Map<String, TargetState> targets = new HashMap<>();

  /** An encoder refresh's result: the references of the targets counted up to {@code count}. */
  private record Refresh(long startedAt, long count, Map<String, EmbeddingScoring.Reference> references,
      List<Object> calibration) {}

  ReferenceBuilder(ScorerSettings settings, List<EmbeddingScoring> encoders, EncoderWork work) {
    this.settings = settings;
    this.encoders = encoders;
    this.work = work;
  }

  @Override
  public void close() {
    refreshing.values().forEach(f -> f.cancel(false));
    refreshing.clear();
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    targetStore = context.getStateStore(ScorerTopology.TARGETS_STORE);
    countStore = context.getStateStore(ScorerTopology.TARGET_COUNTS_STORE);
    sampleStore = context.getStateStore(ScorerTopology.TARGET_SAMPLES_STORE);
    try (KeyValueIterator<String, TargetReference> it = targetStore.all()) {
      it.forEachRemaining(kv -> {
        TargetState t = new TargetState(kv.value, settings.gzipReferenceSize());
        t.dirty = true; // republish after a restart: the last change may not have been published
        targets.put(kv.key, t);
      });
    }
    try (KeyValueIterator<String, Long> it = countStore.all()) {
      it.forEachRemaining(kv -> {
        TargetState t = targets.get(DsirCounts.ownerOf(kv.key));
        if (t != null) {
          t.dsir.set(DsirCounts.bucketOf(kv.key), kv.value);
        }
      });
    }
    context.schedule(settings.publishEvery(), PunctuationType.WALL_CLOCK_TIME, this::publish);
  }

  @Override
  public void process(Record<String, Object> record) {
    Sample sample = (Sample) record.value();
    String id = record.key();
    TargetState target = targets.computeIfAbsent(id,
        k -> new TargetState(k, sample.getTask(), settings.gzipReferenceSize()));
    String text = ScoringText.of(sample.getPayload());
    if (text != null) {
      target.dsir.add(HashedNgrams.of(text), (bucket, count) -> countStore.put(DsirCounts.storeKey(id, bucket), count));
      target.gzip.add(text);
    }
    long slot = target.targetCount < TARGET_SAMPLE_RESERVOIR ? target.targetCount
        : new SplittableRandom(sample.getId().hashCode()).nextLong(target.targetCount + 1);
    if (slot < TARGET_SAMPLE_RESERVOIR) {
      sampleStore.put(id + "|" + String.format("%04d", slot), sample);
    }
    target.targetCount++;
    target.dirty = true;
    // The reference is durable at once; only its publication is rate-limited.
    targetStore.put(id, target.toReference(Instant.ofEpochMilli(record.timestamp())));
  }

  private void publish(long now) {
    for (TargetState t : targets.values()) {
      // Targets that arrived while the encoders' refresh was not yet due are folded in once it is
      // (publication clears dirty, so the pending refresh is checked on its own).
      boolean refreshed = refreshEncoders(t, now);
      if (!t.dirty && !refreshed) {
        continue;
      }
      t.version++;
      t.dirty = false;
      TargetReference reference = t.toReference(Instant.ofEpochMilli(now));
      targetStore.put(t.targetId, reference);
      context.forward(new Record<>(t.targetId, (Object) reference, now), ScorerTopology.REFERENCE_SINK);
    }
  }

  /**
   * Picks a finished refresh of the encoders' means up (true when it did), or submits one when targets
   * were added and the last refresh is old enough.
   */
  private boolean refreshEncoders(TargetState t, long now) {
    CompletableFuture<Refresh> running = refreshing.get(t.targetId);
    if (running == null) {
      boolean due = t.encodersRefreshedCount != t.targetCount
          && (t.encodersRefreshedAt == Long.MIN_VALUE || now - t.encodersRefreshedAt >= settings.encoderReferenceEvery().toMillis());
      List<EmbeddingScoring> wanted = encoders.stream().filter(e -> settings.methods(t.task).contains(e.method())).toList();
      if (!due || wanted.isEmpty()) {
        return false;
      }
      List<Object> payloads = payloads(t.targetId);
      long count = t.targetCount;
      String task = t.task;
      running = work.submit(() -> {
        Map<String, EmbeddingScoring.Reference> refs = new HashMap<>();
        for (EmbeddingScoring e : wanted) {
          EmbeddingScoring.Reference r = e.reference(task, payloads);
          if (r != null) {
            refs.put(e.method(), r);
          }
        }
        List<Object> calibration = payloads.stream()
            .filter(p -> p instanceof io.alignstream.schemas.sample.TextPair || p instanceof io.alignstream.schemas.sample.Text)
            .limit(CALIBRATION_PAYLOADS).toList();
        return new Refresh(now, count, refs, calibration);
      });
      refreshing.put(t.targetId, running);
    }
    if (!running.isDone()) {
      return false;
    }
    refreshing.remove(t.targetId);
    Refresh done = EncoderWork.result(running);
    t.encoderReferences.putAll(done.references());
    t.calibration = done.calibration();
    t.encodersRefreshedAt = done.startedAt();
    t.encodersRefreshedCount = done.count();
    return true;
  }

  private List<Object> payloads(String targetId) {
    List<Object> payloads = new ArrayList<>();
    try (KeyValueIterator<String, Sample> it = sampleStore.prefixScan(targetId + "|", new StringSerializer())) {
      it.forEachRemaining(kv -> payloads.add(kv.value.getPayload()));
    }
    return payloads;
  }
}
