package io.alignstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alignstream.infra.launcher.RunFile;
import io.alignstream.ingest.generate.MtGenerator;
import io.alignstream.ingest.generate.MtParams;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline under a sustained, open-loop load against the running stack: generated MT
 * samples are posted to ingest at a fixed rate (batches of {@code --batch}), scored, and curated by
 * an {@code all} policy on a fresh task and dataset; a read-committed consumer of the curated topic
 * times each sample from its ingest time (set by the ingest service) to the moment it is visible
 * there. Every few seconds the RSS of every process of the stack and the consumer-group lag are
 * sampled. Two entry points: {@code soak} (minutes, first third vs last third) and {@code latency}
 * (DESIGN §8: p99 ingest → curated at 1,000 samples/s). Exit 1 when a sample acknowledged by ingest
 * is missing from the curated topic or appears there twice; nothing here asserts a time.
 */
public final class SoakBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TARGETS = 256;

  private SoakBenchmark() {}

  /** Options both entry points share. */
  static final class Options {
    @Option(names = "--state-dir", description = "State dir of the running stack (default <repo>/.alignstream).")
    Path stateDir;

    @Option(names = "--batch", defaultValue = "10", description = "Samples per HTTP request.")
    int batch;

    @Option(names = "--senders", defaultValue = "8", description = "HTTP client threads.")
    int senders;

    @Option(names = "--drain-minutes", defaultValue = "5", description = "How long to wait for the backlog after the load.")
    int drainMinutes;

    @Option(names = "--sample-every", defaultValue = "5", description = "Seconds between RSS/lag samples.")
    int sampleEvery;

    @Option(names = "--out", description = "Append the report (markdown) to this file.")
    Path out;
  }

  @Command(name = "soak", mixinStandardHelpOptions = true,
      description = "Sustained load through ingest -> scorer -> curator: latency, lag and RSS over time.")
  public static final class Soak implements Callable<Integer> {
    @Mixin Options options;

    @Option(names = "--minutes", defaultValue = "10", description = "Minutes of load (a fraction is fine, e.g. 0.5).")
    double minutes;

    @Option(names = "--rate", defaultValue = "200", description = "Samples per second.")
    int rate;

    @Override
    public Integer call() throws Exception {
      return run(options, rate, Duration.ofMillis((long) (minutes * 60_000)), "soak");
    }
  }

  @Command(name = "latency", mixinStandardHelpOptions = true,
      description = "End-to-end latency ingest -> curated (read committed) at a fixed rate (DESIGN §8).")
  public static final class Latency implements Callable<Integer> {
    @Mixin Options options;

    @Option(names = "--seconds", defaultValue = "60")
    int seconds;

    @Option(names = "--rate", defaultValue = "1000", description = "Samples per second.")
    int rate;

    @Override
    public Integer call() throws Exception {
      return run(options, rate, Duration.ofSeconds(seconds), "latency");
    }
  }

  /** What a run measured, for {@code bench all}'s table. Latencies ingest → curated over the whole run. */
  public record Figures(long p50Ms, long p95Ms, long p99Ms, double achievedRate, long accepted, long lost,
      long duplicated) {}

  static int run(Options o, int rate, Duration length, String kind) throws Exception {
    Figures f = measure(o, rate, length, kind);
    if (f.lost() > 0 || f.duplicated() > 0) {
      System.out.printf("FAILED: %d accepted samples not curated, %d curated more than once%n", f.lost(), f.duplicated());
      return 1;
    }
    return 0;
  }

  /** Runs the load, prints the report (and appends it to {@code --out}) and returns its figures. */
  static Figures measure(Options o, int rate, Duration length, String kind) throws Exception {
    Path dir = o.stateDir != null ? o.stateDir.toAbsolutePath()
        : Path.of(System.getProperty("alignstream.home", ".")).resolve(".alignstream");
    BenchStack stack = BenchStack.find(dir);
    RunFile runFile = RunFile.read(dir).orElseThrow();
    if (stack.ingestUrl() == null) {
      throw new IllegalStateException("The stack in " + dir + " runs no ingest service");
    }
    TopicCatalogue topics = stack.topics();
    String run = UUID.randomUUID().toString().substring(0, 6);
    String task = "mt.soak-" + run;
    String dataset = kind + "-" + run;
    String targetId = task + "/default";
    double loadStart = StackMeter.loadAverage();
    Instant started = Instant.now();
    System.out.printf("%s: %d samples/s for %s, task %s, dataset %s, stack %s%n", kind, rate, length, task, dataset, dir);

    Sender sender = new Sender(stack.ingestUrl(), o.senders);
    declare(stack.bootstrap(), topics, dataset, task, targetId);
    MtGenerator targets = new MtGenerator(params(task, Role.TARGET, 1.0, 7));
    for (int i = 0; i < TARGETS; i += 64) {
      List<Sample> batch = new ArrayList<>();
      for (int j = i; j < i + 64; j++) {
        batch.add(targets.sample(j));
      }
      sender.postNow(batch, false);
    }
    if (!awaitTarget(stack.bootstrap(), topics.targetEmbeddings(), targetId, Duration.ofSeconds(90))) {
      System.out.println("warning: no target reference for " + targetId + " within 90 s; pool samples wait for one");
    }

    CuratedReader reader = new CuratedReader(stack.bootstrap(), topics.curated(dataset));
    Thread readerThread = new Thread(reader, "curated-reader");
    readerThread.setDaemon(true);
    readerThread.start();
    StackMeter meter = new StackMeter(runFile, (runFile.topicPrefix() == null ? "" : runFile.topicPrefix()) + "alignstream-");
    List<long[]> backlog = new ArrayList<>();
    var sampler = Executors.newSingleThreadScheduledExecutor();
    long t0 = System.nanoTime();
    sampler.scheduleAtFixedRate(() -> {
      StackMeter.Snapshot s = meter.sample();
      synchronized (backlog) {
        backlog.add(new long[] {s.atMs(), sender.accepted.size() - reader.distinct()});
      }
    }, 0, o.sampleEvery, TimeUnit.SECONDS);

    // Open loop: batch k is due at t0 + k·period whatever the answers do; in-flight requests are bounded.
    MtGenerator pool = new MtGenerator(params(task, Role.POOL, 0.5, 11));
    long periodNanos = (long) (o.batch * 1e9 / rate);
    long loadEnd = t0 + length.toNanos();
    long next = System.nanoTime();
    long index = 0;
    long behind = 0;
    while (next < loadEnd) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      } else if (wait < -periodNanos * 10) {
        behind++;
      }
      List<Sample> batch = new ArrayList<>(o.batch);
      for (int j = 0; j < o.batch; j++, index++) {
        batch.add(marked(pool.sample(index), run, index));
      }
      sender.postAsync(batch);
      next += periodNanos;
    }
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    sender.awaitIdle(Duration.ofMinutes(3));
    long loadDoneMs = (System.nanoTime() - t0) / 1_000_000;
    long drainDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(o.drainMinutes);
    while (reader.distinct() < sender.accepted.size() && System.nanoTime() < drainDeadline) {
      Thread.sleep(250);
    }
    double drainSeconds = (System.nanoTime() - t0) / 1e9 - loadDoneMs / 1e3;
    Thread.sleep(2_000); // a late duplicate would show up here
    sampler.shutdownNow();
    reader.stop();
    readerThread.join(10_000);
    meter.close();
    sender.close();
    retire(stack.bootstrap(), topics, dataset);
    double loadEndAvg = StackMeter.loadAverage();

    long lost = sender.accepted.keySet().stream().filter(id -> !reader.copies.containsKey(id)).count();
    long duplicated = reader.copies.values().stream().filter(c -> c.get() > 1).count();
    long foreign = reader.copies.keySet().stream().filter(id -> !sender.accepted.containsKey(id)).count();
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%n### `bench %s` — %d samples/s for %s (%s UTC)%n%n", kind, rate,
        human(length), started.toString().substring(0, 16).replace('T', ' ')));
    md.append("| figure | value |\n|---|---:|\n");
    row(md, "samples sent (POOL) / accepted (HTTP 200, distinct ids)", sender.sent.get() + " / " + sender.accepted.size());
    row(md, "achieved send rate (samples/s)", String.format(Locale.ROOT, "%.0f", sender.sent.get() / loadSeconds));
    row(md, "HTTP retries (429/503/5xx/IO) / requests", sender.retries.get() + " / " + sender.requests.get());
    row(md, "generator ticks late by > 10 periods", Long.toString(behind));
    row(md, "curated (distinct) / lost / duplicated", reader.distinct() + " / " + lost + " / " + duplicated
        + (foreign > 0 ? " (+" + foreign + " not acknowledged)" : ""));
    row(md, "drain after the load (s)", String.format(Locale.ROOT, "%.1f", drainSeconds));
    long[][] lat = reader.latencies(t0);
    row(md, "latency ingest → curated, all (p50 / p95 / p99 / max ms)", pct(lat[1]));
    long third = loadDoneMs / 3;
    row(md, "… first third of the load", pct(slice(lat, 0, third)));
    row(md, "… last third of the load", pct(slice(lat, loadDoneMs - third, loadDoneMs)));
    row(md, "HTTP answer time per request (p50 / p95 / p99 / max ms)", pct(sender.answerMillis()));
    List<StackMeter.Snapshot> snaps = meter.snapshots();
    Map<String, Double> rss1 = StackMeter.mean(snaps, 0, third, true);
    Map<String, Double> rss3 = StackMeter.mean(snaps, loadDoneMs - third, loadDoneMs, true);
    Map<String, Double> lag1 = StackMeter.mean(snaps, 0, third, false);
    Map<String, Double> lag3 = StackMeter.mean(snaps, loadDoneMs - third, loadDoneMs, false);
    double total1 = rss1.values().stream().mapToDouble(Double::doubleValue).sum();
    double total2 = StackMeter.mean(snaps, third, loadDoneMs - third, true).values().stream()
        .mapToDouble(Double::doubleValue).sum();
    double total3 = rss3.values().stream().mapToDouble(Double::doubleValue).sum();
    long peak = snaps.stream().mapToLong(s -> s.rssKiB().values().stream().mapToLong(Long::longValue).sum()).max().orElse(0);
    row(md, "stack RSS, mean of first → middle → last third (MiB)", String.format(Locale.ROOT,
        "%.0f → %.0f → %.0f (%+.1f%%, then %+.1f%%), peak %d", total1 / 1024, total2 / 1024, total3 / 1024,
        100 * (total2 - total1) / Math.max(1, total1), 100 * (total3 - total2) / Math.max(1, total2), peak / 1024));
    rss3.forEach((part, v) -> row(md, "… RSS " + part, String.format(Locale.ROOT, "%.0f → %.0f MiB",
        rss1.getOrDefault(part, Double.NaN) / 1024, v / 1024)));
    lag3.forEach((group, v) -> row(md, "lag " + group + ", mean first → last third (records)",
        String.format(Locale.ROOT, "%.0f → %.0f", lag1.getOrDefault(group, Double.NaN), v)));
    row(md, "backlog accepted − curated, mean first → last third", backlogThirds(backlog, third, loadDoneMs));
    row(md, "load average (1 min) at start / end, 2 cores", String.format(Locale.ROOT, "%.2f / %.2f", loadStart, loadEndAvg));
    System.out.print(md);
    if (o.out != null) {
      Files.writeString(o.out, md.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    long[] sorted = lat[1].clone();
    Arrays.sort(sorted);
    return new Figures(sorted.length == 0 ? -1 : at(sorted, 0.50), sorted.length == 0 ? -1 : at(sorted, 0.95),
        sorted.length == 0 ? -1 : at(sorted, 0.99), sender.sent.get() / loadSeconds, sender.accepted.size(), lost,
        duplicated);
  }

  private static MtParams params(String task, Role role, double alignment, long seed) {
    MtParams d = MtParams.defaults();
    return new MtParams(seed, role, alignment, task, d.srcLang(), d.tgtLang(), d.targetMix(), d.shiftedMix(),
        d.concentration(), d.placeholderRate(), d.timeline());
  }

  /** The generated sample with a unique tail, so no two samples of a run share an id; event time now. */
  private static Sample marked(Sample s, String run, long index) {
    TextPair p = (TextPair) s.getPayload();
    s.setPayload(new TextPair(p.getSrc() + " (soak " + run + " " + index + ")", p.getTgt(), p.getSrcLang(), p.getTgtLang()));
    s.setEventTime(Instant.now());
    return s;
  }

  private static void declare(String bootstrap, TopicCatalogue topics, String dataset, String task, String targetId)
      throws Exception {
    CurationPolicy policy = CurationPolicy.newBuilder().setDatasetId(dataset).setTask(task).setTargetId(targetId)
        .setMethod("dsir").setPolicy(new PolicySpec("all", Map.of())).setUpdatedTime(Instant.now()).build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.curationPolicies().name(), dataset, policy)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Retires the run's policy (a tombstone), so the curator stops routing to its dataset. */
  private static void retire(String bootstrap, TopicCatalogue topics, String dataset) throws Exception {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.curationPolicies().name(), dataset, null)).get(30, TimeUnit.SECONDS);
    }
  }

  private static boolean awaitTarget(String bootstrap, TopicSpec<String, TargetReference> topic, String targetId,
      Duration timeout) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
        "isolation.level", "read_committed"), topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      var partitions = consumer.partitionsFor(topic.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          if (targetId.equals(r.key())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Reads the curated topic (read committed) from the start: copies per sample id and first-copy latencies. */
  static final class CuratedReader implements Runnable {
    final Map<String, AtomicInteger> copies = new ConcurrentHashMap<>();
    private final String bootstrap;
    private final TopicSpec<String, ScoredSample> topic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long[] at = new long[1 << 16];
    private long[] latency = new long[1 << 16];
    private int n;

    CuratedReader(String bootstrap, TopicSpec<String, ScoredSample> topic) {
      this.bootstrap = bootstrap;
      this.topic = topic;
    }

    int distinct() {
      return copies.size();
    }

    void stop() {
      running.set(false);
    }

    /** [0] = ms since {@code t0} (System.nanoTime) when each sample was seen, [1] = its latency in ms. */
    synchronized long[][] latencies(long t0) {
      long[] since = new long[n];
      for (int i = 0; i < n; i++) {
        since[i] = (at[i] - t0) / 1_000_000;
      }
      return new long[][] {since, Arrays.copyOf(latency, n)};
    }

    @Override
    public void run() {
      try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
          "isolation.level", "read_committed", "max.poll.records", 2000),
          topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
        List<TopicPartition> partitions = List.of();
        while (running.get() && partitions.isEmpty()) {
          partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running.get()) {
          var records = consumer.poll(Duration.ofMillis(100));
          long now = System.currentTimeMillis();
          for (var r : records) {
            if (copies.computeIfAbsent(r.key(), k -> new AtomicInteger()).incrementAndGet() == 1) {
              add(System.nanoTime(), now - r.value().getSample().getIngestTime().toEpochMilli());
            }
          }
        }
      } catch (RuntimeException e) {
        System.err.println("curated reader stopped: " + e);
      }
    }

    private synchronized void add(long nanos, long millis) {
      if (n == at.length) {
        at = Arrays.copyOf(at, n * 2);
        latency = Arrays.copyOf(latency, n * 2);
      }
      at[n] = nanos;
      latency[n++] = millis;
    }
  }

  /** Posts batches to {@code POST /samples}, retrying 429/503/5xx and I/O errors; remembers the acknowledged ids. */
  static final class Sender implements AutoCloseable {
    final Map<String, Boolean> accepted = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final int limit;
    private final List<Long> answers = new ArrayList<>();

    Sender(String ingestUrl, int threads) {
      this.url = ingestUrl + "/samples";
      this.pool = Executors.newFixedThreadPool(threads);
      this.limit = threads * 4;
      this.inFlight = new Semaphore(limit);
    }

    void postAsync(List<Sample> batch) throws InterruptedException {
      sent.addAndGet(batch.size());
      inFlight.acquire();
      pool.submit(() -> {
        try {
          postNow(batch, true);
        } catch (Exception e) {
          System.err.println("a request failed for good: " + e);
        } finally {
          inFlight.release();
        }
      });
    }

    /** @param count whether the acknowledged ids are load samples (not targets) */
    void postNow(List<Sample> batch, boolean count) throws Exception {
      ArrayNode body = JSON.createArrayNode();
      batch.forEach(s -> body.add(io.alignstream.ingest.sample.SampleJson.write(s)));
      String text = body.toString();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (true) {
        requests.incrementAndGet();
        long start = System.nanoTime();
        int status;
        String answer;
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)).build(),
              HttpResponse.BodyHandlers.ofString());
          status = r.statusCode();
          answer = r.body();
        } catch (IOException e) {
          status = -1;
          answer = e.toString();
        }
        if (status == 200) {
          synchronized (answers) {
            answers.add((System.nanoTime() - start) / 1_000_000);
          }
          for (JsonNode s : count ? JSON.readTree(answer).path("samples") : JSON.createArrayNode()) {
            accepted.put(s.path("id").asText(), Boolean.TRUE);
          }
          return;
        }
        if (!(status == -1 || status == 429 || status >= 500) || System.nanoTime() > deadline) {
          throw new IllegalStateException("HTTP " + status + ": " + answer);
        }
        retries.incrementAndGet();
        Thread.sleep(200);
      }
    }

    long[] answerMillis() {
      synchronized (answers) {
        return answers.stream().mapToLong(Long::longValue).toArray();
      }
    }

    void awaitIdle(Duration timeout) throws InterruptedException {
      if (inFlight.tryAcquire(limit, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        inFlight.release(limit);
      }
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** The JSON a client posts for an MT sample (ingest derives the id from the content). */

  private static long[] slice(long[][] lat, long fromMs, long toMs) {
    return java.util.stream.IntStream.range(0, lat[0].length).filter(i -> lat[0][i] >= fromMs && lat[0][i] < toMs)
        .mapToLong(i -> lat[1][i]).toArray();
  }

  static String pct(long[] values) {
    if (values.length == 0) {
      return "–";
    }
    long[] v = values.clone();
    Arrays.sort(v);
    return String.format(Locale.ROOT, "%d / %d / %d / %d (n=%d)", at(v, 0.50), at(v, 0.95), at(v, 0.99), v[v.length - 1],
        v.length);
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String backlogThirds(List<long[]> backlog, long third, long end) {
    synchronized (backlog) {
      double a = backlog.stream().filter(b -> b[0] < third).mapToLong(b -> b[1]).average().orElse(Double.NaN);
      double c = backlog.stream().filter(b -> b[0] >= end - third && b[0] < end).mapToLong(b -> b[1]).average()
          .orElse(Double.NaN);
      return String.format(Locale.ROOT, "%.0f → %.0f", a, c);
    }
  }

  private static String human(Duration d) {
    return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
