package io.alignstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.process.FreePorts;
import io.alignstream.infra.testkit.StackCli;
import io.alignstream.infra.testkit.StackCli.Result;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/alignstream up --secure --detach} as a user runs it: the broker speaks only SASL_SSL,
 * every service logs in as its own SCRAM user under the ACL table and still comes up healthy, the
 * schema registry takes writes only with a stack login (reads stay open), samples still flow from
 * ingest through the scorer, the command line works as the admin (its {@code produce} registers a
 * schema with the admin's registry login), and no password shows in the run file, any log or any
 * process's command line. {@code down} leaves nothing running.
 */
class SecureStackTest {
  private static final Path REPO = Path.of("").toAbsolutePath().resolve("../..").normalize();
  private static final String[] SERVICES = {"ingest", "scorer", "curator", "trainer", "analyzer"};

  @TempDir Path state;

  @Test
  void shouldRunEveryServiceHealthyOverSaslSslWithoutShowingAnyPassword() throws Exception {
    List<String> ports = new ArrayList<>(List.of("-Dalignstream.registry.port=" + FreePorts.orFree(0),
        "-Dalignstream.topics.partitions=1"));
    for (String service : SERVICES) {
      ports.add("-Dalignstream.service." + service + ".port=" + FreePorts.orFree(0));
    }
    List<Long> pids = new ArrayList<>();
    try {
      Result up = cli(ports, Duration.ofMinutes(5), "up", "--secure", "--detach", "--state-dir", state.toString());
      assertThat(up.exit()).as(up.output()).isZero();
      RunFile run = RunFile.read(state).orElseThrow();
      pids.addAll(run.allPids());
      assertThat(run.clientConfigDir()).isEqualTo(state.resolve("secure/clients").toString());

      Result status = cli(List.of(), Duration.ofMinutes(1), "status", "--json", "--state-dir", state.toString());
      assertThat(status.exit()).as(status.output()).isZero();
      JsonNode json = new ObjectMapper().readTree(status.stdout());
      assertThat(json.path("up").asBoolean()).isTrue();
      assertThat(json.path("secure").asBoolean()).isTrue();
      json.path("parts").forEach(p -> assertThat(p.path("status").asText()).as(p.toString()).isEqualTo("UP"));

      Result topics = cli(List.of(), Duration.ofMinutes(1), "topics", "--state-dir", state.toString());
      assertThat(topics.exit()).as(topics.output()).isZero();
      assertThat(topics.stdout()).contains("samples-raw", "_schemas");

      registryWritesNeedAStackLoginAndReadsStayOpen(run);
      cliProducesWithTheAdminsRegistryLogin(run);
      samplesFlowFromIngestThroughTheScorer(run);

      String[] passwords = passwords(state.resolve("secure/credentials.properties"));
      // The store password, eight SCRAM/PLAIN users' passwords, six registry users' passwords.
      assertThat(passwords).hasSize(15);
      assertThat(Files.readString(state.resolve("secure/registry-users"))).contains(":write:pbkdf2-sha256:")
          .doesNotContain(passwords);
      long registryPid = run.parts().stream().filter(p -> p.name().equals("registry")).findFirst().orElseThrow().pid();
      assertThat(commandLine(registryPid)).contains("--auth-users-file");
      for (long pid : run.allPids()) {
        assertThat(commandLine(pid)).as("command line of pid %d", pid).doesNotContain(passwords);
      }
      assertThat(Files.readString(RunFile.path(state))).doesNotContain(passwords);
    } finally {
      Result down = cli(List.of(), Duration.ofMinutes(3), "down", "--state-dir", state.toString());
      assertThat(down.exit()).as(down.output()).isZero();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
    }
    String[] passwords = passwords(state.resolve("secure/credentials.properties"));
    try (Stream<Path> logs = Files.walk(state.resolve("logs"))) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(passwords);
      }
    }
    assertThat(Files.readString(state.resolve("kafka/broker.log"), StandardCharsets.ISO_8859_1))
        .doesNotContain(passwords);
  }

  /** POST without a login is 401, with a wrong one 401, with a service's 200; GETs need none. */
  private static void registryWritesNeedAStackLoginAndReadsStayOpen(RunFile run) throws Exception {
    String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"SecureCheck\\\","
        + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
    String path = "/subjects/secure-check-value/versions";
    String login = login(Path.of(run.clientConfigDir()), "ingest");

    HttpResponse<String> anonymous = registry(run, "POST", path, null, schema);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.body()).contains("40101");
    HttpResponse<String> wrong = registry(run, "POST", path, "ingest:not-the-password", schema);
    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
    HttpResponse<String> service = registry(run, "POST", path, login, schema);
    assertThat(service.statusCode()).as(service.body()).isEqualTo(200);
    assertThat(service.body()).contains("\"id\"");

    HttpResponse<String> subjects = registry(run, "GET", "/subjects", null, null);
    assertThat(subjects.statusCode()).as(subjects.body()).isEqualTo(200);
    assertThat(subjects.body()).contains("secure-check-value");
    HttpResponse<String> byId = registry(run, "GET", "/schemas/ids/1", null, null);
    assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
  }

  /** {@code produce} to a new topic with a new schema: registering it needs the admin's registry login. */
  private void cliProducesWithTheAdminsRegistryLogin(RunFile run) throws Exception {
    String topic = "secure-cli-check";
    try (Admin admin = Admin.create(run.kafkaClient("admin").config())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    Path schema = state.resolve("cli-check.avsc");
    Files.writeString(schema, "{\"type\":\"record\",\"name\":\"CliCheck\",\"namespace\":\"io.alignstream.e2e\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    Path lines = state.resolve("cli-check.jsonl");
    Files.writeString(lines, "{\"id\":\"one\"}\n{\"id\":\"two\"}\n");

    Result produce = cli(List.of(), Duration.ofMinutes(2), "produce", topic, "--schema", schema.toString(), "--file",
        lines.toString(), "--state-dir", state.toString());

    assertThat(produce.exit()).as(produce.output()).isZero();
    assertThat(registry(run, "GET", "/subjects", null, null).body()).contains(topic + "-value");
  }

  /**
   * Targets and pool samples posted to ingest reach {@code samples-scored}: ingest and the scorer
   * write Avro, so each registers its schemas with its own registry login on the way.
   */
  private static void samplesFlowFromIngestThroughTheScorer(RunFile run) throws Exception {
    String ingest = run.parts().stream().filter(p -> p.name().equals("ingest")).findFirst().orElseThrow().url();
    String task = "mt.secure-e2e";
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 16; i++) {
      body.append(sample(task, "TARGET", "save the table row " + i + " of the database")).append(',');
    }
    List<String> markers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      markers.add("[secure-pool " + i + "]");
      body.append(sample(task, "POOL", "open the database file " + markers.get(i))).append(i < 3 ? "," : "]");
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/samples"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    HttpResponse<String> posted = http.send(request, HttpResponse.BodyHandlers.ofString());
    while (posted.statusCode() == 503 && System.nanoTime() < deadline) { // the first send waits for metadata
      Thread.sleep(500);
      posted = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(run.kafkaClient("admin").config(
        Map.of("default.api.timeout.ms", 30_000, "isolation.level", "read_committed")),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor("samples-scored", Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (seen.size() < markers.size() && System.nanoTime() < until) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String value = new String(r.value(), StandardCharsets.UTF_8);
          markers.stream().filter(value::contains).filter(m -> !seen.contains(m)).forEach(seen::add);
        }
      }
    }
    assertThat(seen).as("pool samples scored within 3 minutes").containsExactlyInAnyOrderElementsOf(markers);
    // Registered on first use, by the services themselves: nothing else writes these subjects.
    assertThat(registry(run, "GET", "/subjects", null, null).body()).contains("samples-raw-value",
        "samples-scored-value");
  }

  private static String sample(String task, String role, String text) {
    return "{\"task\":\"" + task + "\",\"role\":\"" + role + "\",\"source\":\"secure-e2e\",\"payload\":{"
        + "\"type\":\"TextPair\",\"src\":\"" + text + "\",\"tgt\":\"enregistrer la ligne\",\"srcLang\":\"en\","
        + "\"tgtLang\":\"fr\"}}";
  }

  private static HttpResponse<String> registry(RunFile run, String method, String path, String login, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(run.registryUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (login != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A user's registry login ({@code user:password}) from the stack's owner-only login file. */
  private static String login(Path clients, String user) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(clients.resolve(user + ".registry.properties"))) {
      p.load(in);
    }
    return p.getProperty("alignstream.registry.basic-auth");
  }

  /** The store password and every user's Kafka and registry passwords. */
  private static String[] passwords(Path credentials) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(credentials)) {
      p.load(in);
    }
    return p.stringPropertyNames().stream().map(p::getProperty).toArray(String[]::new);
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private Result cli(List<String> jvm, Duration timeout, String... args) throws Exception {
    return new StackCli(REPO, state).run(jvm, timeout, args);
  }
}
