package io.alignstream.infra.testkit;

import io.alignstream.infra.process.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bin/alignstream} command line ({@code AlignStreamCli}) run as a separate process, as a user
 * runs it, for tests of {@code up}, {@code down} and {@code status}: every run bounded in time, and its
 * output followed by the end of the stack's {@code up.log} so that a failure explains itself.
 */
public final class StackCli {
  /** @param output stdout, stderr and the end of {@code up.log} */
  public record Result(int exit, String stdout, String output) {}

  private final Path repo;
  private final Path stateDir;

  /** @param repo the repository root (the services' jars); @param stateDir the stack's state directory */
  public StackCli(Path repo, Path stateDir) {
    this.repo = repo;
    this.stateDir = stateDir;
  }

  /** Runs one command with extra JVM options (e.g. {@code -Dalignstream.registry.port=…}). */
  public Result run(List<String> jvm, Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(jvm);
    options.add("-Dalignstream.home=" + repo);
    Path out = Files.createTempFile("alignstream-cli", ".out");
    Path err = Files.createTempFile("alignstream-cli", ".err");
    Process p = new ProcessBuilder(JavaCommand.mainClass(JavaCommand.ownClassPath(), options,
        "io.alignstream.infra.cli.AlignStreamCli", List.of(args)))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("alignstream " + String.join(" ", args) + " did not finish within " + timeout + "\n"
          + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8)
          + tail(stateDir.resolve("logs/up.log"), 60));
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    return new Result(p.exitValue(), stdout, stdout + Files.readString(err, StandardCharsets.UTF_8)
        + tail(stateDir.resolve("logs/up.log"), 60));
  }

  /** The last lines of a log, headed by its name; empty when there is none. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return "\n--- " + log.getFileName() + " ---\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines),
          all.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
