package io.alignstream.infra.registry;

import io.alignstream.schemas.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaLog} on a compacted, single-partition Kafka topic, like Confluent's {@code
 * _schemas}. {@link #replay} creates the topic when missing ({@code cleanup.policy=compact}, one
 * partition) and reads it from the beginning up to the end offset found at start; {@link #append}
 * writes with an idempotent {@code acks=all} producer and waits for the acknowledgement. Every
 * wait is bounded by the timeout given, after which a {@link SchemaLogException} says what did
 * not answer. One partition keeps records in order; a single writer is assumed.
 */
public final class KafkaSchemaLog implements SchemaLog {
  /** How long any one broker operation may take before the registry gives up. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final KafkaClientProperties kafka;
  private final String topic;
  private final short replicationFactor;
  private final Duration timeout;
  private KafkaProducer<String, String> producer;

  /** A log on {@code topic} with replication factor 1 and {@link #DEFAULT_TIMEOUT}. */
  public KafkaSchemaLog(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, (short) 1, DEFAULT_TIMEOUT);
  }

  /**
   * @param replicationFactor used only when the topic is created
   * @param timeout the bound on each broker operation (topic setup, replay, one append)
   */
  public KafkaSchemaLog(String bootstrapServers, String topic, short replicationFactor,
      Duration timeout) {
    this(KafkaClientProperties.plaintext(bootstrapServers), topic, replicationFactor, timeout);
  }

  /**
   * @param kafka bootstrap servers and security (TLS, SASL) of every client of the log
   * @param replicationFactor used only when the topic is created
   * @param timeout the bound on each broker operation (topic setup, replay, one append)
   */
  public KafkaSchemaLog(KafkaClientProperties kafka, String topic, short replicationFactor, Duration timeout) {
    this.kafka = kafka;
    this.bootstrapServers = kafka.bootstrapServers();
    this.topic = topic;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  @Override
  public void replay(BiConsumer<String, String> sink) {
    new SchemaTopic(topic, replicationFactor, timeout, bootstrapServers).ensure(adminConfig());
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      long deadline = System.nanoTime() + timeout.toNanos();
      long records = 0;
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw SchemaLogException.timeout("Replaying schema topic '" + topic + "' did not reach"
              + " offset " + end + " within " + timeout + " (at " + consumer.position(partition)
              + ")", null);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          sink.accept(record.key(), record.value());
          records++;
        }
      }
      LOG.info("Replayed {} records from schema topic '{}'", records, topic);
    } catch (TimeoutException e) {
      throw unreachable("replay schema topic '" + topic + "'", e);
    } catch (KafkaException e) {
      throw new SchemaLogException("Cannot read schema topic '" + topic + "' from "
          + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void append(String key, String value) {
    try {
      Future<RecordMetadata> sent = producer().send(new ProducerRecord<>(topic, 0, key, value));
      sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | TimeoutException e) {
      throw SchemaLogException.timeout("Writing to schema topic '" + topic + "' was not"
          + " acknowledged within " + timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw SchemaLogException.timeout("Writing to schema topic '" + topic + "' was not"
            + " acknowledged within " + timeout, e.getCause());
      }
      throw new SchemaLogException("Cannot write to schema topic '" + topic + "': "
          + e.getCause().getMessage(), e.getCause());
    } catch (KafkaException e) {
      throw new SchemaLogException("Cannot write to schema topic '" + topic + "': "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaLogException("Interrupted writing to schema topic '" + topic + "'", e);
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private SchemaLogException unreachable(String what, Throwable cause) {
    return SchemaLogException.timeout("Could not " + what + ": Kafka at " + bootstrapServers
        + " did not answer within " + timeout, cause);
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties config = common("schema-registry-writer");
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
      // Must be at least linger + request timeout; a write is given up after the same bound.
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(config);
    }
    return producer;
  }

  private Properties consumerConfig() {
    Properties config = common("schema-registry-reader");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        StringDeserializer.class.getName());
    return config;
  }

  private Properties adminConfig() {
    Properties config = common("schema-registry-admin");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return config;
  }

  private Properties common(String clientId) {
    Properties config = kafka.properties();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }
}
