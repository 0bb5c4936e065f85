package io.alignstream.ingest.feeds;

import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.solar.SolarParser;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.solar.FeedCursor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A feed made of a parser and a mapping to topic records, with the cursor logic every feed shares.
 *
 * <ul>
 *   <li>Time series (GOES X-rays, SHARP): a record is new when its time is after the cursor time.
 *   <li>Upserts (flares, DONKI, regions): a record is new when its key is unseen or its content
 *       changed (an in-progress flare completing, a DONKI revision); the cursor keeps the keys of the
 *       last {@code retention} with a content fingerprint.
 * </ul>
 * Malformed records become dead letters; the rest are published with the advanced cursor.
 */
public final class RecordFeed<T> implements Feed {

  /**
   * @param urlTemplate the feed URL; {@code {since}} is replaced by {@code since.apply(cursor time)}
   * @param upsert true for upsert feeds, false for time series
   * @param retention how long upsert keys are remembered (beyond the feed's own span)
   */
  public record Spec<T>(String name, String urlTemplate, SolarParser<T> parser, Function<T, String> key,
      Function<T, Instant> time, BiFunction<T, Instant, FeedBatch.Out<?>> out, boolean upsert, Duration retention,
      Function<Instant, String> since, Duration firstLookBack) {}

  /**
   * How far after the poll time a record's time may lie (clock skew, TAI). A record further ahead is
   * not an observation but a corrupt one, and would move the cursor past every real record to come.
   */
  public static final Duration MAX_AHEAD = Duration.ofDays(1);

  private final Spec<T> spec;

  public RecordFeed(Spec<T> spec) {
    this.spec = spec;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public URI url(FeedCursor cursor, Instant now) {
    if (!spec.urlTemplate().contains("{since}")) {
      return uri(spec.urlTemplate());
    }
    Instant since = cursorTime(cursor);
    if (since == null) {
      since = now.minus(spec.firstLookBack());
    }
    return uri(spec.urlTemplate().replace("{since}", spec.since().apply(since)));
  }

  /** JSOC's record-set syntax puts brackets in the query, which java.net.URI refuses unescaped. */
  private static URI uri(String url) {
    return URI.create(url.replace("[", "%5B").replace("]", "%5D").replace(" ", "%20"));
  }

  @Override
  public FeedBatch interpret(String payload, FeedCursor cursor, Instant now) {
    Instant last = cursorTime(cursor);
    Map<String, String> seen = new HashMap<>(cursor == null ? Map.of() : cursor.getSeen());
    List<FeedBatch.Out<?>> records = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    Instant newest = last;
    List<Parsed<T>> parsed = spec.parser().parse(payload, spec.name());
    if (parsed.size() == 1 && !parsed.get(0).isOk()) {
      // The parsers report an unreadable payload as exactly one bad item: a failed poll, not data.
      throw new UnreadablePayload(parsed.get(0).error());
    }
    for (Parsed<T> p : parsed) {
      if (!p.isOk()) {
        deadLetters.add(DeadLetters.fromInput("ingest", p.sourceRef(), p.raw(), "MalformedFeedRecord", p.error()));
        continue;
      }
      T value = p.value();
      Instant t = spec.time().apply(value);
      if (t.isAfter(now.plus(MAX_AHEAD))) {
        deadLetters.add(DeadLetters.fromInput("ingest", p.sourceRef(), value.toString(), "MalformedFeedRecord",
            "record time " + t + " is after the poll time " + now + " (more than " + MAX_AHEAD
                + " ahead): not an observation, kept out of the cursor (at " + p.sourceRef() + ")"));
        continue;
      }
      FeedBatch.Out<?> out = spec.out().apply(value, now);
      boolean fresh;
      String k = spec.key().apply(value);
      if (spec.upsert()) {
        // The parsed record, not the published one: that carries the poll time, which always changes.
        String fingerprint = Integer.toHexString(value.toString().hashCode());
        String previous = seen.get(k);
        fresh = previous == null || !previous.startsWith(fingerprint + "@");
        seen.put(k, fingerprint + "@" + t.toEpochMilli());
      } else {
        // A time series: newer than the cursor, or at the cursor time but not yet seen there
        // (the second channel of the cursor minute may arrive a poll later).
        fresh = last == null || t.isAfter(last) || (t.equals(last) && !seen.containsKey(k));
      }
      if (fresh) {
        records.add(out);
      }
      if (newest == null || t.isAfter(newest)) {
        newest = t;
      }
    }
    if (spec.upsert() && newest != null) {
      long oldest = newest.minus(spec.retention()).toEpochMilli();
      seen.values().removeIf(v -> Long.parseLong(v.substring(v.indexOf('@') + 1)) < oldest);
    }
    if (!spec.upsert()) {
      // Time series remember only the keys at the newest time.
      Instant cut = newest;
      seen.clear();
      for (Parsed<T> p : parsed) {
        if (p.isOk() && cut != null && spec.time().apply(p.value()).equals(cut)) {
          seen.put(spec.key().apply(p.value()), "@" + cut.toEpochMilli());
        }
      }
    }
    long total = (cursor == null ? 0 : cursor.getRecords()) + records.size();
    FeedCursor next = new FeedCursor(spec.name(), newest == null ? "" : newest.toString(), seen, total, now);
    return new FeedBatch(records, deadLetters, next);
  }

  /** The whole payload could not be read (truncated JSON, an HTML error page, a JSOC error status). */
  public static final class UnreadablePayload extends RuntimeException {
    public UnreadablePayload(String reason) {
      super(reason);
    }
  }

  private static Instant cursorTime(FeedCursor cursor) {
    return cursor == null || cursor.getCursor().isEmpty() ? null : Instant.parse(cursor.getCursor());
  }
}
