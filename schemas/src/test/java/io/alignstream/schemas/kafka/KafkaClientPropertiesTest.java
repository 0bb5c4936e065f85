package io.alignstream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"scorer\" password=\"s3cret\";";

  @Test
  void shouldReadSecuritySettingsFromKafkaPrefixedConfiguration() {
    Map<String, String> config = Map.of("kafka.bootstrap.servers", "127.0.0.1:9093",
        "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.sasl.jaas.config", JAAS, "kafka.acks", "all");

    KafkaClientProperties kafka = KafkaClientProperties.fromConfig(k -> Optional.ofNullable(config.get(k)));

    assertThat(kafka.secure()).isTrue();
    assertThat(kafka.config(Map.of("client.id", "x"))).containsEntry("bootstrap.servers", "127.0.0.1:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("client.id", "x").doesNotContainKey("acks");
  }

  @Test
  void shouldBePlaintextWhenNoSecuritySettingIsGiven() {
    KafkaClientProperties kafka = KafkaClientProperties.fromConfig(
        k -> k.equals("kafka.bootstrap.servers") ? Optional.of("h:1") : Optional.empty());

    assertThat(kafka.secure()).isFalse();
    assertThat(kafka.config()).containsOnlyKeys("bootstrap.servers");
  }

  @Test
  void shouldNameEnvironmentVariablesAsQuarkusMapsThemBack() {
    KafkaClientProperties kafka = new KafkaClientProperties("h:1", Map.of("sasl.jaas.config", JAAS,
        "ssl.truststore.location", "/t.p12"));

    assertThat(kafka.environment()).containsOnly(Map.entry("KAFKA_SASL_JAAS_CONFIG", JAAS),
        Map.entry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/t.p12"));
  }

  @Test
  void shouldNeverShowPasswordsInToString() {
    KafkaClientProperties kafka = new KafkaClientProperties("h:1", Map.of("sasl.jaas.config", JAAS,
        "ssl.truststore.password", "trust-me", "security.protocol", "SASL_SSL"));

    assertThat(kafka.toString()).doesNotContain("s3cret").doesNotContain("trust-me").contains("SASL_SSL");
  }

  @Test
  void shouldTakeOnlySecuritySettingsFromAClientPropertiesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nlinger.ms=5\n");

    KafkaClientProperties kafka = KafkaClientProperties.fromFile("h:1", file);

    assertThat(kafka.security()).containsOnlyKeys("security.protocol", "sasl.mechanism");
  }

  @Test
  void shouldRefuseASettingThatIsNotAboutSecurity() {
    assertThatThrownBy(() -> new KafkaClientProperties("h:1", Map.of("acks", "all")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks");
  }
}
