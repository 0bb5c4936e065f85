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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/alignstream up --secure --detach} as a user runs it: the broker speaks only SASL_SSL,
 * every service logs in as its own SCRAM user under the ACL table and still comes up healthy, the
 * command line works as the admin, and no password shows in the run file, any log or any process's
 * command line. {@code down} leaves nothing running.
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

      String[] passwords = passwords(state.resolve("secure/credentials.properties"));
      assertThat(passwords).hasSize(9);
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

  /** The store password and the eight users' passwords. */
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
