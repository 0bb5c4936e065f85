package io.alignstream.infra.registry;

import java.util.function.BiConsumer;

/**
 * The durable, ordered record of every registry mutation: the registry's only persistent state.
 * Records are JSON key/value pairs in the style of Confluent's {@code _schemas} topic; a later
 * record with the same key supersedes an earlier one and a null value (tombstone) removes it, so
 * the log may be compacted.
 *
 * <p>One writer is assumed: a single registry process appends, and it applies a mutation to its
 * memory only after {@link #append} returned.
 */
public interface SchemaLog extends AutoCloseable {

  /**
   * Feeds every record, oldest first, to {@code sink} (value null for tombstones). Called once,
   * before the first {@link #append}.
   *
   * @throws SchemaLogException when the log cannot be read completely in bounded time
   */
  void replay(BiConsumer<String, String> sink);

  /**
   * Appends one record durably and returns only once it is stored.
   *
   * @param value the JSON value, or null for a tombstone
   * @throws SchemaLogException when the record could not be stored; {@link
   *     SchemaLogException#timedOut()} tells a timeout apart
   */
  void append(String key, String value);

  /** Releases the log's resources; never throws a checked exception. */
  @Override
  void close();
}
