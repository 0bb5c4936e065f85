package io.alignstream.ingest.config;

import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the ingest service's Kafka producer from configuration. */
@ApplicationScoped
public class IngestBeans {

  @Produces
  @Singleton
  SampleSink sampleSink(
      TopicCatalogue topics,
      KafkaClientProperties kafka,
      @ConfigProperty(name = "alignstream.ingest.max-block", defaultValue = "PT0.2S") Duration maxBlock,
      @ConfigProperty(name = "alignstream.ingest.producer-buffer-bytes", defaultValue = "33554432") long buffer) {
    return new SampleSink(kafka, topics, maxBlock, Map.of("buffer.memory", Long.toString(buffer)));
  }

  void close(@Disposes SampleSink sink) {
    sink.close();
  }
}
