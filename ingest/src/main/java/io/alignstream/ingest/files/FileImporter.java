package io.alignstream.ingest.files;

import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Imports files into {@code samples-raw}: reads each file with its {@link SampleFormat}, validates
 * every sample, sends the good ones (idempotent producer, a bounded number in flight) and dead-letters
 * the bad ones with their reason. Directories are walked for files the format accepts. Counts only
 * what Kafka acknowledged as accepted.
 */
public final class FileImporter {
  private static final int MAX_IN_FLIGHT = 20_000;

  private final SampleSink sink;
  private final Progress progress;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  /** Told about progress after each record and file. */
  public interface Progress {
    void update(long filesDone, long filesTotal, long read, long accepted, long rejected);

    Progress NONE = (a, b, c, d, e) -> {};
  }

  public FileImporter(SampleSink sink, Progress progress) {
    this.sink = sink;
    this.progress = progress;
  }

  /** Imports every file under the inputs that the format accepts. */
  public ImportSummary run(List<Path> inputs, SampleFormat format, ImportOptions options) throws IOException {
    long start = System.nanoTime();
    List<Path> files = expand(inputs, format);
    long done = 0;
    for (Path file : files) {
      importFile(file, format, options);
      done++;
      progress.update(done, files.size(), read.get(), accepted.get(), rejected.get());
    }
    sink.flush();
    try {
      if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("Kafka did not acknowledge " + (MAX_IN_FLIGHT - inFlight.availablePermits())
            + " samples within 2 minutes");
      }
      inFlight.release(MAX_IN_FLIGHT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    progress.update(done, files.size(), read.get(), accepted.get(), rejected.get());
    Map<String, Long> byReason = new TreeMap<>();
    reasons.forEach((k, v) -> byReason.put(k, v.get()));
    return new ImportSummary(files.size(), read.get(), accepted.get(), rejected.get(), failed.get(), byReason,
        format.skipped(), Duration.ofNanos(System.nanoTime() - start));
  }

  private void importFile(Path file, SampleFormat format, ImportOptions options) {
    try (Stream<Parsed<Sample>> items = format.read(file, options)) {
      items.forEach(item -> handle(item, format.needsLabels()));
    } catch (IOException | UncheckedIOException e) {
      handle(Parsed.bad("cannot read file: " + e.getMessage(), file.toString(), null), false);
    }
  }

  private void handle(Parsed<Sample> item, boolean needsLabels) {
    read.incrementAndGet();
    if (!item.isOk()) {
      reject(item.sourceRef(), item.raw(), item.error());
      return;
    }
    List<String> errors = SampleValidator.validate(item.value());
    if (!errors.isEmpty()) {
      reject(item.sourceRef(), item.value().toString(), String.join("; ", errors));
      return;
    }
    inFlight.acquireUninterruptibly();
    (needsLabels ? sink.sendForLabelling(item.value()) : sink.send(item.value())).whenComplete((m, e) -> {
      if (e == null) {
        accepted.incrementAndGet();
      } else {
        failed.incrementAndGet();
        reasons.computeIfAbsent("not written to Kafka: " + e.getClass().getSimpleName(), k -> new AtomicLong())
            .incrementAndGet();
      }
      inFlight.release();
    });
    if (read.get() % 500 == 0) {
      progress.update(0, 0, read.get(), accepted.get(), rejected.get());
    }
  }

  private void reject(String sourceRef, String raw, String reason) {
    rejected.incrementAndGet();
    reasons.computeIfAbsent(reasonKey(reason), k -> new AtomicLong()).incrementAndGet();
    inFlight.acquireUninterruptibly();
    sink.deadLetter(DeadLetters.fromInput("ingest", sourceRef, raw, "RejectedRecord", reason)).whenComplete((m, e) -> {
      if (e != null) {
        // Rejected and not even dead-lettered: report it as not written, never as handled.
        failed.incrementAndGet();
        reasons.computeIfAbsent("dead letter not written to Kafka: " + e.getClass().getSimpleName(),
            k -> new AtomicLong()).incrementAndGet();
      }
      inFlight.release();
    });
  }

  /** Groups reasons by their leading phrase, so the summary shows kinds, not every value. */
  static String reasonKey(String reason) {
    String first = reason.split(";", 2)[0];
    int colon = first.indexOf(": ");
    String key = colon > 0 && colon < 60 ? first.substring(0, colon + 1) + " " + first.substring(colon + 2).replaceAll("'[^']*'|\\d+(\\.\\d+)?", "_")
        : first;
    return key.length() > 100 ? key.substring(0, 100) + "…" : key;
  }

  /** The files under the inputs (files as given, directories walked) that the format accepts, sorted per input. */
  public static List<Path> expand(List<Path> inputs, SampleFormat format) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).filter(format::accepts).sorted().forEach(files::add);
        }
      } else if (Files.exists(input)) {
        files.add(input);
      } else {
        throw new IOException("No such file or directory: " + input);
      }
    }
    return files;
  }
}
