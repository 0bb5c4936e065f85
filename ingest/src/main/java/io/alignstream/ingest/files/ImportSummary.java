package io.alignstream.ingest.files;

import java.time.Duration;
import java.util.Map;

/**
 * What an import did. {@code accepted} counts samples Kafka acknowledged; {@code rejected} counts bad
 * records, each of which went to the dead-letter topic; {@code skipped} counts entries left out on purpose (e.g. fuzzy
 * gettext entries); {@code failed} counts valid samples Kafka did
 * not take (nothing is silently lost: they are reported here and the exit code is non-zero).
 */
public record ImportSummary(long files, long read, long accepted, long rejected, long failed,
    Map<String, Long> rejectionReasons, Map<String, Long> skipped, Duration took) {

  public double samplesPerSecond() {
    return took.isZero() ? 0 : accepted / (took.toNanos() / 1e9);
  }
}
