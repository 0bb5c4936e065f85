package io.alignstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.process.FreePorts;
import io.alignstream.infra.testkit.StackCli;
import io.alignstream.infra.testkit.StackCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/alignstream up} and {@code down} as a user runs them (separate processes): everything
 * comes up healthy, and after {@code down} not one process of the stack is left.
 */
class StackUpDownTest {
  private static final Path REPO = Path.of("").toAbsolutePath().resolve("../..").normalize();
  private static final String[] SERVICES = {"ingest", "scorer", "curator", "trainer", "analyzer"};

  @TempDir Path state;

  @Test
  void shouldStartEveryPartHealthyAndLeaveNoProcessBehindAfterDown() throws Exception {
    List<String> ports = new ArrayList<>(List.of("-Dalignstream.registry.port=" + FreePorts.orFree(0),
        "-Dalignstream.topics.partitions=1"));
    for (String service : SERVICES) {
      ports.add("-Dalignstream.service." + service + ".port=" + FreePorts.orFree(0));
    }
    List<Long> pids = new ArrayList<>();
    try {
      long start = System.nanoTime();
      Result up = cli(ports, Duration.ofMinutes(5), "up", "--detach", "--state-dir", state.toString());
      double upSeconds = (System.nanoTime() - start) / 1e9;
      assertThat(up.exit()).as(up.output()).isZero();
      RunFile run = RunFile.read(state).orElseThrow();
      pids.addAll(run.allPids());
      assertThat(run.parts()).extracting(RunFile.Part::name)
          .containsExactly("kafka", "registry", "ingest", "scorer", "curator", "trainer", "analyzer");

      Result status = cli(List.of(), Duration.ofMinutes(1), "status", "--json", "--state-dir", state.toString());
      assertThat(status.exit()).as(status.output()).isZero();
      JsonNode json = new ObjectMapper().readTree(status.stdout());
      assertThat(json.path("up").asBoolean()).isTrue();
      json.path("parts").forEach(p -> assertThat(p.path("status").asText()).as(p.toString()).isEqualTo("UP"));
      System.out.printf("up took %.1f s; stack RSS %d MiB over %d processes%n", upSeconds,
          rssKiB(run.allPids()) / 1024, run.allPids().size());
    } finally {
      Result down = cli(List.of(), Duration.ofMinutes(3), "down", "--state-dir", state.toString());
      assertThat(down.exit()).as(down.output()).isZero();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
    }
    assertThat(RunFile.read(state)).isEmpty();
    Result after = cli(List.of(), Duration.ofMinutes(1), "status", "--state-dir", state.toString());
    assertThat(after.exit()).isEqualTo(3);
  }

  private static long rssKiB(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith("VmRSS:")) {
            total += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        // The process may be gone or /proc absent: leave it out of the sum.
      }
    }
    return total;
  }

  private Result cli(List<String> jvm, Duration timeout, String... args) throws Exception {
    return new StackCli(REPO, state).run(jvm, timeout, args);
  }
}
