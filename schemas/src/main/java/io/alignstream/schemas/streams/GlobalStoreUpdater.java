package io.alignstream.schemas.streams;

import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store equal to a compacted topic of wire-format values: upserts (when
 * {@code replaces(old, new)} allows, e.g. a newer version), deletes on tombstones. A record that
 * cannot be decoded is skipped with a warning: global stores cannot forward to a dead-letter topic,
 * so whoever writes the topic must dead-letter bad input upstream.
 */
public final class GlobalStoreUpdater<V> implements Processor<byte[], byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreUpdater.class);
  private final String storeName;
  private final String topic;
  private final Deserializer<V> values;
  private final BiPredicate<V, V> replaces;
  private KeyValueStore<String, V> store;

  /**
   * @param replaces {@code (stored, incoming) -> true} when the incoming value should replace the stored one
   */
  public GlobalStoreUpdater(String storeName, String topic, Deserializer<V> values, BiPredicate<V, V> replaces) {
    this.storeName = storeName;
    this.topic = topic;
    this.values = values;
    this.replaces = replaces;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      store.delete(key);
      return;
    }
    try {
      V incoming = values.deserialize(topic, record.value());
      V stored = store.get(key);
      if (stored == null || replaces.test(stored, incoming)) {
        store.put(key, incoming);
      }
    } catch (SerializationException e) {
      LOG.warn("Skipping undecodable record {} of {} for global store {}: {}", key, topic, storeName, e.getMessage());
    }
  }
}
