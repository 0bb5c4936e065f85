package io.alignstream.infra.broker;

import io.alignstream.infra.process.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * Several KRaft nodes (each broker and controller, node ids 1..n, every one a voter), each a child JVM
 * with its own data dir {@code <dir>/node-<id>}, one cluster id kept in {@code <dir>/cluster.id}. With
 * three nodes every topic is replicated three times with {@code min.insync.replicas} 2, internal ones
 * included, so the cluster takes writes with one node down. PLAINTEXT only (the secure stack is one
 * broker). {@link #kill} and {@link #restart} one node for fault tests; the ports stay the same.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final List<BrokerConfig> configs;
  private final int[] brokerPorts;
  private final int[] controllerPorts;
  private final String voters;
  private final String clusterId;
  private final List<KafkaBroker> nodes = new ArrayList<>();

  private KafkaCluster(List<BrokerConfig> configs, int[] brokerPorts, int[] controllerPorts, String clusterId) {
    this.configs = configs;
    this.brokerPorts = brokerPorts;
    this.controllerPorts = controllerPorts;
    this.clusterId = clusterId;
    StringBuilder v = new StringBuilder();
    for (int i = 0; i < configs.size(); i++) {
      v.append(i == 0 ? "" : ",").append(i + 1).append('@').append(HOST).append(':').append(controllerPorts[i]);
    }
    this.voters = v.toString();
  }

  /** Replication settings of a cluster of {@code n} nodes (at most 3 replicas, one fewer in sync). */
  public static Map<String, String> replication(int n) {
    String factor = Integer.toString(Math.min(3, n));
    String inSync = Integer.toString(Math.max(1, Math.min(3, n) - 1));
    return Map.of("offsets.topic.replication.factor", factor, "transaction.state.log.replication.factor", factor,
        "transaction.state.log.min.isr", inSync, "default.replication.factor", factor, "min.insync.replicas", inSync,
        "share.coordinator.state.topic.replication.factor", factor, "share.coordinator.state.topic.min.isr", inSync);
  }

  /**
   * Starts {@code n} nodes under {@code dir} (formatted on first start) and waits until all of them
   * are in the cluster.
   */
  public static KafkaCluster start(Path dir, int n, String heap, Duration timeout, PrintStream console) {
    if (n < 2) {
      throw new IllegalArgumentException("A cluster has at least 2 nodes (one node: KafkaBroker), got " + n);
    }
    String clusterId;
    try {
      Files.createDirectories(dir);
      Path idFile = dir.resolve("cluster.id");
      if (Files.exists(idFile)) {
        clusterId = Files.readString(idFile).trim();
      } else {
        clusterId = Uuid.randomUuid().toString();
        Files.writeString(idFile, clusterId);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the cluster directory " + dir, e);
    }
    List<BrokerConfig> configs = new ArrayList<>();
    int[] brokerPorts = new int[n];
    int[] controllerPorts = new int[n];
    for (int i = 0; i < n; i++) {
      configs.add(new BrokerConfig(dir.resolve("node-" + (i + 1)), 0, 0, heap, timeout, replication(n), List.of()));
      brokerPorts[i] = FreePorts.orFree(0);
      controllerPorts[i] = FreePorts.orFree(0);
    }
    KafkaCluster cluster = new KafkaCluster(configs, brokerPorts, controllerPorts, clusterId);
    try {
      for (int i = 0; i < n; i++) {
        cluster.nodes.add(cluster.startNode(i, console));
      }
      cluster.nodes.forEach(b -> b.awaitReadyOrKill(timeout));
      cluster.awaitNodes(n, timeout);
    } catch (RuntimeException e) {
      cluster.nodes.forEach(KafkaBroker::kill);
      throw e;
    }
    return cluster;
  }

  private KafkaBroker startNode(int i, PrintStream console) {
    return KafkaBroker.startNode(configs.get(i), i + 1, brokerPorts[i], controllerPorts[i], voters, clusterId, console);
  }

  /** Every node's client listener, comma-separated. */
  public String bootstrapServers() {
    return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  /** Node {@code id} (1..n). */
  public KafkaBroker node(int id) {
    return nodes.get(id - 1);
  }

  /** kill -9 node {@code id} (1..n). */
  public void kill(int id) {
    node(id).kill();
  }

  /** Starts node {@code id} again on its ports and data dir (stopping it first if it runs). */
  public void restart(int id, PrintStream console) {
    node(id).close();
    KafkaBroker restarted = startNode(id - 1, console);
    nodes.set(id - 1, restarted);
    restarted.awaitReadyOrKill(configs.get(id - 1).startTimeout());
  }

  private void awaitNodes(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        try {
          if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() >= n) {
            return;
          }
        } catch (Exception notYet) {
          // retried until the deadline
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the cluster", e);
        }
      }
    }
    throw new IllegalStateException("Not all " + n + " Kafka nodes joined within " + timeout + " (data in "
        + configs.get(0).dataDir().getParent() + ")");
  }

  /** Clean shutdown of every node, in parallel. */
  @Override
  public void close() {
    nodes.parallelStream().forEach(KafkaBroker::close);
  }
}
