package io.alignstream.infra.broker;

import io.alignstream.infra.process.ChildProcess;
import io.alignstream.infra.process.FreePorts;
import io.alignstream.infra.process.JavaCommand;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker + controller, node id 1), run as a child
 * JVM from the Maven artifacts on this JVM's class path. Formats its storage on first start only, so
 * data survives restarts; binds 127.0.0.1 only; ready when an admin client gets the cluster
 * description; {@link #close()} sends SIGTERM for a clean shutdown. With {@link BrokerSecurity} every
 * listener is SASL_SSL and ACLs are enforced (see there); server.properties is then owner-only.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final String HOST = "127.0.0.1";

  private final BrokerConfig config;
  private final int brokerPort;
  private final int internalPort;
  private final ChildProcess process;

  private KafkaBroker(BrokerConfig config, int brokerPort, int internalPort, ChildProcess process) {
    this.config = config;
    this.brokerPort = brokerPort;
    this.internalPort = internalPort;
    this.process = process;
  }

  /**
   * Formats (first time), starts and waits for the broker.
   *
   * @param console where to echo the broker's log lines prefixed with [kafka], or null
   */
  public static KafkaBroker start(BrokerConfig config, PrintStream console) {
    int brokerPort = FreePorts.orFree(config.brokerPort());
    int controllerPort = FreePorts.orFree(config.controllerPort());
    KafkaBroker broker = startNode(config, 1, brokerPort, controllerPort, "1@" + HOST + ":" + controllerPort,
        Uuid.randomUuid().toString(), console);
    broker.awaitReadyOrKill(config.startTimeout());
    return broker;
  }

  /**
   * Starts one node of a cluster without waiting for it (a quorum needs its peers first): formats its
   * storage on first start with {@code clusterId}, writes server.properties with {@code nodeId} and
   * the quorum's {@code voters}.
   */
  static KafkaBroker startNode(BrokerConfig config, int nodeId, int brokerPort, int controllerPort, String voters,
      String clusterId, PrintStream console) {
    int internalPort = config.security() == null ? 0 : FreePorts.orFree(0);
    Path logDir = config.dataDir().resolve("kafka-logs");
    Path properties = config.dataDir().resolve("server.properties");
    Path logFile = config.dataDir().resolve("broker.log");
    try {
      Files.createDirectories(logDir);
      writeProperties(properties, serverProperties(config, logDir, nodeId, voters, brokerPort, controllerPort,
          internalPort));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare broker data directory " + config.dataDir(), e);
    }
    List<String> jvm = new ArrayList<>(List.of("-Xms" + config.heap(), "-Xmx" + config.heap(),
        "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Djava.net.preferIPv4Stack=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.log.kafka.log.LogCleaner=warn"));
    jvm.addAll(config.jvmOptions());
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(config, jvm, properties, logFile, clusterId);
    }
    ChildProcess child = ChildProcess.start(nodeId == 1 ? "kafka" : "kafka-" + nodeId, JavaCommand.mainClass(
            JavaCommand.ownClassPath(), jvm, "kafka.Kafka", List.of(properties.toString())),
        config.dataDir(), logFile, console, null);
    return new KafkaBroker(config, brokerPort, internalPort, child);
  }

  /** Waits until this broker answers; kills it when it does not in time. */
  void awaitReadyOrKill(Duration timeout) {
    try {
      awaitReady(timeout);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
    LOG.info("Kafka broker ready at {} (pid {}, data {})", bootstrapServers(), process.pid(), config.dataDir());
  }

  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /**
   * How the broker's own user reaches it: the INTERNAL listener with PLAIN over TLS when secure (a
   * super user that works before any SCRAM credential exists: the launcher creates those and the
   * ACLs with it), else the PLAINTEXT listener.
   */
  public KafkaClientProperties brokerClient() {
    BrokerSecurity security = config.security();
    if (security == null) {
      return KafkaClientProperties.plaintext(bootstrapServers());
    }
    return new KafkaClientProperties(HOST + ":" + internalPort, Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + security.brokerUser() + "\" password=\"" + security.brokerPassword() + "\";",
        "ssl.truststore.location", security.truststore().toAbsolutePath().toString(),
        "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", security.storePassword()));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public BrokerConfig config() {
    return config;
  }

  /** Clean shutdown: SIGTERM, then SIGKILL after 60 s. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(60));
  }

  /** kill -9 (fault injection): the next start must recover from the unclean shutdown. */
  public void kill() {
    process.kill();
  }

  static Map<String, String> serverProperties(BrokerConfig config, Path logDir, int nodeId, String voters,
      int brokerPort, int controllerPort, int internalPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    // One broker: internal topics cannot be replicated, or consumers and transactions hang (a cluster
    // overrides these, see KafkaCluster).
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "3");
    p.put("auto.create.topics.enable", "false");
    p.put("log.cleaner.dedupe.buffer.size", "16777216");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    if (config.security() != null) {
      p.putAll(securityProperties(config.security(), brokerPort, controllerPort, internalPort));
    }
    p.putAll(config.overrides());
    return p;
  }

  /** Listeners, TLS, SASL and the authorizer of the secure broker (see {@link BrokerSecurity}). */
  private static Map<String, String> securityProperties(BrokerSecurity s, int brokerPort, int controllerPort,
      int internalPort) {
    String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + s.brokerUser()
        + "\" password=\"" + s.brokerPassword() + "\" user_" + s.brokerUser() + "=\"" + s.brokerPassword() + "\";";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("listeners", "CLIENT://" + HOST + ":" + brokerPort + ",INTERNAL://" + HOST + ":" + internalPort
        + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "CLIENT://" + HOST + ":" + brokerPort + ",INTERNAL://" + HOST + ":" + internalPort);
    p.put("listener.security.protocol.map", "CLIENT:SASL_SSL,INTERNAL:SASL_SSL,CONTROLLER:SASL_SSL");
    p.put("inter.broker.listener.name", "INTERNAL");
    p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    p.put("sasl.mechanism.controller.protocol", "PLAIN");
    p.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
    // Server side of SCRAM: credentials come from the metadata log, the login module needs no user.
    p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name.internal.plain.sasl.jaas.config", plain);
    p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name.controller.plain.sasl.jaas.config", plain);
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", s.keystore().toAbsolutePath().toString());
    p.put("ssl.keystore.password", s.storePassword());
    p.put("ssl.key.password", s.storePassword());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", s.truststore().toAbsolutePath().toString());
    p.put("ssl.truststore.password", s.storePassword());
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("allow.everyone.if.no.acl.found", "false");
    StringBuilder superUsers = new StringBuilder("User:").append(s.brokerUser());
    s.superUsers().forEach(u -> superUsers.append(";User:").append(u));
    p.put("super.users", superUsers.toString());
    return p;
  }

  /** Owner-only: with security the file holds the broker's password and the store passwords. */
  private static void writeProperties(Path file, Map<String, String> values) throws IOException {
    Properties properties = new Properties();
    values.forEach(properties::setProperty);
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } else {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer out = Files.newBufferedWriter(file, StandardOpenOption.TRUNCATE_EXISTING)) {
      properties.store(out, "Written by AlignStream's broker launcher on every start");
    }
  }

  private static void format(BrokerConfig config, List<String> jvm, Path properties, Path logFile, String clusterId) {
    List<String> command = JavaCommand.mainClass(JavaCommand.ownClassPath(), jvm, "kafka.tools.StorageTool",
        List.of("format", "-t", clusterId, "-c", properties.toString()));
    ChildProcess formatter = ChildProcess.start("kafka-format", command, config.dataDir(), logFile, null, null);
    int exit = formatter.waitFor(Duration.ofSeconds(60));
    if (exit != 0) {
      throw new IllegalStateException("Formatting the broker storage in " + config.dataDir() + " failed (exit "
          + exit + "); see " + logFile);
    }
    LOG.info("Formatted KRaft storage in {} (cluster id {})", config.dataDir(), clusterId);
  }

  private void awaitReady(Duration timeout) {
    Properties admin = brokerClient().properties();
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin client = Admin.create(admin)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Kafka broker exited during start; see "
              + config.dataDir().resolve("broker.log"));
        }
        try {
          client.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).controller().get(3, TimeUnit.SECONDS);
          if (!client.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          last = e;
          sleep(200);
        }
      }
    }
    throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " not ready within " + timeout
        + "; see " + config.dataDir().resolve("broker.log"), last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the broker", e);
    }
  }
}
