package io.alignstream.infra.testkit;

import io.alignstream.infra.registry.KafkaSchemaLog;
import io.alignstream.infra.registry.SchemaRegistryServer;
import io.alignstream.infra.topics.TopicAdmin;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-JVM KRaft cluster (one combined broker/controller, {@link KafkaClusterTestKit}) plus
 * AlignStream's schema registry on a free port, backed by the cluster's {@code _schemas} topic. One
 * per test JVM is enough: tests isolate themselves with {@link #newCatalogue()}, whose topics carry a
 * unique prefix.
 */
public final class TestStack implements AutoCloseable {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaClusterTestKit cluster;
  private final SchemaRegistryServer registry;
  private final Admin admin;
  private final RegistryClient registryClient;

  private TestStack(KafkaClusterTestKit cluster, SchemaRegistryServer registry) {
    this.cluster = cluster;
    this.registry = registry;
    this.admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    this.registryClient = new RegistryClient(RegistrySettings.of(registry.url()));
  }

  /** Starts the cluster (ready in a few seconds) and the registry. */
  public static TestStack start() {
    KafkaClusterTestKit cluster = null;
    try {
      cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
              .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "false")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      SchemaRegistryServer registry = new SchemaRegistryServer(
          new KafkaSchemaLog(cluster.bootstrapServers(), TopicCatalogue.REGISTRY_TOPIC), "127.0.0.1", 0);
      registry.start();
      return new TestStack(cluster, registry);
    } catch (Exception e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new IllegalStateException("Cannot start the test Kafka cluster and registry", e);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  public RegistryClient registryClient() {
    return registryClient;
  }

  public Admin admin() {
    return admin;
  }

  /** A unique topic prefix, e.g. {@code t7-1a2b3c4d-}. */
  public static String uniquePrefix() {
    return "t" + NAMESPACES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  /** A catalogue whose topics carry a unique prefix, with every fixed topic created (1 partition each). */
  public TopicCatalogue newCatalogue() {
    return newCatalogue(uniquePrefix(), 1);
  }

  /** A catalogue with the given prefix and partitions, with every fixed topic created. */
  public TopicCatalogue newCatalogue(String prefix, int partitions) {
    TopicCatalogue catalogue = new AvroSerdes(registryClient, true)
        .catalogue(new TopicCatalogue.Settings(prefix, partitions, (short) 1));
    new TopicAdmin(admin, (short) 1, ADMIN_TIMEOUT).ensure(catalogue.fixedTopics());
    return catalogue;
  }

  /** Stops the registry (to test outages); {@link #close()} is still needed. */
  public SchemaRegistryServer registry() {
    return registry;
  }

  @Override
  public void close() throws Exception {
    admin.close(Duration.ofSeconds(5));
    registry.close();
    cluster.close();
  }
}
