package io.alignstream.ingest.topology;

import io.alignstream.ingest.solar.FlareEvent;
import io.alignstream.ingest.solar.FlareLabeler;
import io.alignstream.ingest.solar.SharpRecord;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.solar.SolarFlare;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds unlabelled SHARP samples (key: zero-padded T_REC millis + sample id, so a range scan finds
 * every due record) and labels them once their window closed plus the grace period.
 */
final class SolarLabelProcessor implements Processor<String, Object, String, Object> {
  private final FlareLabeler labeler;
  private final SolarLabelTopology.Settings settings;
  private final String labelledChild;
  private final String deadLetterChild;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Sample> pending;
  private KeyValueStore<String, SolarFlare> flares;

  SolarLabelProcessor(FlareLabeler labeler, SolarLabelTopology.Settings settings, String labelledChild,
      String deadLetterChild) {
    this.labeler = labeler;
    this.settings = settings;
    this.labelledChild = labelledChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.pending = context.getStateStore(SolarLabelTopology.PENDING_STORE);
    this.flares = context.getStateStore(SolarLabelTopology.FLARE_STORE);
    context.schedule(settings.punctuateEvery(), PunctuationType.WALL_CLOCK_TIME, this::emitDue);
  }

  @Override
  public void process(Record<String, Object> record) {
    Sample sample = (Sample) record.value();
    SharpRecord sharp;
    try {
      sharp = SolarRecords.sharp(sample);
    } catch (IllegalArgumentException e) {
      var where = context.recordMetadata().orElseThrow();
      context.forward(new Record<>(record.key(), (Object) DeadLetters.fromInput("ingest",
          where.topic() + "-" + where.partition() + "@" + where.offset(), sample.toString(), "InvalidSharpSample",
          e.getMessage()), record.timestamp()), deadLetterChild);
      return;
    }
    pending.put(key(sharp.tRec().toEpochMilli(), sample.getId()), sample);
  }

  private void emitDue(long wallClockMillis) {
    long cutoff = Instant.ofEpochMilli(wallClockMillis).minus(FlareLabeler.WINDOW).minus(settings.grace()).toEpochMilli();
    List<KeyValue<String, Sample>> due = new ArrayList<>();
    try (KeyValueIterator<String, Sample> it = pending.range(key(0, ""), key(cutoff, "\uffff"))) {
      it.forEachRemaining(due::add);
    }
    if (due.isEmpty()) {
      return;
    }
    List<FlareEvent> events = new ArrayList<>();
    try (KeyValueIterator<String, SolarFlare> it = flares.all()) {
      it.forEachRemaining(kv -> events.add(SolarRecords.event(kv.value)));
    }
    for (KeyValue<String, Sample> kv : due) {
      Sample labelled = SolarRecords.labelled(kv.value, labeler.label(SolarRecords.sharp(kv.value), events));
      context.forward(new Record<>(labelled.getId(), (Object) labelled, wallClockMillis), labelledChild);
      pending.delete(kv.key);
    }
  }

  static String key(long millis, String id) {
    return String.format("%015d|%s", Math.max(0, millis), id);
  }
}
