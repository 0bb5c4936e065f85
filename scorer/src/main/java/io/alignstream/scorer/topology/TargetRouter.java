package io.alignstream.scorer.topology;

import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.scorer.text.ScoringText;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step after decoding {@code samples-raw}: samples the scorer cannot score go to the dead
 * letters; TARGET samples go (re-keyed by target id) to {@code target-samples} for their reference
 * and pass through to {@code samples-scored} without scores; POOL samples go on to be scored.
 */
final class TargetRouter implements Processor<String, Object, String, Object> {
  private ProcessorContext<String, Object> context;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Object> record) {
    Sample sample = (Sample) record.value();
    String problem = unscorable(sample);
    if (problem != null) {
      var where = context.recordMetadata().orElseThrow();
      context.forward(new Record<>(record.key(), (Object) DeadLetters.fromInput("scorer", where.topic() + "-"
          + where.partition() + "@" + where.offset(), sample.toString(), "UnscorableSample", problem),
          record.timestamp()), ScorerTopology.DEAD_LETTER_SINK);
      return;
    }
    if (sample.getRole() == Role.TARGET) {
      context.forward(new Record<>(targetId(sample), (Object) sample, record.timestamp()),
          ScorerTopology.TARGET_SAMPLES_SINK);
      context.forward(new Record<>(sample.getId(), (Object) new ScoredSample(sample, List.of(), Instant.now()),
          record.timestamp()), ScorerTopology.SCORED_SINK);
    } else {
      context.forward(record.withKey(sample.getId()), ScorerTopology.SCORE);
    }
  }

  /** A target sample's target: its explicit id, else the task's default target. */
  static String targetId(Sample s) {
    return s.getTargetId() != null ? s.getTargetId() : s.getTask() + "/default";
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
