package io.alignstream.ingest.feeds;

import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.solar.FeedCursor;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll cycle of a feed: fetch (bounded retries), interpret, publish atomically with the cursor.
 * A fetch that fails for good, or a payload that cannot be read at all, becomes a dead letter with
 * the reason (published with an unchanged cursor), so the failure is visible and the next poll
 * retries. Keeps the per-feed figures the metrics report.
 */
public final class FeedPoller {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  private final Feed feed;
  private final FeedHttp http;
  private final FeedPublisher publisher;
  private final Clock clock;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private volatile boolean fenced;

  public FeedPoller(Feed feed, FeedHttp http, FeedPublisher publisher, Clock clock) {
    this.feed = feed;
    this.http = http;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Polls once; never throws for feed problems (they are dead letters and counted). */
  public void poll() {
    FeedCursor cursor = publisher.cursor(feed.name());
    Instant now = clock.instant();
    if (fenced) {
      return;
    }
    URI url = feed.url(cursor, now);
    String payload;
    try {
      payload = http.get(url);
    } catch (FeedHttp.FeedException e) {
      fail(cursor, now, url.toString(), null, "FeedUnavailable", e.getMessage());
      return;
    }
    FeedBatch batch;
    try {
      batch = feed.interpret(payload, cursor, now);
    } catch (RuntimeException e) {
      fail(cursor, now, url.toString(), payload, e.getClass().getName(), DeadLetters.messageOf(e));
      return;
    }
    try {
      publisher.publish(batch);
    } catch (FeedPublisher.Fenced e) {
      fenced = true;
      errors.incrementAndGet();
      LOG.error("Feed {} stops: {}", feed.name(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      LOG.warn("Publishing {} records of feed {} failed; the next poll retries: {}", batch.records().size(),
          feed.name(), e.toString());
      return;
    }
    records.addAndGet(batch.records().size());
    errors.addAndGet(batch.deadLetters().size());
    lastSuccess.set(now);
  }

  private void fail(FeedCursor cursor, Instant now, String ref, String payload, String errorClass, String reason) {
    errors.incrementAndGet();
    LOG.warn("Feed {} failed: {}", feed.name(), reason);
    FeedCursor unchanged = cursor != null ? cursor
        : new FeedCursor(feed.name(), "", java.util.Map.of(), 0L, now);
    try {
      publisher.publish(new FeedBatch(List.of(), List.of(DeadLetters.fromInput("ingest", feed.name() + " " + ref,
          payload, errorClass, reason)), unchanged));
    } catch (RuntimeException e) {
      LOG.warn("Could not dead-letter the failure of feed {}: {}", feed.name(), e.toString());
    }
  }

  public String name() {
    return feed.name();
  }

  public long records() {
    return records.get();
  }

  public long errors() {
    return errors.get();
  }

  /** Time of the last successful poll, or null. */
  public Instant lastSuccess() {
    return lastSuccess.get();
  }
}
