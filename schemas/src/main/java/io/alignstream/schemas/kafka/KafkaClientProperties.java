package io.alignstream.schemas.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The Kafka client settings every AlignStream client shares: the bootstrap servers and the security
 * settings (TLS, SASL) under Kafka's own client config names. Every producer, consumer, admin client
 * and Kafka Streams instance is built from {@link #config()} plus its own settings, so a secure stack
 * needs no per-client code.
 *
 * <p>Sources, all with the same names: Quarkus configuration ({@code kafka.bootstrap.servers},
 * {@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}, ...; the environment variables
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}, ... map onto them, which is how
 * the launcher hands each service its credentials without putting them on a command line), the same
 * names as system properties or environment variables in plain programs, or a Kafka client
 * properties file. {@link #toString()} never shows a password.
 *
 * @param bootstrapServers host:port list
 * @param security only keys of {@link #SECURITY_KEYS}; empty means PLAINTEXT
 */
public record KafkaClientProperties(String bootstrapServers, Map<String, String> security) {

  /** The client settings that carry security, under Kafka's names. */
  public static final List<String> SECURITY_KEYS = List.of(
      "security.protocol", "sasl.mechanism", "sasl.jaas.config",
      "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
      "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password",
      "ssl.endpoint.identification.algorithm");

  public KafkaClientProperties {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are required");
    }
    for (String key : security.keySet()) {
      if (!SECURITY_KEYS.contains(key)) {
        throw new IllegalArgumentException("Not a Kafka client security setting: " + key);
      }
    }
    security = Map.copyOf(security);
  }

  /** No security: PLAINTEXT, as on the default local stack and in tests. */
  public static KafkaClientProperties plaintext(String bootstrapServers) {
    return new KafkaClientProperties(bootstrapServers, Map.of());
  }

  /**
   * From a configuration lookup by {@code kafka.}-prefixed names (MicroProfile/Quarkus config):
   * {@code kafka.bootstrap.servers} is required, {@code kafka.<security key>} optional.
   */
  public static KafkaClientProperties fromConfig(Function<String, Optional<String>> lookup) {
    String bootstrap = lookup.apply("kafka.bootstrap.servers")
        .orElseThrow(() -> new IllegalArgumentException("kafka.bootstrap.servers is not configured"));
    Map<String, String> security = new LinkedHashMap<>();
    for (String key : SECURITY_KEYS) {
      lookup.apply("kafka." + key).filter(v -> !v.isBlank()).ifPresent(v -> security.put(key, v.trim()));
    }
    return new KafkaClientProperties(bootstrap, security);
  }

  /**
   * For plain programs (the registry, command lines): security from the system properties
   * {@code kafka.<key>}, else the environment variables {@code KAFKA_<KEY>} ({@link #environmentName}).
   */
  public static KafkaClientProperties fromEnvironment(String bootstrapServers) {
    return fromConfig(name -> name.equals("kafka.bootstrap.servers") ? Optional.of(bootstrapServers)
        : Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(
            System.getenv(environmentName(name.substring("kafka.".length()))))));
  }

  /** The security settings of a Kafka client properties file (other settings in it are ignored). */
  public static KafkaClientProperties fromFile(String bootstrapServers, Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Kafka client settings from " + file, e);
    }
    return fromConfig(name -> name.equals("kafka.bootstrap.servers") ? Optional.of(bootstrapServers)
        : Optional.ofNullable(p.getProperty(name.substring("kafka.".length()))));
  }

  /** {@code KAFKA_SASL_JAAS_CONFIG} for {@code sasl.jaas.config}: the name Quarkus maps back. */
  public static String environmentName(String key) {
    return "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** Whether the connection is authenticated or encrypted. */
  public boolean secure() {
    return !security.getOrDefault("security.protocol", "PLAINTEXT").equalsIgnoreCase("PLAINTEXT");
  }

  /** The same security with other bootstrap servers. */
  public KafkaClientProperties withBootstrapServers(String servers) {
    return new KafkaClientProperties(servers, security);
  }

  /** A fresh, mutable map: bootstrap.servers plus the security settings. */
  public Map<String, Object> config() {
    Map<String, Object> config = new HashMap<>(security);
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  /** {@link #config()} plus a client's own settings (which win). */
  public Map<String, Object> config(Map<String, ?> own) {
    Map<String, Object> config = config();
    config.putAll(own);
    return config;
  }

  /** {@link #config()} as {@link Properties}. */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(config());
    return p;
  }

  /** The security settings as environment variables for a child process ({@link #environmentName}). */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    security.forEach((k, v) -> env.put(environmentName(k), v));
    return env;
  }

  /** Bootstrap servers and setting names; passwords and the JAAS line are masked. */
  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    security.forEach((k, v) -> shown.put(k, k.endsWith("password") || k.equals("sasl.jaas.config") ? "***" : v));
    return "KafkaClientProperties[" + bootstrapServers + ", " + shown + "]";
  }
}
