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
 *
 * <p>{@link #startCluster(int)} starts several brokers (ids 0..n-1) and one controller instead (3
 * brokers: replication factor 3 and {@code min.insync.replicas} 2 for every topic, internal ones
 * included), for fault tests that stop a partition's leader ({@link #leaderOf}, {@link #stopBroker},
 * {@link #startBroker}).
 */
public final class TestStack implements AutoCloseable {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaClusterTestKit cluster;
  private final SchemaRegistryServer registry;
  private final short replication;
  private final Admin admin;
  private final RegistryClient registryClient;

  private TestStack(KafkaClusterTestKit cluster, SchemaRegistryServer registry, short replication) {
    this.cluster = cluster;
    this.registry = registry;
    this.replication = replication;
    this.admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    this.registryClient = new RegistryClient(RegistrySettings.of(registry.url()));
  }

  /** Starts the cluster (ready in a few seconds) and the registry. */
  public static TestStack start() {
    return startCluster(1);
  }

  /**
   * Starts {@code nodes} brokers (ids 0..nodes-1; one node is broker and controller at once, more get
   * a controller of their own) and the registry. Topics are replicated min(nodes, 3) times with {@code
   * min.insync.replicas} one less (at least 1).
   */
  public static TestStack startCluster(int nodes) {
    short replication = (short) Math.min(nodes, 3);
    String minInsync = Integer.toString(Math.max(1, replication - 1));
    KafkaClusterTestKit cluster = null;
    try {
      // One controller: with several in-JVM controllers, Kafka 4.1's test kit fails the raft thread of the
      // followers at start (UpdateVoter answered INVALID_REQUEST) and the cluster crawls.
      cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
              .setCombined(nodes == 1).setNumBrokerNodes(nodes).setNumControllerNodes(1).build())
          .setConfigProp("offsets.topic.replication.factor", Short.toString(replication))
          .setConfigProp("transaction.state.log.replication.factor", Short.toString(replication))
          .setConfigProp("transaction.state.log.min.isr", minInsync)
          .setConfigProp("default.replication.factor", Short.toString(replication))
          .setConfigProp("min.insync.replicas", minInsync)
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "false")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      SchemaRegistryServer registry = new SchemaRegistryServer(
          new KafkaSchemaLog(cluster.bootstrapServers(), TopicCatalogue.REGISTRY_TOPIC), "127.0.0.1", 0);
      registry.start();
      return new TestStack(cluster, registry, replication);
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

  /** The replication factor of the topics this stack creates. */
  public short replication() {
    return replication;
  }

  /** The broker id that leads a partition now. */
  public int leaderOf(String topic, int partition) {
    try {
      return admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, java.util.concurrent.TimeUnit.SECONDS)
          .get(topic).partitions().get(partition).leader().id();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot describe " + topic, e);
    }
  }

  /** Stops a broker: its partitions' leadership moves to the others. */
  public void stopBroker(int id) {
    broker(id).shutdown();
    broker(id).awaitShutdown();
  }

  /** Starts a stopped broker again; it catches up from the others as a follower. */
  public void startBroker(int id) {
    broker(id).startup();
  }

  private kafka.server.BrokerServer broker(int id) {
    kafka.server.BrokerServer broker = cluster.brokers().get(id);
    if (broker == null) {
      throw new IllegalArgumentException("No broker " + id + " in " + cluster.brokers().keySet());
    }
    return broker;
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
        .catalogue(new TopicCatalogue.Settings(prefix, partitions, replication));
    new TopicAdmin(admin, replication, ADMIN_TIMEOUT).ensure(catalogue.fixedTopics());
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
