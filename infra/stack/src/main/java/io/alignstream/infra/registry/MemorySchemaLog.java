package io.alignstream.infra.registry;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@link SchemaLog} in memory: every record in order (no compaction); nothing survives the JVM.
 * For unit tests of stages (a real registry, without a broker) and throwaway registries.
 */
public class MemorySchemaLog implements SchemaLog {
  private final List<Map.Entry<String, String>> records = new ArrayList<>();

  @Override
  public synchronized void replay(BiConsumer<String, String> sink) {
    records.forEach(record -> sink.accept(record.getKey(), record.getValue()));
  }

  @Override
  public synchronized void append(String key, String value) {
    // Map.entry refuses null values, and tombstones are null.
    records.add(new SimpleImmutableEntry<>(key, value));
  }

  @Override
  public void close() {
    // Kept open: a second server on the same log replays what the first wrote.
  }

  /** What was appended, in order. */
  public synchronized List<Map.Entry<String, String>> records() {
    return List.copyOf(records);
  }
}
