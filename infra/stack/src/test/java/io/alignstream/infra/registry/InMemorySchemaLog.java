package io.alignstream.infra.registry;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@link SchemaLog} in memory for fast tests: keeps every record in order (no compaction) and
 * survives {@link #close()}, so a second server can replay what a first one wrote. Can be told to
 * fail the next appends.
 */
final class InMemorySchemaLog implements SchemaLog {
  private final List<Map.Entry<String, String>> records = new ArrayList<>();
  private RuntimeException appendFailure;
  private int closes;

  @Override
  public synchronized void replay(BiConsumer<String, String> sink) {
    records.forEach(record -> sink.accept(record.getKey(), record.getValue()));
  }

  @Override
  public synchronized void append(String key, String value) {
    if (appendFailure != null) {
      throw appendFailure;
    }
    // Map.entry refuses null values, and tombstones are null.
    records.add(new SimpleImmutableEntry<>(key, value));
  }

  @Override
  public synchronized void close() {
    closes++;
  }

  /** Every following append throws {@code failure}; null lets appends succeed again. */
  synchronized void failAppendsWith(RuntimeException failure) {
    appendFailure = failure;
  }

  synchronized List<Map.Entry<String, String>> records() {
    return List.copyOf(records);
  }

  synchronized int closes() {
    return closes;
  }
}
