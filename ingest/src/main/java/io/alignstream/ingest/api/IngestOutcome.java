package io.alignstream.ingest.api;

import java.util.List;

/** JSON bodies of {@code POST /samples} answers. */
public final class IngestOutcome {
  private IngestOutcome() {}

  /** One stored sample: where Kafka put it. */
  public record Stored(int index, String id, int partition, long offset) {}

  /** 200: every sample was acknowledged by Kafka. */
  public record Accepted(int accepted, List<Stored> samples) {}

  /** What is wrong with one item of the request. */
  public record ItemErrors(int index, List<String> errors) {}

  /** 400: nothing was stored; each bad item with its problems (also sent to the dead-letter topic). */
  public record Rejected(String error, int received, List<ItemErrors> items) {}

  /** 413, 429, 503 and other failures. */
  public record Failure(String error, String detail) {}
}
