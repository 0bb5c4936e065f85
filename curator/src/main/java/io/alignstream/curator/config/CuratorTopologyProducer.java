package io.alignstream.curator.config;

import io.alignstream.curator.topology.CuratorTopology;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the curator topology to Quarkus Kafka Streams, with its listener and settings. */
@ApplicationScoped
public class CuratorTopologyProducer {

  @Produces
  @Singleton
  CuratorMetrics metrics(MeterRegistry registry, TopicCatalogue topics, KafkaClientProperties kafka) {
    Admin admin = Admin.create(kafka.config(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "alignstream-curator-topics")));
    return new CuratorMetrics(registry, new CuratedTopics(admin, topics));
  }

  @Produces
  Topology curator(TopicCatalogue topics, CuratorMetrics metrics,
      @ConfigProperty(name = "alignstream.curator.manifest-every", defaultValue = "PT1S") Duration manifestEvery) {
    return new CuratorTopology(topics.samplesScored(), topics.curatorByDataset(), topics.curationPolicies(),
        topics.datasets(), topics.deadLetters(), id -> topics.curated(id).name(), manifestEvery, metrics).build();
  }
}
