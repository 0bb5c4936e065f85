package io.alignstream.experiment;

import io.alignstream.schemas.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one topic from a point in time: every partition assigned (no consumer group, nothing
 * committed), read committed, so what it sees is what downstream consumers see.
 */
final class TopicWatch implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private int unreadable;

  /**
   * @param kafka bootstrap servers and security (a secure stack's client settings)
   * @param fromEnd start at the current end (only what arrives from now on), else at the beginning
   */
  TopicWatch(KafkaClientProperties kafka, String topic, boolean fromEnd) {
    this.topic = topic;
    Properties p = kafka.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "alignstream-experiment-" + topic);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    consumer.assign(partitions);
    if (fromEnd) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      ends.forEach(consumer::seek);
    } else {
      consumer.seekToBeginning(partitions);
    }
  }

  /**
   * Hands every record that arrived since the last call to {@code each}; returns how many. A record
   * {@code each} cannot decode ({@link SerializationException}: corrupt, or of an unknown schema) is
   * skipped and counted, not fatal: the stages dead-letter such records, and the run goes on.
   */
  int poll(Duration wait, Consumer<ConsumerRecord<String, byte[]>> each) {
    int n = 0;
    for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
      try {
        each.accept(r);
      } catch (SerializationException e) {
        if (unreadable++ < 3) {
          System.err.printf("Skipping an unreadable record %s-%d@%d: %s%n", r.topic(), r.partition(), r.offset(),
              e.getMessage());
        }
      }
      n++;
    }
    return n;
  }

  String topic() {
    return topic;
  }

  /** Records skipped because they could not be decoded. */
  int unreadable() {
    return unreadable;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
