package io.alignstream.ingest.feeds;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.solar.FeedCursor;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a feed's records, dead letters and new cursor in one Kafka transaction: either all of
 * them are visible (read committed) or none, so a crash between poll and publish neither loses nor
 * repeats records. Cursors are read back from the compacted {@code ingest-cursors} topic at start.
 * One publisher per ingest instance (its transactional id); feeds are polled one at a time through it.
 */
public final class FeedPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final TopicCatalogue topics;
  private final Map<String, FeedCursor> cursors = new HashMap<>();

  public FeedPublisher(String bootstrap, TopicCatalogue topics, String transactionalId) {
    this(KafkaClientProperties.plaintext(bootstrap), topics, transactionalId);
  }

  /** @param kafka bootstrap servers and security of the producer and the cursor reader */
  public FeedPublisher(KafkaClientProperties kafka, TopicCatalogue topics, String transactionalId) {
    this.topics = topics;
    Properties p = kafka.properties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.producer.initTransactions();
    loadCursors(kafka);
  }

  /** The stored cursor of a feed, or null before its first successful poll. */
  public synchronized FeedCursor cursor(String feed) {
    return cursors.get(feed);
  }

  /** Publishes the batch atomically; on failure nothing of it is visible and the cursor stays. */
  public synchronized void publish(FeedBatch batch) {
    try {
      producer.beginTransaction();
      for (FeedBatch.Out<?> out : batch.records()) {
        send(out);
      }
      for (DeadLetter letter : batch.deadLetters()) {
        send(new FeedBatch.Out<>(topics.deadLetters(), letter.getSourceRef(), letter));
      }
      send(new FeedBatch.Out<>(topics.feedCursors(), batch.cursor().getFeed(), batch.cursor()));
      producer.commitTransaction();
      cursors.put(batch.cursor().getFeed(), batch.cursor());
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      throw new Fenced("another ingest instance took over this transactional id; this one stops publishing", e);
    } catch (RuntimeException e) {
      // Any failure (Kafka, an unreachable registry while serializing) must end the open transaction,
      // or read-committed consumers stall and the next publish cannot begin.
      try {
        producer.abortTransaction();
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  private <V> void send(FeedBatch.Out<V> out) {
    TopicSpec<String, V> t = out.topic();
    producer.send(new ProducerRecord<>(t.name(), t.keySerde().serializer().serialize(t.name(), out.key()),
        t.valueSerde().serializer().serialize(t.name(), out.value())));
  }

  private void loadCursors(KafkaClientProperties kafka) {
    TopicSpec<String, FeedCursor> t = topics.feedCursors();
    try (KafkaConsumer<String, FeedCursor> consumer = new KafkaConsumer<>(kafka.config(Map.of(
        "group.id", "cursor-loader-" + UUID.randomUUID(),
        "isolation.level", "read_committed", "enable.auto.commit", "false")),
        t.keySerde().deserializer(), t.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(t.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read feed cursors from " + t.name() + " within 60 s");
        }
        for (ConsumerRecord<String, FeedCursor> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            cursors.remove(r.key());
          } else {
            cursors.put(r.key(), r.value());
          }
        }
      }
    }
  }

  /** This publisher was fenced by a newer instance with the same transactional id. */
  public static final class Fenced extends RuntimeException {
    public Fenced(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
