package io.alignstream.ingest.kafka;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import io.alignstream.ingest.api.IngestOutcome;
import io.alignstream.schemas.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes accepted samples to {@code samples-raw} (key: sample id) and rejected input to
 * {@code samples-dead-letter}, through one idempotent {@code acks=all} producer. A returned future
 * completes only when Kafka has acknowledged the record, so callers ack their clients only then.
 * {@code max.block.ms} bounds how long a send may wait for buffer space: past it the future fails
 * with a {@code TimeoutException}/{@code BufferExhaustedException} and the caller pushes back
 * (HTTP 503 with Retry-After) instead of dropping anything.
 */
public final class SampleSink implements AutoCloseable {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
  private final KafkaProducer<byte[], byte[]> producer;
  private final TopicSpec<String, Sample> samples;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final TopicSpec<String, Sample> solarSharp;

  public SampleSink(String bootstrapServers, TopicCatalogue topics, Duration maxBlock, Map<String, String> overrides) {
    this(KafkaClientProperties.plaintext(bootstrapServers), topics, maxBlock, overrides);
  }

  /** @param kafka bootstrap servers and security (TLS, SASL) of the producer */
  public SampleSink(KafkaClientProperties kafka, TopicCatalogue topics, Duration maxBlock,
      Map<String, String> overrides) {
    Properties p = kafka.properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    p.putAll(overrides);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.samples = topics.samplesRaw();
    this.deadLetters = topics.deadLetters();
    this.solarSharp = topics.solarSharp();
  }

  /** Sends a valid sample; completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> send(Sample sample) {
    return send(samples, sample.getId(), sample);
  }

  /** Sends an unlabelled SHARP sample to {@code solar-sharp} (key: HARPNUM) for the late-label join. */
  public CompletableFuture<RecordMetadata> sendForLabelling(Sample sample) {
    return send(solarSharp, sample.getMetadata().getOrDefault("HARPNUM", sample.getId()), sample);
  }

  /** Sends a dead letter; its key is the source reference so related failures stay together. */
  public CompletableFuture<RecordMetadata> deadLetter(DeadLetter letter) {
    String key = letter.getSourceRef() != null ? letter.getSourceRef() : letter.getSourceTopic();
    return send(deadLetters, key, letter);
  }

  /**
   * Sends every sample and waits (bounded) until Kafka acknowledged all of them.
   *
   * @throws Backpressure when Kafka, its buffer or the registry cannot take them now (retry later)
   * @throws SendFailed when a sample can never be written (e.g. larger than the topic allows)
   */
  public List<IngestOutcome.Stored> sendAll(List<Sample> batch) {
    List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(batch.size());
    batch.forEach(s -> acks.add(send(s)));
    List<IngestOutcome.Stored> stored = new ArrayList<>(batch.size());
    for (int i = 0; i < acks.size(); i++) {
      try {
        RecordMetadata m = acks.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        stored.add(new IngestOutcome.Stored(i, batch.get(i).getId(), m.partition(), m.offset()));
      } catch (java.util.concurrent.TimeoutException e) {
        throw new Backpressure("no acknowledgement from Kafka within " + ACK_TIMEOUT);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RetriableException || cause instanceof RegistryException) {
          throw new Backpressure(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        throw new SendFailed("sample " + i + " (" + batch.get(i).getId() + "): " + cause, cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Backpressure("interrupted while waiting for Kafka");
      }
    }
    return stored;
  }

  /** Kafka cannot take the samples now; nothing is lost if the client retries. */
  public static final class Backpressure extends RuntimeException {
    public Backpressure(String message) {
      super(message);
    }
  }

  /** A sample that Kafka refused for good. */
  public static final class SendFailed extends RuntimeException {
    public SendFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }

  private <V> CompletableFuture<RecordMetadata> send(TopicSpec<String, V> topic, String key, V value) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
      byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
      producer.send(new ProducerRecord<>(topic.name(), k, v), (metadata, error) -> {
        if (error != null) {
          acked.completeExceptionally(error);
        } else {
          acked.complete(metadata);
        }
      });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e);
    }
    return acked;
  }
}
