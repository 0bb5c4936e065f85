package io.alignstream.ingest.sample;

import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.time.Instant;
import java.util.Map;

/** Builds samples with their deterministic id; the one place that knows which fields a new sample needs. */
public final class Samples {
  private Samples() {}

  /**
   * @param payload a TextPair, Text, Features or Image
   * @param eventTime when the sample happened (observation time, file time); ingest time is now
   */
  public static Sample of(String task, Role role, String source, String domain, Object payload, Instant eventTime,
      Map<String, String> metadata) {
    Sample sample = Sample.newBuilder()
        .setId("")
        .setTask(task)
        .setRole(role)
        .setSource(source)
        .setDomain(domain)
        .setEventTime(eventTime)
        .setIngestTime(Instant.now())
        .setPayload(payload)
        .setMetadata(Map.copyOf(metadata))
        .build();
    return SampleIds.assign(sample);
  }
}
