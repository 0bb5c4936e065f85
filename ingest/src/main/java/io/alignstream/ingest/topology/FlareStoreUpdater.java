package io.alignstream.ingest.topology;

import io.alignstream.schemas.solar.SolarFlare;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global flare store equal to the compacted {@code solar-flares} topic: upserts, and
 * deletes on tombstones. A DONKI revision with a lower version than the stored one is ignored. A
 * record that cannot be decoded is skipped with a warning (global stores cannot forward to the
 * dead-letter topic; the feed poller that wrote it dead-letters malformed input upstream).
 */
final class FlareStoreUpdater implements Processor<byte[], byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(FlareStoreUpdater.class);
  private final Deserializer<SolarFlare> values;
  private KeyValueStore<String, SolarFlare> store;
  private String topic;

  FlareStoreUpdater(Deserializer<SolarFlare> values) {
    this.values = values;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(SolarLabelTopology.FLARE_STORE);
    topic = context.recordMetadata().map(m -> m.topic()).orElse("solar-flares");
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
      SolarFlare flare = values.deserialize(topic, record.value());
      SolarFlare old = store.get(key);
      if (old == null || old.getVersion() == null || flare.getVersion() == null || flare.getVersion() >= old.getVersion()) {
        store.put(key, flare);
      }
    } catch (SerializationException e) {
      LOG.warn("Skipping undecodable flare {}: {}", key, e.getMessage());
    }
  }
}
