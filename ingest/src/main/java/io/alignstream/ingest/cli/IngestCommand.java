package io.alignstream.ingest.cli;

import io.alignstream.ingest.files.FileImporter;
import io.alignstream.ingest.files.Formats;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.files.ImportSummary;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.sample.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/alignstream ingest PATH... --format F --task T --role POOL|TARGET}: imports files into
 * {@code samples-raw}, bad records to the dead-letter topic, with a progress bar and a summary.
 * Exit 0 when every record was accepted, 2 when some were rejected or not written.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Import files (gettext .po/.mo, JSON lines, CSV, solar formats, PNG/TIFF images) into samples-raw.")
public final class IngestCommand implements Callable<Integer> {
  @Mixin StackConnection stack;

  @Parameters(arity = "1..*", description = "Files or directories (walked for files of the format).")
  List<Path> paths;

  @Option(names = "--format", required = true, description = "One of: ${COMPLETION-CANDIDATES}.")
  Formats.Name format;

  @Option(names = "--task", required = true, description = "Task, e.g. mt.en-fr, solar.flare24h, stem.size.")
  String task;

  @Option(names = "--role", defaultValue = "POOL", description = "POOL or TARGET (default POOL).")
  Role role;

  @Option(names = "--domain", description = "Domain of every sample (default: from the file, e.g. the gettext catalog group).")
  String domain;

  @Option(names = "--field", description = "Column mapping payloadField=column (src, tgt, text, label, domain, eventTime).")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(names = "--features", split = ",", description = "Feature columns (default: every numeric column but the label).")
  List<String> features = List.of();

  @Option(names = "--src-lang", description = "Source language of text pairs (default en).")
  String srcLang;

  @Option(names = "--lang", description = "Target language (gettext: default from the path <lang>/LC_MESSAGES).")
  String tgtLang;

  @Option(names = "--labels", description = "Labels CSV for images: file,label[,pixelSizeAngstrom].")
  Path labels;

  @Option(names = "--pixel-size", description = "Pixel size of images in Angstrom when the labels CSV has none.")
  Double pixelSize;

  @Option(names = "--harp-noaa", description = "JSOC HARP-to-NOAA mapping file for SHARP records.")
  Path harpNoaa;

  @Option(names = "--domain-rules", description = "gettext catalog grouping, group=regex|regex;... (default: built-in).")
  String domainRules;

  @Override
  public Integer call() throws Exception {
    ImportOptions options = new ImportOptions(task, role, domain, fields, features, srcLang, tgtLang, labels,
        pixelSize, harpNoaa, domainRules);
    ImportSummary summary;
    try (SampleSink sink = new SampleSink(stack.kafka(), stack.catalogue(), Duration.ofSeconds(60), Map.of())) {
      summary = new FileImporter(sink, new ConsoleProgress(System.err)).run(paths, Formats.of(format), options);
    }
    System.out.printf("files %d, read %d, accepted %d, rejected %d, not written %d in %.1f s (%.0f samples/s)%n",
        summary.files(), summary.read(), summary.accepted(), summary.rejected(), summary.failed(),
        summary.took().toMillis() / 1000.0, summary.samplesPerSecond());
    summary.skipped().forEach((kind, n) -> System.out.printf("  skipped %8d  %s%n", n, kind));
    summary.rejectionReasons().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
        .forEach(e -> System.out.printf("  rejected %7d  %s%n", e.getValue(), e.getKey()));
    return summary.rejected() == 0 && summary.failed() == 0 ? 0 : 2;
  }
}
