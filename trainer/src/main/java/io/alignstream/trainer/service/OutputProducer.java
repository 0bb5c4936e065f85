package io.alignstream.trainer.service;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.topics.TopicSpec;
import io.alignstream.schemas.training.TrainingResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The trainer's one producer (idempotent, acks=all, shared by the workers): results to
 * {@code training-results} keyed by dataset id, dead letters to {@code samples-dead-letter}. Sends are
 * asynchronous; {@link #flush()} waits for every one so far and fails if any was lost, and is called
 * before each checkpoint, so a checkpoint never records offsets past output that did not arrive.
 */
final class OutputProducer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OutputProducer.class);

  /** Output could not be delivered: the engine stops, and a restart redoes the work from the last checkpoint. */
  static final class PublishException extends RuntimeException {
    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, byte[]> producer;
  private final TopicSpec<String, TrainingResult> results;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  OutputProducer(Map<String, Object> kafkaConfig, String clientId, TopicSpec<String, TrainingResult> results,
      TopicSpec<String, DeadLetter> deadLetters) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put("client.id", clientId + "-producer");
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    config.put("linger.ms", 5);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.results = results;
    this.deadLetters = deadLetters;
  }

  void result(TrainingResult result) {
    byte[] value = encode(results, result);
    send(new ProducerRecord<>(results.name(), result.getDatasetId(), value),
        "result of " + result.getDatasetId() + " at D=" + result.getSize());
  }

  void deadLetter(String key, DeadLetter letter) {
    byte[] value = encode(deadLetters, letter);
    send(new ProducerRecord<>(deadLetters.name(), key, value), "dead letter of " + letter.getSourceTopic() + "-"
        + letter.getSourcePartition() + "@" + letter.getSourceOffset() + " (" + letter.getErrorMessage() + ")");
  }

  private static <V> byte[] encode(TopicSpec<String, V> topic, V value) {
    try {
      return topic.valueSerde().serializer().serialize(topic.name(), value);
    } catch (RuntimeException e) {
      // e.g. the schema registry is unreachable: not the record's fault, so not a dead letter
      throw new PublishException("cannot encode a record for " + topic.name() + ": " + e.getMessage(), e);
    }
  }

  private void send(ProducerRecord<String, byte[]> record, String what) {
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        LOG.errorf(error, "Could not publish the %s", what);
        failure.compareAndSet(null, error);
      }
    });
  }

  /**
   * Waits until everything sent so far is acknowledged.
   *
   * @throws PublishException if any send failed (now or earlier)
   */
  void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new PublishException("output to Kafka was lost: " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
