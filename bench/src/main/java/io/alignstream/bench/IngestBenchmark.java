package io.alignstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.ingest.files.FileImporter;
import io.alignstream.ingest.files.Formats;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.files.ImportSummary;
import io.alignstream.ingest.generate.MtGenerator;
import io.alignstream.ingest.generate.MtParams;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput against the running stack, side by side in one run: the raw idempotent
 * producer (baseline), HTTP {@code POST /samples} in batches and one by one, JSON-lines file import,
 * and gettext import of real catalogs. Prints samples/s and each path's ratio to the baseline.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest samples/s: producer baseline vs HTTP and file import.")
public final class IngestBenchmark implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--state-dir", description = "Run file of the running stack (default <repo>/.alignstream).")
  Path stateDir;

  @Option(names = "--samples", defaultValue = "50000", description = "Samples per measured path.")
  int samples;

  @Option(names = "--http-threads", defaultValue = "4")
  int threads;

  @Option(names = "--batch", defaultValue = "100", description = "Samples per HTTP request.")
  int batch;

  @Option(names = "--gettext", defaultValue = "/usr/share/locale/fr/LC_MESSAGES")
  Path gettext;

  @Override
  public Integer call() throws Exception {
    BenchStack stack = BenchStack.find(stateDir);
    String bootstrap = stack.bootstrap();
    TopicCatalogue topics = stack.topics();
    String ingestUrl = stack.ingestUrl();
    List<String[]> rows = new ArrayList<>();
    // Warm-up so that schema registration and JIT do not land in the first measurement.
    producer(bootstrap, topics, 2_000, 1);
    double baseline = producer(bootstrap, topics, samples, 2);
    rows.add(row("producer (SampleSink, baseline)", samples, baseline, baseline));
    if (ingestUrl != null) {
      http(ingestUrl, 2_000, batch, 3);
      double batched = http(ingestUrl, samples, batch, 4);
      rows.add(row("HTTP POST /samples, " + batch + "/request, " + threads + " clients", samples, batched, baseline));
      int single = Math.min(samples, 5_000);
      double one = http(ingestUrl, single, 1, 5);
      rows.add(row("HTTP POST /samples, 1/request, " + threads + " clients", single, one, baseline));
    }
    Path jsonl = Files.createTempFile("bench", ".jsonl");
    writeJsonLines(jsonl, samples, 6);
    ImportSummary file = importFiles(bootstrap, topics, List.of(jsonl), Formats.Name.jsonl);
    rows.add(row("file import, JSON lines", file.accepted(), file.samplesPerSecond(), baseline));
    Files.deleteIfExists(jsonl);
    if (Files.isDirectory(gettext)) {
      ImportSummary mo = importFiles(bootstrap, topics, List.of(gettext), Formats.Name.gettext);
      rows.add(row("file import, gettext .mo (" + gettext + ")", mo.accepted(), mo.samplesPerSecond(), baseline));
    }
    System.out.printf("%n%-62s %10s %12s %8s%n", "path", "samples", "samples/s", "ratio");
    rows.forEach(r -> System.out.printf("%-62s %10s %12s %8s%n", (Object[]) r));
    return 0;
  }

  private static String[] row(String name, long n, double rate, double baseline) {
    return new String[] {name, Long.toString(n), String.format("%.0f", rate), String.format("%.2f", rate / baseline)};
  }

  private static List<Sample> generate(int n, long seed) {
    return new MtGenerator(MtParams.defaults().withSeed(seed)).stream(n).toList();
  }

  private static double producer(String bootstrap, TopicCatalogue topics, int n, long seed) throws Exception {
    List<Sample> data = generate(n, seed);
    Semaphore inFlight = new Semaphore(20_000);
    AtomicLong failed = new AtomicLong();
    try (SampleSink sink = new SampleSink(bootstrap, topics, Duration.ofSeconds(60), Map.of())) {
      long start = System.nanoTime();
      for (Sample s : data) {
        inFlight.acquire();
        sink.send(s).whenComplete((m, e) -> {
          if (e != null) {
            failed.incrementAndGet();
          }
          inFlight.release();
        });
      }
      sink.flush();
      inFlight.acquire(20_000);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " sends failed");
      }
      return n / seconds;
    }
  }

  private double http(String url, int n, int perRequest, long seed) throws Exception {
    List<Sample> data = generate(n, seed);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i += perRequest) {
      ArrayNode array = JSON.createArrayNode();
      for (Sample s : data.subList(i, Math.min(n, i + perRequest))) {
        array.add(json(s));
      }
      bodies.add(perRequest == 1 ? array.get(0).toString() : array.toString());
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong retries = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (String body : bodies) {
      done.add(pool.submit(() -> {
        for (int attempt = 0; attempt < 20; attempt++) {
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/samples"))
              .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return null;
          }
          if (r.statusCode() != 429 && r.statusCode() != 503) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
          }
          retries.incrementAndGet();
          Thread.sleep(200);
        }
        throw new IllegalStateException("gave up after 20 attempts");
      }));
    }
    for (Future<?> f : done) {
      f.get(10, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    if (retries.get() > 0) {
      System.out.printf("(HTTP %d/request: %d retries after 429/503)%n", perRequest, retries.get());
    }
    return n / seconds;
  }

  private static ObjectNode json(Sample s) {
    TextPair p = (TextPair) s.getPayload();
    ObjectNode o = JSON.createObjectNode().put("task", s.getTask()).put("role", s.getRole().name())
        .put("source", "bench").put("domain", s.getDomain()).put("eventTime", s.getEventTime().toEpochMilli());
    o.putObject("payload").put("type", "TextPair").put("src", p.getSrc()).put("tgt", p.getTgt())
        .put("srcLang", p.getSrcLang()).put("tgtLang", p.getTgtLang());
    return o;
  }

  private static void writeJsonLines(Path file, int n, long seed) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (Sample s : generate(n, seed)) {
        out.write(json(s).toString());
        out.newLine();
      }
    }
  }

  private static ImportSummary importFiles(String bootstrap, TopicCatalogue topics, List<Path> inputs,
      Formats.Name format) throws Exception {
    try (SampleSink sink = new SampleSink(bootstrap, topics, Duration.ofSeconds(60), Map.of())) {
      return new FileImporter(sink, FileImporter.Progress.NONE).run(inputs, Formats.of(format),
          new ImportOptions("mt.en-fr", Role.POOL, null, Map.of(), List.of(), null, null, null, null, null, null));
    }
  }
}
