package io.alignstream.scorer.topology;

import io.alignstream.schemas.scored.TargetReference;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mirrors {@code target-embeddings} into the global store every scoring task reads; newer versions win. */
final class GlobalReferenceUpdater implements Processor<byte[], byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalReferenceUpdater.class);
  private final Deserializer<TargetReference> values;
  private KeyValueStore<String, TargetReference> store;

  GlobalReferenceUpdater(Deserializer<TargetReference> values) {
    this.values = values;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(ScorerTopology.REFERENCES_GLOBAL_STORE);
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
      TargetReference r = values.deserialize("target-embeddings", record.value());
      TargetReference old = store.get(key);
      if (old == null || r.getVersion() >= old.getVersion()) {
        store.put(key, r);
      }
    } catch (SerializationException e) {
      LOG.warn("Skipping undecodable target reference {}: {}", key, e.getMessage());
    }
  }
}
