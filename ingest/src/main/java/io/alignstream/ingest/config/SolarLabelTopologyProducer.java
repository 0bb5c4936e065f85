package io.alignstream.ingest.config;

import io.alignstream.ingest.solar.FlareLabeler;
import io.alignstream.ingest.topology.SolarLabelTopology;
import io.alignstream.schemas.topics.TopicCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the solar late-label join to Quarkus Kafka Streams. */
@ApplicationScoped
public class SolarLabelTopologyProducer {

  @Produces
  Topology solarLabels(
      TopicCatalogue topics,
      @ConfigProperty(name = "alignstream.solar.label-grace", defaultValue = "PT6H") Duration grace,
      @ConfigProperty(name = "alignstream.solar.punctuate-every", defaultValue = "PT1M") Duration every,
      @ConfigProperty(name = "alignstream.solar.history-decay", defaultValue = "PT12H") Duration decay) {
    return new SolarLabelTopology(topics.solarSharp(), topics.solarFlares(), topics.samplesRaw(), topics.deadLetters(),
        new SolarLabelTopology.Settings(grace, every), new FlareLabeler(decay)).build();
  }
}
