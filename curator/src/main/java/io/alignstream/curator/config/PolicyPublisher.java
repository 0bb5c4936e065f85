package io.alignstream.curator.config;

import io.alignstream.curator.policy.InvalidPolicyException;
import io.alignstream.curator.policy.Policy;
import io.alignstream.curator.policy.PolicyFile;
import io.alignstream.curator.policy.PolicyParser;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates declared policies and writes the valid ones to {@code curation-policies}: the policy
 * file at start ({@code alignstream.curator.policies-file}) and REST updates at run time.
 */
@Singleton
public class PolicyPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyPublisher.class);

  @Inject TopicCatalogue topics;

  @Inject KafkaClientProperties kafka;

  @ConfigProperty(name = "alignstream.curator.policies-file")
  Optional<Path> policiesFile;

  private KafkaProducer<String, CurationPolicy> producer;

  void onStart(@Observes StartupEvent event) throws Exception {
    if (policiesFile.isEmpty()) {
      return;
    }
    int published = 0;
    for (CurationPolicy declared : PolicyFile.read(policiesFile.get())) {
      try {
        publish(declared);
        published++;
      } catch (InvalidPolicyException e) {
        LOG.error("{} (from {}): not published", e.getMessage(), policiesFile.get());
      }
    }
    LOG.info("Published {} curation policies from {}", published, policiesFile.get());
  }

  /** Retires a policy (a tombstone); its datasets keep their records. */
  public synchronized void retire(String id) throws Exception {
    producer().send(new ProducerRecord<>(topics.curationPolicies().name(), id, null)).get(30, TimeUnit.SECONDS);
  }

  /** Validates, then writes the policy and waits for the broker's acknowledgement (30 s at most). */
  public synchronized Policy publish(CurationPolicy declared) throws InvalidPolicyException, Exception {
    Policy p = PolicyParser.parse(declared);
    producer().send(new ProducerRecord<>(topics.curationPolicies().name(), p.id(), declared)).get(30, TimeUnit.SECONDS);
    return p;
  }

  private KafkaProducer<String, CurationPolicy> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(kafka.config(Map.of(
          ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
          ProducerConfig.CLIENT_ID_CONFIG, "alignstream-curator-policies")),
          topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer());
    }
    return producer;
  }
}
