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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds each target's reference from its samples (all of one target arrive on one task of
 * {@code target-samples}): DSIR target counts, a gzip reservoir, a reservoir of payloads for Task2Vec
 * f(T). Changed targets are published to {@code target-embeddings} with a new version at most every
 * {@code publishEvery}.
 */
final class ReferenceBuilder implements Processor<String, Object, String, Object> {
  static final int TARGET_SAMPLE_RESERVOIR = 256;

  private final ScorerSettings settings;
  private final Task2VecScoring task2vec;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, TargetReference> targetStore;
  private KeyValueStore<String, Long> countStore;
  private KeyValueStore<String, Sample> sampleStore;
  private final Map<String, TargetState> targets = new HashMap<>();

  ReferenceBuilder(ScorerSettings settings, Task2VecScoring task2vec) {
    this.settings = settings;
    this.task2vec = task2vec;
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
      if (!t.dirty) {
        continue;
      }
      t.version++;
      t.dirty = false;
      TargetReference reference = t.toReference(Instant.ofEpochMilli(now));
      if (settings.methods(t.task).contains(ScorerSettings.TASK2VEC)) {
        Task2VecScoring.Reference r = task2vec.reference(t.task, payloads(t.targetId));
        if (r != null) {
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
      context.forward(new Record<>(t.targetId, (Object) reference, now), ScorerTopology.REFERENCE_SINK);
    }
  }

  private List<Object> payloads(String targetId) {
    List<Object> payloads = new ArrayList<>();
    try (KeyValueIterator<String, Sample> it = sampleStore.prefixScan(targetId + "|", new StringSerializer())) {
      it.forEachRemaining(kv -> payloads.add(kv.value.getPayload()));
    }
    return payloads;
  }
}
