package io.alignstream.infra.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process whose output goes to a log file and, prefixed with its name, to a console
 * stream. Stopping sends SIGTERM and waits (bounded) before SIGKILL, so nothing is left running.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

  private final String name;
  private final Process process;
  private final Thread pump;
  private final CountDownLatch readyLine = new CountDownLatch(1);

  private ChildProcess(String name, Process process, Path logFile, PrintStream console, Predicate<String> ready) {
    this.name = name;
    this.process = process;
    this.pump = new Thread(() -> pump(logFile, console, ready), name + "-output");
    this.pump.setDaemon(true);
    this.pump.start();
  }

  /**
   * Starts a process; stdout and stderr are merged.
   *
   * @param console where prefixed lines go, or null for the log file only
   * @param ready a line that says the process is ready (see {@link #awaitReadyLine}), or null
   */
  public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
      PrintStream console, Predicate<String> ready) {
    return start(name, command, Map.of(), workDir, logFile, console, ready);
  }

  /**
   * As {@link #start(String, List, Path, Path, PrintStream, Predicate)}, with extra environment
   * variables: the way to hand a child secrets (a command line is visible to every local user).
   */
  public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
      Path logFile, PrintStream console, Predicate<String> ready) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      LOG.debug("Started {} (pid {}): {}", name, process.pid(), command);
      return new ChildProcess(name, process, logFile, console, ready == null ? line -> false : ready);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command.get(0), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Waits for the ready line; false on timeout or when the process ended first. */
  public boolean awaitReadyLine(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (readyLine.await(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
    }
    return false;
  }

  /** Waits for the process to end by itself; kills it after the timeout and returns -1 then. */
  public int waitFor(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        joinPump();
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
    return -1;
  }

  /** SIGTERM, wait up to the grace period, then SIGKILL. Returns the exit code. */
  public int stop(Duration grace) {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("{} (pid {}) did not stop within {}; killing it", name, pid(), grace);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    joinPump();
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** SIGKILL at once (fault injection). */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    joinPump();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private void joinPump() {
    try {
      pump.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pump(Path logFile, PrintStream console, Predicate<String> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        log.write(line);
        log.newLine();
        log.flush();
        if (console != null) {
          console.println("[" + name + "] " + line);
        }
        if (readyLine.getCount() > 0 && ready.test(line)) {
          readyLine.countDown();
        }
      }
    } catch (IOException e) {
      LOG.debug("Output of {} closed: {}", name, e.toString());
    }
  }
}
