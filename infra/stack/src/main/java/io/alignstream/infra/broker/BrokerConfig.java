package io.alignstream.infra.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run the local KRaft broker.
 *
 * @param dataDir kept across restarts: log.dirs and the KRaft metadata live under it
 * @param brokerPort client listener port on 127.0.0.1; 0 = a free port per run
 * @param controllerPort controller listener port; 0 = a free port per run
 * @param heap JVM heap of the broker, e.g. 512m
 * @param startTimeout how long to wait for the broker to answer
 * @param overrides extra server.properties entries (win over the defaults)
 * @param security TLS, SASL and ACLs; null for the plain PLAINTEXT broker
 */
public record BrokerConfig(
    Path dataDir, int brokerPort, int controllerPort, String heap, Duration startTimeout,
    Map<String, String> overrides, List<String> jvmOptions, BrokerSecurity security) {

  public BrokerConfig {
    overrides = Map.copyOf(overrides);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** A PLAINTEXT broker. */
  public BrokerConfig(Path dataDir, int brokerPort, int controllerPort, String heap, Duration startTimeout,
      Map<String, String> overrides, List<String> jvmOptions) {
    this(dataDir, brokerPort, controllerPort, heap, startTimeout, overrides, jvmOptions, null);
  }

  public static BrokerConfig defaults(Path dataDir) {
    return new BrokerConfig(dataDir, 0, 0, "512m", Duration.ofSeconds(60), Map.of(), List.of());
  }

  public BrokerConfig withPorts(int broker, int controller) {
    return new BrokerConfig(dataDir, broker, controller, heap, startTimeout, overrides, jvmOptions, security);
  }

  public BrokerConfig withSecurity(BrokerSecurity newSecurity) {
    return new BrokerConfig(dataDir, brokerPort, controllerPort, heap, startTimeout, overrides, jvmOptions, newSecurity);
  }
}
