package io.alignstream.experiment;

import io.alignstream.ingest.files.Formats;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.files.SampleFormat;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Targets and pool from the user's own files, read by ingest's file formats ({@code swan_sf}, {@code csv},
 * {@code jsonl}, {@code image}, {@code gettext}); records a format rejects are counted and left out (the
 * report says how many). The pool is shuffled so every part of the stream has the same mix.
 */
final class FileWorkload {
  private FileWorkload() {}

  static Workload read(String kind, String task, Formats.Name formatName, Path targets, Path pool, long seed) {
    SampleFormat format = Formats.of(formatName);
    if (format.needsLabels()) {
      throw new IllegalArgumentException("Format " + formatName + " gives unlabelled SHARP records (they are labelled by"
          + " ingest's live join over 24 h); an experiment needs labelled samples: use swan_sf or csv with a label");
    }
    int[] rejected = {0};
    List<Sample> t = load(format, targets, task, Role.TARGET, rejected);
    List<Sample> p = load(format, pool, task, Role.POOL, rejected);
    Collections.shuffle(p, new Random(seed));
    Map<String, Integer> composition = new TreeMap<>();
    p.forEach(s -> composition.merge(s.getDomain() == null ? "(no domain)" : s.getDomain(), 1, Integer::sum));
    return new Workload(kind, task, formatName + " files: " + t.size() + " targets from " + targets + ", pool of " + p.size()
        + " from " + pool + (rejected[0] > 0 ? " (" + rejected[0] + " records the format rejected left out)" : ""), t, p,
        composition);
  }

  private static List<Sample> load(SampleFormat format, Path root, String task, Role role, int[] rejected) {
    ImportOptions options = new ImportOptions(task, role, null, Map.of(), List.of(), null, null, null, null, null, null);
    List<Sample> out = new ArrayList<>();
    try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
      for (Path f : files.filter(x -> Files.isRegularFile(x) && (!Files.isDirectory(root) || format.accepts(x))).sorted()
          .toList()) {
        try (Stream<Parsed<Sample>> parsed = format.read(f, options)) {
          parsed.forEach(x -> {
            if (x.isOk() && SampleValidator.validate(x.value()).isEmpty()) {
              out.add(x.value());
            } else {
              rejected[0]++;
            }
          });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + root, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("No usable " + role.name().toLowerCase() + " samples in " + root);
    }
    return out;
  }
}
