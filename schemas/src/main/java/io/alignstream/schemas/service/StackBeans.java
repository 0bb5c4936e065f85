package io.alignstream.schemas.service;

import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CDI glue shared by the five services: the registry client, the serdes and the topic catalogue,
 * built from {@code alignstream.*} properties. Indexed by Jandex so Quarkus apps pick it up.
 */
@ApplicationScoped
public class StackBeans {

  @Produces
  @Singleton
  RegistryClient registryClient(
      @ConfigProperty(name = "alignstream.registry.url") String url,
      @ConfigProperty(name = "alignstream.registry.connect-timeout", defaultValue = "PT2S") Duration connect,
      @ConfigProperty(name = "alignstream.registry.request-timeout", defaultValue = "PT5S") Duration request,
      @ConfigProperty(name = "alignstream.registry.max-attempts", defaultValue = "4") int attempts,
      // user:password for a registry whose writes (or reads) need a login; never logged.
      @ConfigProperty(name = "alignstream.registry.basic-auth") Optional<String> basicAuth) {
    return new RegistryClient(new RegistrySettings(URI.create(url), connect, request, attempts, Duration.ofMillis(100))
        .withBasicAuth(basicAuth.orElse(null)));
  }

  @Produces
  @Singleton
  AvroSerdes avroSerdes(
      RegistryClient registry,
      @ConfigProperty(name = "alignstream.registry.auto-register", defaultValue = "true") boolean autoRegister) {
    return new AvroSerdes(registry, autoRegister);
  }

  @Produces
  @Singleton
  TopicCatalogue topicCatalogue(
      AvroSerdes serdes,
      // Optional: MicroProfile Config treats an empty value as missing, and no prefix is the default.
      @ConfigProperty(name = "alignstream.topics.prefix") Optional<String> prefix,
      @ConfigProperty(name = "alignstream.topics.partitions", defaultValue = "3") int partitions,
      @ConfigProperty(name = "alignstream.topics.replication-factor", defaultValue = "1") short replication) {
    return serdes.catalogue(new TopicCatalogue.Settings(prefix.orElse(""), partitions, replication));
  }

  /**
   * Bootstrap servers and security settings for every Kafka client a service builds itself, from
   * {@code kafka.bootstrap.servers} and {@code kafka.security.protocol}, {@code kafka.sasl.*},
   * {@code kafka.ssl.*} (the same settings Quarkus hands its Kafka Streams and health clients).
   */
  @Produces
  @Singleton
  KafkaClientProperties kafkaClientProperties(Config config) {
    return KafkaClientProperties.fromConfig(name -> config.getOptionalValue(name, String.class));
  }
}
