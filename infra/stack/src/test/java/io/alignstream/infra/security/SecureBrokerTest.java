package io.alignstream.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.broker.BrokerConfig;
import io.alignstream.infra.broker.KafkaBroker;
import io.alignstream.infra.topics.TopicAdmin;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secure broker for real (a child JVM): SASL_SSL with SCRAM-SHA-512 users made by
 * {@link StackSecrets} and {@link SecuritySetup}, and the {@link AccessControl} table enforced.
 */
class SecureBrokerTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir static Path state;
  private static StackSecrets secrets;
  private static KafkaBroker broker;
  private static TopicCatalogue topics;

  @BeforeAll
  static void startSecureBroker() {
    secrets = StackSecrets.ensure(state.resolve("secure"));
    broker = KafkaBroker.start(BrokerConfig.defaults(state.resolve("kafka")).withSecurity(secrets.brokerSecurity()),
        null);
    topics = AccessControl.names(new TopicCatalogue.Settings("sec-", 1, (short) 1));
    try (Admin admin = Admin.create(broker.brokerClient().config())) {
      SecuritySetup.apply(admin, secrets, topics, BOUND);
    }
    try (Admin admin = Admin.create(as("admin").config())) {
      new TopicAdmin(admin, (short) 1, BOUND).ensure(topics.fixedTopics());
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldLetAServiceWriteItsOwnTopicAndTheNextStageReadIt() throws Exception {
    String raw = topics.samplesRaw().name();

    try (var producer = producer(as("ingest"))) {
      producer.send(new ProducerRecord<>(raw, "s1", "sample-1")).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    assertThat(readAll(as("scorer"), raw, 1)).containsExactly("sample-1");
  }

  @Test
  void shouldRefuseAWrongPasswordWithinBoundedTime() {
    KafkaClientProperties wrong = new KafkaClientProperties(broker.bootstrapServers(), withPassword("scorer", "not-it"));
    long start = System.nanoTime();

    try (Admin admin = Admin.create(wrong.config(Map.of("default.api.timeout.ms", 15_000,
        "request.timeout.ms", 10_000)))) {
      assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(15_000)).nodes()
          .get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
  }

  @Test
  void shouldRefuseAServiceWritingToAnotherServicesTopic() {
    try (var producer = producer(as("trainer"))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.samplesScored().name(), "k", "forged"))
          .get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void shouldRefuseAServiceReadingATopicItOnlyMayDescribe() {
    TopicPartition raw = new TopicPartition(topics.samplesRaw().name(), 0);
    try (var consumer = new KafkaConsumer<>(as("analyzer").config(Map.of("default.api.timeout.ms", 15_000)),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(raw));
      consumer.seekToBeginning(List.of(raw));
      assertThatThrownBy(() -> {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200));
        }
      }).isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void shouldNotLetAPlaintextClientIntoTheSecureListener() {
    KafkaClientProperties plaintext = KafkaClientProperties.plaintext(broker.bootstrapServers());

    try (Admin admin = Admin.create(plaintext.config(Map.of("default.api.timeout.ms", 5_000,
        "request.timeout.ms", 3_000)))) {
      assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
          .get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
  }

  @Test
  void shouldKeepTheTableAsTheWholeTruthWhenThePrefixChanges() {
    TopicCatalogue other = AccessControl.names(new TopicCatalogue.Settings("other-", 1, (short) 1));
    try (Admin admin = Admin.create(broker.brokerClient().config())) {
      assertThat(SecuritySetup.apply(admin, secrets, topics, BOUND)).isEqualTo(new SecuritySetup.Result(0, 0));

      SecuritySetup.Result switched = SecuritySetup.apply(admin, secrets, other, BOUND);
      SecuritySetup.Result back = SecuritySetup.apply(admin, secrets, topics, BOUND);

      // Topic-prefixed rows move; the registry's _schemas and the feeds' cursor-loader- groups stay.
      assertThat(switched.created()).isEqualTo(switched.deleted()).isPositive();
      assertThat(back).isEqualTo(switched);
    }
  }

  @Test
  void shouldKeepSecretsOwnerOnlyAndReuseThemOnTheNextStart() throws Exception {
    Path dir = secrets.dir();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    assertThat(files).extracting(f -> dir.relativize(f).toString()).contains("ca.p12", "ca.crt", "broker.p12",
        "truststore.p12", "credentials.properties", "clients/admin.properties", "clients/registry.properties",
        "registry-users", "clients/admin.registry.properties", "clients/ingest.registry.properties");
    for (Path f : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
          .isEqualTo("rw-------");
    }

    StackSecrets again = StackSecrets.ensure(dir);

    for (String user : secrets.scramUsers()) {
      assertThat(again.password(user)).isEqualTo(secrets.password(user));
    }
    assertThat(secrets.scramUsers().stream().map(secrets::password).distinct()).hasSize(secrets.scramUsers().size());
  }

  private static KafkaClientProperties as(String user) {
    return secrets.client(user, broker.bootstrapServers());
  }

  private static Map<String, String> withPassword(String user, String password) {
    Map<String, String> security = new HashMap<>(as(user).security());
    security.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user + "\" password=\"" + password + "\";");
    return security;
  }

  private static KafkaProducer<String, String> producer(KafkaClientProperties kafka) {
    return new KafkaProducer<>(kafka.config(Map.of("acks", "all", "max.block.ms", 15_000,
        "delivery.timeout.ms", 15_000, "request.timeout.ms", 10_000)), new StringSerializer(), new StringSerializer());
  }

  private static List<String> readAll(KafkaClientProperties kafka, String topic, int expected) {
    TopicPartition partition = new TopicPartition(topic, 0);
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(kafka.config(Map.of("default.api.timeout.ms", 15_000)),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + BOUND.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
