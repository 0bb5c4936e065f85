package io.alignstream.infra.e2e;

import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.time.Instant;
import java.util.Map;

/** Sample records for the contract tests. */
final class Samples {
  private Samples() {}

  static Sample textPair(String id, String src, String tgt) {
    return Sample.newBuilder()
        .setId(id)
        .setTask("mt.en-fr")
        .setRole(Role.POOL)
        .setSource("test")
        .setDomain("git")
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
        .setIngestTime(Instant.ofEpochMilli(1_700_000_000_123L))
        .setPayload(new TextPair(src, tgt, "en", "fr"))
        .setMetadata(Map.of("file", "git.mo"))
        .build();
  }
}
