package io.alignstream.curator.topology;

import io.alignstream.curator.policy.InvalidPolicyException;
import io.alignstream.curator.policy.Policy;
import io.alignstream.curator.policy.PolicyParser;
import io.alignstream.schemas.dataset.CurationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store of policies in force: a declared policy replaces the stored one only when
 * it is valid (its id must match the record key); otherwise it is rejected (reported with every
 * problem) and the previous version stays. A tombstone retires the policy; its datasets keep their records.
 */
final class PolicyStoreUpdater implements Processor<byte[], byte[], Void, Void> {
  private final String topic;
  private final Deserializer<CurationPolicy> values;
  private final CurationListener listener;
  private KeyValueStore<String, CurationPolicy> store;

  PolicyStoreUpdater(String topic, Deserializer<CurationPolicy> values, CurationListener listener) {
    this.topic = topic;
    this.values = values;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(CuratorTopology.POLICIES_GLOBAL_STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.key() == null) {
      listener.rejected("(no key)", List.of("a policy record needs its dataset id as key"));
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      store.delete(key);
      listener.retired(key);
      return;
    }
    CurationPolicy declared;
    try {
      declared = values.deserialize(topic, record.value());
    } catch (SerializationException e) {
      listener.rejected(key, List.of("undecodable: " + e.getMessage()));
      return;
    }
    if (!key.equals(declared.getDatasetId())) {
      listener.rejected(key, List.of("key '" + key + "' differs from datasetId '" + declared.getDatasetId() + "'"));
      return;
    }
    try {
      Policy p = PolicyParser.parse(declared);
      listener.accepted(p);
      store.put(key, declared);
    } catch (InvalidPolicyException e) {
      listener.rejected(key, e.problems());
    }
  }
}
