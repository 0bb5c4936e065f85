package io.alignstream.infra.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of ingest's {@code POST /samples} that keeps sending while faults happen, the way a
 * careful client does: batches of MT samples, each sample's text carrying a unique marker
 * {@code [<tag> <index>]}; on 429, 503, any 5xx, a timeout or a refused connection the same batch is
 * sent again after 200 ms (bounded). Every sample is accounted by its index: sent, acknowledged (in a
 * 200 answer, with the id ingest gave it) and whether its batch needed more than one attempt (then a
 * second copy in {@code samples-raw} is the client's doing, not the pipeline's). Every
 * {@code invalidEvery}-th request is one invalid sample (no {@code tgt}); its 400 is counted and its
 * marker must come back as a dead letter.
 */
final class Load implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String tag;
  final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
  final Set<Long> retried = ConcurrentHashMap.newKeySet();
  final Set<String> rejectedMarkers = ConcurrentHashMap.newKeySet();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicBoolean invalid = new AtomicBoolean(true);
  private final String task;
  private final String url;
  private final int batch;
  private final long periodMs;
  private final int invalidEvery;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final List<Future<?>> requests = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private Thread ticker;
  private long next;

  /**
   * @param rate samples per second (open loop; a batch every {@code batch / rate} seconds)
   */
  Load(String ingestUrl, String task, String tag, int rate, int batch, int invalidEvery) {
    this.url = ingestUrl + "/samples";
    this.task = task;
    this.tag = tag;
    this.batch = batch;
    this.periodMs = Math.max(1, 1000L * batch / rate);
    this.invalidEvery = invalidEvery;
  }

  static String text(String tag, long index) {
    return "Open the database table " + (index % 97) + " and save the file [" + tag + " " + index + "]";
  }

  /** The marker's index in a text, or -1 when the text has not this load's tag. */
  static long indexOf(String tag, String text) {
    int at = text.lastIndexOf("[" + tag + " ");
    if (at < 0) {
      return -1;
    }
    int end = text.indexOf(']', at);
    return end < 0 ? -1 : Long.parseLong(text.substring(at + tag.length() + 2, end));
  }

  void start() {
    running.set(true);
    ticker = new Thread(() -> {
      long requestNo = 0;
      long due = System.currentTimeMillis();
      while (running.get()) {
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          try {
            Thread.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
        due += periodMs;
        requestNo++;
        if (invalidEvery > 0 && requestNo % invalidEvery == 0 && invalid.get()) {
          String marker = "[" + tag + " bad" + requestNo + "]";
          synchronized (requests) {
            requests.add(pool.submit(() -> postInvalid(marker)));
          }
          continue;
        }
        long first = next;
        next += batch;
        sent.addAndGet(batch);
        synchronized (requests) {
          requests.add(pool.submit(() -> post(first)));
        }
      }
    }, "load-" + tag);
    ticker.start();
  }

  /** Stops sending new batches and waits (bounded) for those in flight, retries included. */
  void stop() throws Exception {
    running.set(false);
    ticker.join(10_000);
    List<Future<?>> all;
    synchronized (requests) {
      all = List.copyOf(requests);
    }
    for (Future<?> f : all) {
      f.get(5, TimeUnit.MINUTES);
    }
  }

  long acceptedCount() {
    return acknowledged.size();
  }

  private Void post(long first) throws Exception {
    ArrayNode body = JSON.createArrayNode();
    for (long i = first; i < first + batch; i++) {
      body.add(sample(text(tag, i)));
    }
    String text = body.toString();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        for (long i = first; i < first + batch; i++) {
          retried.add(i);
        }
      }
      attempts.incrementAndGet();
      HttpResponse<String> r = send(text);
      if (r != null && r.statusCode() == 200) {
        for (JsonNode s : JSON.readTree(r.body()).path("samples")) {
          acknowledged.put(first + s.path("index").asLong(), s.path("id").asText());
        }
        return null;
      }
      boolean retryable = r == null || r.statusCode() == 429 || r.statusCode() >= 500;
      if (!retryable || System.nanoTime() > deadline) {
        failures.incrementAndGet();
        throw new IllegalStateException("batch " + first + ": HTTP " + (r == null ? "no answer" : r.statusCode()
            + " " + r.body()));
      }
      Thread.sleep(200);
    }
  }

  private Void postInvalid(String marker) throws Exception {
    ObjectNode bad = sample("no translation " + marker);
    ((ObjectNode) bad.get("payload")).remove("tgt");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (true) {
      HttpResponse<String> r = send(bad.toString());
      if (r != null && r.statusCode() == 400) {
        rejectedMarkers.add(marker);
        return null;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("invalid sample " + marker + " never answered 400");
      }
      Thread.sleep(200);
    }
  }

  private ObjectNode sample(String src) {
    ObjectNode o = JSON.createObjectNode().put("task", task).put("role", "POOL").put("source", "faults")
        .put("domain", "db").put("eventTime", Instant.now().toString());
    o.putObject("payload").put("type", "TextPair").put("src", src).put("tgt", "Ouvrir la table et enregistrer")
        .put("srcLang", "en").put("tgtLang", "fr");
    return o;
  }

  private HttpResponse<String> send(String body) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null; // refused, reset or timed out: the batch may or may not have landed
    }
  }

  @Override
  public void close() {
    running.set(false);
    pool.shutdownNow();
  }
}
