package io.alignstream.schemas.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (an API key's or user's name, or a remote address): {@code burst}
 * requests at once, refilled at {@code perSecond}. At most {@code maxClients} buckets are kept; when
 * more clients appear, full buckets go first (a full bucket is what a new client gets anyway), then
 * the oldest, so memory stays bounded under a flood of addresses. Thread-safe.
 */
public final class RateLimiter {
  /** Allowed, or refused with the whole seconds until one token is back (at least 1). */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  private final double perSecond;
  private final int burst;
  private final int maxClients;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond, int burst, int maxClients, LongSupplier nanoClock) {
    if (!(perSecond > 0) || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("rate limit needs requests-per-second > 0, burst >= 1, max-clients >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxClients = maxClients;
    this.nanoClock = nanoClock;
  }

  public RateLimiter(double perSecond, int burst, int maxClients) {
    this(perSecond, burst, maxClients, System::nanoTime);
  }

  public double perSecond() {
    return perSecond;
  }

  public int burst() {
    return burst;
  }

  /** Takes one token from the client's bucket when there is one. */
  public Decision acquire(String client) {
    long now = nanoClock.getAsLong();
    if (!buckets.containsKey(client) && buckets.size() >= maxClients) {
      evict(now);
    }
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    synchronized (bucket) {
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return new Decision(true, 0);
      }
      double wait = (1 - bucket.tokens) / perSecond;
      return new Decision(false, Math.max(1, (long) Math.ceil(wait)));
    }
  }

  /** Buckets held now (for tests and metrics). */
  public int clients() {
    return buckets.size();
  }

  private void refill(Bucket bucket, long now) {
    double elapsed = Math.max(0, now - bucket.at) / 1e9;
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
    bucket.at = now;
  }

  private synchronized void evict(long now) {
    if (buckets.size() < maxClients) {
      return;
    }
    buckets.values().removeIf(b -> {
      synchronized (b) {
        refill(b, now);
        return b.tokens >= burst;
      }
    });
    // Still full (a flood of distinct busy clients): drop a quarter, oldest refills first.
    int target = maxClients - Math.max(1, maxClients / 4);
    if (buckets.size() > target) {
      buckets.entrySet().stream()
          .sorted((a, b) -> Long.compare(a.getValue().at, b.getValue().at))
          .limit(buckets.size() - target)
          .map(Map.Entry::getKey).toList()
          .forEach(buckets::remove);
    }
  }
}
