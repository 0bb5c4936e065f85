package io.alignstream.curator.topology;

import io.alignstream.curator.policy.Policy;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.ScoredSample;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each POOL sample once to every policy of its task whose stateless rules it passes, keyed by
 * the policy id (so each policy's state lives on one partition of {@code curator-by-dataset}).
 */
final class FanOut implements Processor<String, Object, String, Object> {
  static final List<String> HISTORY_FEATURES = List.of("HIST_C24", "HIST_M24", "HIST_X24");
  private final Policies policies;
  private final CurationListener listener;
  private ProcessorContext<String, Object> context;

  FanOut(Policies policies, CurationListener listener) {
    this.policies = policies;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    policies.init(context.getStateStore(CuratorTopology.POLICIES_GLOBAL_STORE));
  }

  @Override
  public void process(Record<String, Object> record) {
    ScoredSample scored = (ScoredSample) record.value();
    Sample s = scored.getSample();
    if (s.getRole() != Role.POOL) {
      return; // targets define the task; they are not training data for it
    }
    for (Policy p : policies.all(System.currentTimeMillis())) {
      if (!p.task().equals(s.getTask())) {
        continue;
      }
      String rule;
      try {
        rule = failedRule(p.rules(), s);
      } catch (NumberFormatException e) {
        var where = context.recordMetadata().orElseThrow();
        context.forward(new Record<>(s.getId(), (Object) DeadLetters.fromInput("curator", where.topic() + "-"
            + where.partition() + "@" + where.offset(), scored.toString(), "UncuratableSample",
            "policy " + p.id() + ": NOAA_NUM '" + s.getMetadata().get("NOAA_NUM") + "' is not an integer"),
            record.timestamp()), CuratorTopology.DEAD_LETTER_SINK);
        listener.skipped(p.id(), "unreadable-noaa-num");
        continue;
      }
      if (rule != null) {
        listener.skipped(p.id(), rule);
        continue;
      }
      context.forward(record.withKey(p.id()), CuratorTopology.BY_DATASET_SINK);
    }
  }

  /** The name of the first rule the sample fails, or null; NumberFormatException for an unreadable NOAA_NUM. */
  static String failedRule(Policy.Rules rules, Sample s) {
    if (rules.maxNoaaNum() != null) {
      String n = s.getMetadata().get("NOAA_NUM");
      if (n != null && !n.isBlank() && Integer.parseInt(n.trim()) > rules.maxNoaaNum()) {
        return "max-noaa-num";
      }
    }
    if (rules.requireFlaringHistory() && !hasFlaringHistory(s)) {
      return "require-flaring-history";
    }
    return null;
  }

  /** C, M or X flares in [t−24h, t), from the HIST_* features ingest attaches to labelled SHARP samples. */
  private static boolean hasFlaringHistory(Sample s) {
    if (!(s.getPayload() instanceof Features f)) {
      return false;
    }
    for (int i = 0; i < f.getNames().size(); i++) {
      if (HISTORY_FEATURES.contains(f.getNames().get(i)) && f.getValues().get(i) > 0) {
        return true;
      }
    }
    return false;
  }
}
