package io.alignstream.infra.cli;

import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.launcher.StackSettings;
import io.alignstream.infra.security.StackSecrets;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistrySettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the stack lives and how to reach it; shared by every command. */
final class StackOptions {
  @Option(names = "--state-dir", description = "Data, logs and run file (default: $ALIGNSTREAM_STATE_DIR or <repo>/.alignstream).")
  Path stateDir;

  @Option(names = "--bootstrap-servers", description = "Kafka to use instead of the running local stack's.")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema registry to use instead of the running local stack's.")
  String registryUrl;

  @Option(names = "--command-config", description = "Kafka client settings file (security.protocol, sasl.*, ssl.*)"
      + " for --bootstrap-servers; default: the running stack's admin settings, or KAFKA_* environment variables.")
  Path commandConfig;

  Path home() {
    String home = System.getProperty("alignstream.home");
    return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
  }

  Path stateDir() {
    if (stateDir != null) {
      return stateDir.toAbsolutePath();
    }
    String env = System.getenv("ALIGNSTREAM_STATE_DIR");
    return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : home().resolve(".alignstream");
  }

  StackSettings settings() {
    return StackSettings.load(home(), stateDir());
  }

  /** Bootstrap servers and security: the running stack's (as its admin on a secure stack), or the options'. */
  KafkaClientProperties kafka() {
    if (bootstrapServers == null) {
      return runFile().kafkaClient(StackSecrets.ADMIN);
    }
    return commandConfig != null ? KafkaClientProperties.fromFile(bootstrapServers, commandConfig)
        : KafkaClientProperties.fromEnvironment(bootstrapServers);
  }

  /**
   * The registry and its login: the running stack's (as its admin on a secure stack, writes need a
   * login), or {@code --registry-url} with {@code ALIGNSTREAM_REGISTRY_BASIC_AUTH} when set.
   */
  RegistrySettings registry() {
    if (registryUrl != null) {
      return RegistrySettings.ofEnvironment(registryUrl);
    }
    return runFile().registry(StackSecrets.ADMIN);
  }

  RunFile runFile() {
    return RunFile.read(stateDir()).orElseThrow(() -> new IllegalStateException(
        "No running stack found in " + stateDir() + ": start it with `bin/alignstream up`, or pass "
            + "--bootstrap-servers and --registry-url"));
  }
}
