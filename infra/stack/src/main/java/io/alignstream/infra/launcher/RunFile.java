package io.alignstream.infra.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alignstream.infra.security.StackSecrets;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <state dir>/run/stack.json}: what a running {@code up} started, so that {@code status},
 * {@code down} and the other commands find it. Written atomically.
 *
 * @param upPid the process that owns the stack (stopping it stops everything)
 * @param ready false while parts are still starting
 * @param clientConfigDir on a secure stack, the directory of the Kafka client settings files
 *     ({@code <user>.properties}) and registry logins ({@code <user>.registry.properties}), owner-only;
 *     null on a PLAINTEXT stack. Never a password.
 */
public record RunFile(long upPid, boolean ready, String bootstrapServers, String registryUrl, String topicPrefix,
    List<Part> parts, String clientConfigDir) {

  /** A PLAINTEXT stack's run file. */
  public RunFile(long upPid, boolean ready, String bootstrapServers, String registryUrl, String topicPrefix,
      List<Part> parts) {
    this(upPid, ready, bootstrapServers, registryUrl, topicPrefix, parts, null);
  }

  /** One started process. {@code url} is its HTTP base URL, or null for the broker. */
  public record Part(String name, long pid, String url) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static Path path(Path stateDir) {
    return stateDir.resolve("run").resolve("stack.json");
  }

  public static Optional<RunFile> read(Path stateDir) {
    Path file = path(stateDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), RunFile.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (delete it if no stack is running)", e);
    }
  }

  public void write(Path stateDir) {
    Path file = path(stateDir);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("stack.json.tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  public static void delete(Path stateDir) {
    try {
      Files.deleteIfExists(path(stateDir));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path(stateDir), e);
    }
  }

  /**
   * How {@code user} reaches this stack's broker: its client settings file on a secure stack (the
   * command line uses {@code admin}), PLAINTEXT otherwise.
   */
  public KafkaClientProperties kafkaClient(String user) {
    if (clientConfigDir == null) {
      return KafkaClientProperties.plaintext(bootstrapServers);
    }
    return KafkaClientProperties.fromFile(bootstrapServers, Path.of(clientConfigDir).resolve(user + ".properties"));
  }

  /**
   * How {@code user} reaches this stack's registry: with the login in {@value RegistrySettings#BASIC_AUTH_ENV}
   * when that is set, else on a secure stack with the user's login file (writes need a login; the
   * command line uses {@code admin}), else without a login.
   */
  public RegistrySettings registry(String user) {
    RegistrySettings settings = RegistrySettings.ofEnvironment(registryUrl);
    if (settings.basicAuth() != null || clientConfigDir == null) {
      return settings;
    }
    return settings.withBasicAuth(StackSecrets.readRegistryLogin(Path.of(clientConfigDir), user).orElse(null));
  }

  /** Every pid this run file knows, the owner first. */
  public List<Long> allPids() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(upPid), parts.stream().map(Part::pid)).toList();
  }
}
