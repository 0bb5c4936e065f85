package io.alignstream.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** The shared solar fixtures (shared/data/solar) and the settings every feed test uses. */
final class FeedFixtures {
  /** shared/data/solar, seen from the module directory that surefire runs in. */
  static final Path DIR = Path.of("../../shared/data/solar");
  static final String FLARES = "swpc-xray-flares-7-day.sample.json";
  static final String XRAYS = "swpc-xrays-7-day.sample.json";
  static final String REGIONS = "swpc-solar-regions.sample.json";
  static final String DONKI = "donki-flr.sample.json";
  static final String JSOC = "jsoc-rs_list.sample.json";

  private FeedFixtures() {}

  /** A fixture's text; the calling test is skipped (visibly) when the fixtures directory is absent. */
  static String fixture(String name) {
    assumeTrue(Files.isDirectory(DIR), "solar fixtures directory absent: " + DIR.toAbsolutePath());
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a piece of a payload that must be there (so a changed fixture fails loudly, not silently). */
  static String replace(String payload, String piece, String by) {
    assertThat(payload).contains(piece);
    return payload.replace(piece, by);
  }

  /** 2 s per attempt, 2 attempts, 50 ms backoff: fast and bounded. */
  static FeedHttp http() {
    return new FeedHttp(Duration.ofSeconds(2), 2, Duration.ofMillis(50));
  }

  static String transactionalId() {
    return "tx-" + UUID.randomUUID();
  }
}
