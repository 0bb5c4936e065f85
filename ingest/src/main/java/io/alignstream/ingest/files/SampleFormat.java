package io.alignstream.ingest.files;

import io.alignstream.ingest.sample.Parsed;
import io.alignstream.schemas.sample.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A file format that yields samples, streaming (files may be larger than memory). A bad record is a
 * {@link Parsed#bad} with the reason and its place in the file, never an exception; an unreadable
 * file may throw {@link IOException}, which the importer reports as one bad item for the file.
 */
public interface SampleFormat {
  /** The name used with {@code --format}. */
  String name();

  /** Whether a file (found while walking a directory) belongs to this format. */
  boolean accepts(Path file);

  /** The samples of one file; the caller closes the stream. */
  Stream<Parsed<Sample>> read(Path file, ImportOptions options) throws IOException;

  /** True when the samples are unlabelled SHARP records for the late-label join (topic solar-sharp). */
  default boolean needsLabels() {
    return false;
  }

  /** Entries skipped on purpose so far (not errors), by kind, e.g. fuzzy gettext entries. */
  default java.util.Map<String, Long> skipped() {
    return java.util.Map.of();
  }
}
