package io.alignstream.curator.topology;

import io.alignstream.curator.policy.Policy;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one policy to the samples routed to it (all samples of a policy arrive on one task, keyed
 * by the policy id): reads the sample's alignment, drops duplicates, lets the policy's selection
 * decide, and forwards each chosen sample to its datasets' curated topics (header
 * {@value #DATASET_HEADER}) until they seal. Manifests go to {@code datasets} when a dataset seals
 * and otherwise at most every {@code manifestEvery}. All state is in changelogged stores.
 */
final class Selector implements Processor<String, Object, String, Object> {
  static final String DATASET_HEADER = "alignstream.dataset";
  static final String SEQUENCE_HEADER = "alignstream.seq";

  private final Policies policies;
  private final Duration manifestEvery;
  private final CurationListener listener;
  private final java.util.function.Function<String, String> curatedTopic;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> datasetStore;
  private KeyValueStore<String, byte[]> policyStore;
  private KeyValueStore<String, ScoredSample> heldStore;
  private KeyValueStore<String, DatasetManifest> manifests;
  private Dedup dedup;
  private final Map<String, DatasetState> datasets = new HashMap<>();
  private final Map<String, Held> states = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();

  Selector(Policies policies, Duration manifestEvery, CurationListener listener,
      java.util.function.Function<String, String> curatedTopic) {
    this.policies = policies;
    this.manifestEvery = manifestEvery;
    this.listener = listener;
    this.curatedTopic = curatedTopic;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    datasetStore = context.getStateStore(CuratorTopology.DATASET_STORE);
    policyStore = context.getStateStore(CuratorTopology.POLICY_STORE);
    heldStore = context.getStateStore(CuratorTopology.HELD_STORE);
    manifests = context.getStateStore(CuratorTopology.MANIFESTS_GLOBAL_STORE);
    dedup = new Dedup(context.getStateStore(CuratorTopology.DEDUP_STORE));
    policies.init(context.getStateStore(CuratorTopology.POLICIES_GLOBAL_STORE));
    context.schedule(manifestEvery, PunctuationType.WALL_CLOCK_TIME, now -> publishDirty(now));
  }

  @Override
  public void process(Record<String, Object> record) {
    ScoredSample sample = (ScoredSample) record.value();
    Policy p = policies.get(record.key());
    if (p == null) {
      listener.skipped(record.key(), "policy-removed");
      return;
    }
    double score = score(p, sample);
    if (Double.isNaN(score) && p.selection().needsScore()) {
      listener.skipped(p.id(), "no-score");
      return;
    }
    if (Double.isInfinite(score)) {
      var where = context.recordMetadata().orElseThrow();
      context.forward(new Record<>(sample.getSample().getId(), (Object) DeadLetters.fromInput("curator",
          where.topic() + "-" + where.partition() + "@" + where.offset(), sample.toString(), "UncuratableSample",
          "alignment " + score + " for policy " + p.id() + " (" + p.method() + ") is not finite"), record.timestamp()),
          CuratorTopology.DEAD_LETTER_SINK);
      listener.skipped(p.id(), "infinite-score");
      return;
    }
    String duplicate = dedup.check(p, sample);
    if (duplicate != null) {
      listener.skipped(p.id(), duplicate);
      return;
    }
    String fingerprint = PolicyState.fingerprint(p);
    Held held = states.get(p.id());
    if (held == null || !held.fingerprint.equals(fingerprint)) {
      held = new Held(fingerprint, PolicyState.fromBytes(p, policyStore.get(p.id())));
      states.put(p.id(), held);
    }
    PolicyState state = held.state;
    String id = sample.getSample().getId();
    List<String> into = state.decide(p, id, score);
    if (state instanceof PolicyState.Importance imp) {
      hold(p, imp, sample, record.timestamp());
    } else {
      if (state instanceof PolicyState.Counter c && !into.isEmpty()) {
        if (!randomHasRoom(p, c)) {
          into = List.of();
        } else {
          c.kept++;
        }
      }
      emit(p, into, sample, score, record.timestamp());
    }
    if (!(state instanceof PolicyState.Stateless)) {
      policyStore.put(p.id(), state.toBytes(fingerprint));
    }
  }

  /** A policy's decoded selection state and the fingerprint of the policy version it belongs to. */
  private record Held(String fingerprint, PolicyState state) {}

  private void hold(Policy p, PolicyState.Importance imp, ScoredSample sample, long timestamp) {
    String id = sample.getSample().getId();
    if (imp.lastOffer.inTopK()) {
      heldStore.put(p.id() + "|" + id, sample);
    }
    imp.lastOffer.evicted().ifPresent(gone -> heldStore.delete(p.id() + "|" + gone));
    if (imp.windowFull(p)) {
      for (String chosen : imp.closeWindow()) {
        ScoredSample s = heldStore.get(p.id() + "|" + chosen);
        heldStore.delete(p.id() + "|" + chosen);
        if (s != null && dedup.check(p, s) == null) {
          emit(p, List.of(p.id()), s, score(p, s), timestamp);
        }
      }
    }
  }

  private boolean randomHasRoom(Policy p, PolicyState.Counter c) {
    Policy.RandomControl r = (Policy.RandomControl) p.selection();
    if (r.match() == null) {
      return true;
    }
    DatasetManifest matched = manifests.get(r.match());
    if (matched == null) {
      return false;
    }
    long target = matched.getSizeLimit() != null ? matched.getSizeLimit() : matched.getSize();
    return c.kept < target;
  }

  private void emit(Policy p, List<String> into, ScoredSample sample, double score, long timestamp) {
    boolean emitted = false;
    for (String datasetId : into) {
      DatasetState d = dataset(datasetId);
      if (d.sealed) {
        continue;
      }
      RecordHeaders headers = new RecordHeaders();
      headers.add(DATASET_HEADER, datasetId.getBytes(StandardCharsets.UTF_8));
      headers.add(SEQUENCE_HEADER, Long.toString(d.size).getBytes(StandardCharsets.UTF_8));
      context.forward(new Record<>(sample.getSample().getId(), (Object) sample, timestamp, headers),
          CuratorTopology.CURATED_SINK);
      emitted = true;
      d.add(score);
      Long limit = sizeLimit(p, datasetId);
      d.sealed = limit != null && d.size >= limit;
      datasetStore.put(datasetId, d.countersToBytes());
      dirty.add(datasetId);
      listener.curated(datasetId);
      if (d.sealed) {
        publish(p, datasetId, d, timestamp);
      }
    }
    if (emitted) {
      dedup.remember(p, sample);
    }
  }

  private DatasetState dataset(String datasetId) {
    return datasets.computeIfAbsent(datasetId, id -> {
      byte[] stored = datasetStore.get(id);
      return stored == null ? new DatasetState()
          : DatasetState.fromBytes(stored, datasetStore.get(id + DatasetState.SKETCH_SUFFIX));
    });
  }

  private static Long sizeLimit(Policy p, String datasetId) {
    if (p.selection() instanceof Policy.Family) {
      return Long.parseLong(datasetId.substring(datasetId.lastIndexOf("-n") + 2));
    }
    return p.sizeLimit();
  }

  /**
   * The sample's alignment for the policy's (target, method); NaN when it has none or the target is
   * ambiguous. For importance resampling the score's log importance weight where it has one (DSIR:
   * {@code log w(x)}, so the draw is proportional to w as DSIR's reference draws), else its value.
   */
  static double score(Policy p, ScoredSample s) {
    if (p.method() == null) {
      return Double.NaN;
    }
    double value = Double.NaN;
    String target = null;
    for (AlignmentScore a : s.getScores()) {
      if (!a.getMethod().equals(p.method()) || (p.targetId() != null && !a.getTargetId().equals(p.targetId()))) {
        continue;
      }
      if (target != null && !target.equals(a.getTargetId())) {
        return Double.NaN; // two targets and the policy did not say which
      }
      target = a.getTargetId();
      value = p.selection() instanceof Policy.Importance && a.getLogWeight() != null ? a.getLogWeight() : a.getValue();
    }
    return value;
  }

  private void publishDirty(long now) {
    for (String datasetId : List.copyOf(dirty)) {
      Policy p = policies.ownerOf(datasetId);
      if (p != null) {
        publish(p, datasetId, dataset(datasetId), now);
      }
    }
    dirty.clear();
  }

  private void publish(Policy p, String datasetId, DatasetState d, long now) {
    datasetStore.put(datasetId + DatasetState.SKETCH_SUFFIX, d.sketchToBytes()); // persisted with each manifest
    DatasetManifest m = Manifests.of(p, datasetId, curatedTopic.apply(datasetId), d, sizeLimit(p, datasetId), now);
    context.forward(new Record<>(datasetId, (Object) m, now), CuratorTopology.DATASETS_SINK);
    dirty.remove(datasetId);
  }
}
