package io.alignstream.analyzer.engine;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The analyzer's one producer (idempotent, acks=all): fits to scaling-fits, keyed by fit id, and its
 * dead letters. Values are encoded with the catalogue's serdes first, so a record the registry refuses
 * fails here, before anything is sent.
 */
final class OutputProducer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OutputProducer.class);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<String, byte[]> producer;
  private final TopicSpec<String, ScalingFit> fits;
  private final TopicSpec<String, DeadLetter> deadLetters;

  OutputProducer(Map<String, Object> kafkaConfig, String clientId, TopicSpec<String, ScalingFit> fits,
      TopicSpec<String, DeadLetter> deadLetters) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put("client.id", clientId + "-producer");
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    config.put("linger.ms", 5);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.fits = fits;
    this.deadLetters = deadLetters;
  }

  /** Sends the fits and waits until Kafka has acknowledged every one. */
  void publish(List<ScalingFit> batch) throws InterruptedException, ExecutionException, TimeoutException {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ScalingFit fit : batch) {
      byte[] value = fits.valueSerde().serializer().serialize(fits.name(), fit);
      sent.add(producer.send(new ProducerRecord<>(fits.name(), fit.getFitId(), value)));
    }
    for (Future<RecordMetadata> f : sent) {
      f.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Sends a dead letter; a failure to send is logged with the letter's reason (there is nowhere else to put it). */
  void deadLetter(String key, DeadLetter letter) {
    byte[] value = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), letter);
    producer.send(new ProducerRecord<>(deadLetters.name(), key, value), (metadata, error) -> {
      if (error != null) {
        LOG.errorf(error, "Could not dead-letter %s/%s@%s (%s)", letter.getSourceTopic(), letter.getSourcePartition(),
            letter.getSourceOffset(), letter.getErrorMessage());
      }
    });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
