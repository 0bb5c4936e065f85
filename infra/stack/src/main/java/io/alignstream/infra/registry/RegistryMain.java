package io.alignstream.infra.registry;

import io.alignstream.schemas.security.AccessPolicy;
import io.alignstream.schemas.security.CredentialStore;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the schema registry on a Kafka-backed log until SIGTERM. Prints exactly one line, {@code
 * Schema registry listening on http://HOST:PORT}, once it serves: launchers wait for it.
 */
@Command(name = "schema-registry", mixinStandardHelpOptions = true,
    description = "Confluent-compatible schema registry (AVRO) storing its state in Kafka.")
public final class RegistryMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryMain.class);

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--port", defaultValue = "8081", description = "Port; 0 picks a free one.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--topic", defaultValue = "_schemas", description = "Compacted schema topic.")
  String topic;

  @Option(names = "--replication-factor", defaultValue = "1",
      description = "Replication factor of the schema topic when it is created.")
  short replicationFactor;

  @Option(names = "--timeout-ms", defaultValue = "30000",
      description = "Bound on each Kafka operation (start-up replay, each write).")
  long timeoutMs;

  @Option(names = "--auth-users-file", defaultValue = "${env:ALIGNSTREAM_REGISTRY_AUTH_USERS_FILE}",
      description = "Users allowed to write (role write) or read (role read), one name:role:pbkdf2-sha256:... per"
          + " line (SecretHashes prints the hash). Set: POST, PUT and DELETE need HTTP Basic. Env:"
          + " ALIGNSTREAM_REGISTRY_AUTH_USERS_FILE.")
  Path usersFile;

  @Option(names = "--auth-protect-reads", defaultValue = "${env:ALIGNSTREAM_REGISTRY_AUTH_PROTECT_READS:-false}",
      description = "With --auth-users-file: GET needs a login too (default: reads stay open).")
  boolean protectReads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RegistryMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    AccessPolicy access;
    try {
      access = accessPolicy(usersFile, protectReads);
    } catch (IllegalArgumentException e) {
      LOG.error("Schema registry could not start: {}", e.getMessage());
      return 1;
    }
    // Kafka security (TLS, SASL) from KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, ... or -Dkafka.<setting>.
    SchemaRegistryServer server = new SchemaRegistryServer(new KafkaSchemaLog(
        KafkaClientProperties.fromEnvironment(bootstrapServers), topic, replicationFactor,
        Duration.ofMillis(timeoutMs)), host, port, access);
    try {
      server.start();
    } catch (IOException | SchemaLogException e) {
      // The message names what failed; the trace only matters when debugging.
      LOG.error("Schema registry could not start: {}", e.getMessage());
      LOG.debug("Start-up failure", e);
      server.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping schema registry");
      server.close();
      stopped.countDown();
    }, "schema-registry-shutdown"));
    System.out.println("Schema registry listening on " + server.url());
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** Open without a users file; otherwise writes (and with {@code protectReads} reads) need a Basic login. */
  static AccessPolicy accessPolicy(Path usersFile, boolean protectReads) {
    if (usersFile == null) {
      return AccessPolicy.open();
    }
    CredentialStore users = CredentialStore.of(List.of(), CredentialStore.readEntries(usersFile), "--auth-users-file");
    if (users.isEmpty()) {
      throw new IllegalArgumentException("--auth-users-file " + usersFile + " holds no users");
    }
    return new AccessPolicy(new AccessPolicy.Settings("SchemaRegistry", users, !protectReads, List.of(), false, null));
  }
}
