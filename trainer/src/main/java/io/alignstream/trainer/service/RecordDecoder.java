package io.alignstream.trainer.service;

import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Decodes the raw records the loop reads, with the catalogue's serdes. */
final class RecordDecoder {
  private static final Logger LOG = Logger.getLogger(RecordDecoder.class);

  private final TopicCatalogue topics;

  RecordDecoder(TopicCatalogue topics) {
    this.topics = topics;
  }

  /**
   * A curated record, decoded, or with why it cannot be (it becomes a dead letter).
   *
   * @throws RegistryException when the schema registry is unreachable: not the record's fault, read it again later
   */
  DatasetRun.Inbound curated(ConsumerRecord<byte[], byte[]> r) {
    try {
      if (r.value() == null) {
        throw new IllegalArgumentException("a curated record without a value");
      }
      ScoredSample value = topics.curated(topics.datasetIdOf(r.topic())).valueSerde().deserializer()
          .deserialize(r.topic(), r.value());
      if (value == null || value.getSample() == null) {
        throw new IllegalArgumentException("a curated record without a sample");
      }
      return new DatasetRun.Inbound(r, value, null);
    } catch (RegistryException e) {
      if (e.isUnreachable()) {
        throw e;
      }
      return new DatasetRun.Inbound(r, null, e);
    } catch (RuntimeException e) {
      return new DatasetRun.Inbound(r, null, e);
    }
  }

  /**
   * A record of a topic read from the beginning on every start ({@code target-samples},
   * {@code datasets}), null for a tombstone. One that cannot be decoded is logged and skipped, not
   * dead-lettered: it would be dead-lettered again on every start.
   */
  <V> V context(TopicSpec<String, V> topic, ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    try {
      return topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.warnf("Skipping undecodable %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
      return null;
    }
  }
}
