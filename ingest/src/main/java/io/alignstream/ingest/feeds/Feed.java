package io.alignstream.ingest.feeds;

import io.alignstream.schemas.solar.FeedCursor;
import java.net.URI;
import java.time.Instant;

/**
 * A live feed: where to fetch (possibly depending on the cursor) and how to turn a payload into
 * records. Implementations are pure: no I/O, so they are tested on fixtures.
 */
public interface Feed {
  /** Stable name, the key of its cursor and its metrics tag, e.g. {@code swpc-xray-flares}. */
  String name();

  /** Where to fetch, given the stored cursor (null before the first poll) and the poll time. */
  URI url(FeedCursor cursor, Instant now);

  /**
   * @param cursor the last stored cursor, or null on the first poll ever
   * @param now poll time (for received-time fields and cursor bookkeeping)
   */
  FeedBatch interpret(String payload, FeedCursor cursor, Instant now);
}
