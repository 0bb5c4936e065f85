package io.alignstream.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Bounds the samples in flight across all requests, so overload becomes 429 instead of memory growth. */
@ApplicationScoped
public class IngestGate {
  private final int limit;
  private final Semaphore permits;

  public IngestGate(@ConfigProperty(name = "alignstream.ingest.max-in-flight", defaultValue = "50000") int limit) {
    this.limit = limit;
    this.permits = new Semaphore(limit);
  }

  public boolean tryAcquire(int n) {
    return n <= limit && permits.tryAcquire(n);
  }

  public void release(int n) {
    permits.release(n);
  }

  public int limit() {
    return limit;
  }
}
