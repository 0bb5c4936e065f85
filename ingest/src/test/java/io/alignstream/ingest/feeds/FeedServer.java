package io.alignstream.ingest.feeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local feed endpoint on 127.0.0.1 (real endpoints are unreachable here): answers every request with
 * what the test last told it to, records the request URIs as received (raw, percent-encoding kept), and
 * can hang until it is closed to play a server that never answers.
 */
final class FeedServer implements AutoCloseable {
  private record Reply(int status, String body, boolean hang) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "feed-server");
    t.setDaemon(true);
    return t;
  });
  private final List<URI> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Reply reply = new Reply(404, "nothing served yet", false);

  private FeedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static FeedServer start() {
    return new FeedServer();
  }

  /** The URL of a path (and query) on this server; may hold {@code {since}}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** Answers 200 with this body from now on. */
  void serve(String body) {
    reply = new Reply(200, body, false);
  }

  /** Answers with this status and body from now on. */
  void answer(int status, String body) {
    reply = new Reply(status, body, false);
  }

  /** Accepts requests but never answers them (until closed). */
  void hang() {
    reply = new Reply(200, "", true);
  }

  /** Request URIs as received, oldest first. */
  List<URI> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestURI());
    Reply r = reply;
    try (exchange) {
      if (r.hang()) {
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      // The client gave up (timeout); nothing to answer.
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
