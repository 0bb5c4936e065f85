package io.alignstream.ingest.sample;

import java.util.Objects;

/**
 * One item read from a source: either a value, or the reason it could not be read. Parsers never
 * throw for a bad record; they return a {@code Parsed.bad} so that the caller dead-letters it with
 * the reason and keeps going.
 *
 * @param value the parsed value, null when bad
 * @param error why the item was rejected, null when ok
 * @param sourceRef where it came from, e.g. {@code path/file.po:123} or {@code url#7}
 * @param raw the original text of the item (for the dead letter), may be null
 */
public record Parsed<T>(T value, String error, String sourceRef, String raw) {

  public static <T> Parsed<T> ok(T value, String sourceRef) {
    return new Parsed<>(Objects.requireNonNull(value), null, sourceRef, null);
  }

  public static <T> Parsed<T> bad(String error, String sourceRef, String raw) {
    return new Parsed<>(null, Objects.requireNonNull(error), sourceRef, raw);
  }

  public boolean isOk() {
    return error == null;
  }
}
