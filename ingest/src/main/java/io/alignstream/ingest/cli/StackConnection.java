package io.alignstream.ingest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * How the ingest commands reach Kafka and the registry: explicit options, or the run file that
 * {@code bin/alignstream up} writes ({@code <state dir>/run/stack.json}, see infra's RunFile).
 */
final class StackConnection {
  @Option(names = "--bootstrap-servers", description = "Kafka (default: the running local stack's).")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema registry (default: the running local stack's).")
  String registryUrl;

  @Option(names = "--topic-prefix", description = "Topic name prefix (default: the running stack's).")
  String topicPrefix;

  @Option(names = "--command-config", description = "Kafka client settings file (security.protocol, sasl.*, ssl.*)"
      + " for --bootstrap-servers; default: KAFKA_* environment variables.")
  Path commandConfig;

  @Option(names = "--state-dir", description = "Where the running stack's run file is (default: $ALIGNSTREAM_STATE_DIR or <repo>/.alignstream).")
  Path stateDir;

  /**
   * Bootstrap servers and security: on a running secure stack the ingest user's client settings
   * ({@code clientConfigDir} of the run file), else the options or KAFKA_* environment variables.
   */
  KafkaClientProperties kafka() {
    if (bootstrapServers != null) {
      return commandConfig != null ? KafkaClientProperties.fromFile(bootstrapServers, commandConfig)
          : KafkaClientProperties.fromEnvironment(bootstrapServers);
    }
    JsonNode run = runFile();
    String bootstrap = run.path("bootstrapServers").asText();
    String clients = run.path("clientConfigDir").asText("");
    return clients.isEmpty() ? KafkaClientProperties.plaintext(bootstrap)
        : KafkaClientProperties.fromFile(bootstrap, Path.of(clients).resolve("ingest.properties"));
  }

  TopicCatalogue catalogue() {
    String prefix = topicPrefix != null ? topicPrefix
        : bootstrapServers != null ? "" : runFile().path("topicPrefix").asText("");
    return new AvroSerdes(new RegistryClient(registry()), true)
        .catalogue(new TopicCatalogue.Settings(prefix, 3, (short) 1));
  }

  /**
   * The registry and its login: {@code ALIGNSTREAM_REGISTRY_BASIC_AUTH} when set; else, on a running
   * secure stack, the ingest user's registry login ({@code <clientConfigDir>/ingest.registry.properties},
   * written by infra's StackSecrets; writes need a login there), else none.
   */
  RegistrySettings registry() {
    if (registryUrl != null) {
      return RegistrySettings.ofEnvironment(registryUrl);
    }
    JsonNode run = runFile();
    RegistrySettings settings = RegistrySettings.ofEnvironment(run.path("registryUrl").asText());
    String clients = run.path("clientConfigDir").asText("");
    if (settings.basicAuth() != null || clients.isEmpty()) {
      return settings;
    }
    Path file = Path.of(clients).resolve("ingest.registry.properties");
    Properties login = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      login.load(in);
    } catch (NoSuchFileException e) {
      return settings;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the registry login in " + file, e);
    }
    return settings.withBasicAuth(login.getProperty("alignstream.registry.basic-auth"));
  }

  private JsonNode runFile() {
    Path dir = stateDir;
    if (dir == null) {
      String env = System.getenv("ALIGNSTREAM_STATE_DIR");
      String home = System.getProperty("alignstream.home", ".");
      dir = env != null && !env.isBlank() ? Path.of(env) : Path.of(home).resolve(".alignstream");
    }
    Path file = dir.resolve("run").resolve("stack.json");
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalStateException("No running stack (" + file + " unreadable): start it with "
          + "`bin/alignstream up`, or pass --bootstrap-servers and --registry-url", e);
    }
  }
}
