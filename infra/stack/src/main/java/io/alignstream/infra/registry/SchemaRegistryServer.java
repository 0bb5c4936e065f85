package io.alignstream.infra.registry;

import com.sun.net.httpserver.HttpServer;
import io.alignstream.schemas.security.AccessPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry (REST API v1, AVRO only) over a {@link SchemaLog}:
 * {@link #start()} replays the log, then serves on the JDK's HTTP server with a small bounded
 * pool. All state lives in the log, so a server started again on the same log keeps ids,
 * versions, deletions and levels. One server per log: mutations are serialized in this process
 * and not coordinated with other writers.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  /** Confluent's default port. */
  public static final int DEFAULT_PORT = 8081;
  public static final String DEFAULT_HOST = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final int WORKER_THREADS = 4;
  private static final int QUEUED_REQUESTS = 64;

  private final SchemaLog log;
  private final String host;
  private final int requestedPort;
  private final AccessPolicy access;
  private HttpServer http;
  private ThreadPoolExecutor executor;
  private boolean closed;

  /**
   * @param log owned by the server from now on: {@link #close()} closes it
   * @param port the port to bind, 0 for any free one (see {@link #port()})
   */
  public SchemaRegistryServer(SchemaLog log, String host, int port) {
    this(log, host, port, AccessPolicy.open());
  }

  /**
   * A server whose requests pass {@code access} first, e.g. writes (POST, PUT, DELETE) only with a
   * Basic login, as Confluent's {@code authentication.method=BASIC}.
   */
  public SchemaRegistryServer(SchemaLog log, String host, int port, AccessPolicy access) {
    this.log = log;
    this.host = host;
    this.requestedPort = port;
    this.access = access;
  }

  /**
   * Replays the log, then binds and serves.
   *
   * @throws SchemaLogException when the log cannot be replayed
   * @throws IOException when the address cannot be bound
   */
  public synchronized void start() throws IOException {
    if (http != null || closed) {
      throw new IllegalStateException("A registry server starts once");
    }
    SchemaStore store = new SchemaStore(log);
    store.replay();
    Router router = new Router();
    new SchemaRoutes(store).addTo(router);
    new SubjectRoutes(store).addTo(router);
    new CompatibilityRoutes(store).addTo(router);
    new ConfigRoutes(store).addTo(router);

    HttpServer server = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
    // When the queue is full the accepting thread serves the request itself: back-pressure
    // instead of dropped connections.
    executor = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUED_REQUESTS), workerThreads(),
        new ThreadPoolExecutor.CallerRunsPolicy());
    server.createContext("/", new RegistryHttpHandler(router, access));
    server.setExecutor(executor);
    server.start();
    http = server;
    LOG.info("Schema registry serving on {}", url());
    if (access.active()) {
      LOG.info("Schema registry access control: {}", access.describe());
    }
  }

  /** The bound port (the free one picked when constructed with 0). */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("The registry server is not started");
    }
    return http.getAddress().getPort();
  }

  /** The base URL clients use, such as {@code http://127.0.0.1:8081}. */
  public synchronized String url() {
    String reachable = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    return "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port();
  }

  /** Stops serving, lets running requests finish briefly, then closes the log. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (http != null) {
        http.stop(0);
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      log.close();
    }
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
