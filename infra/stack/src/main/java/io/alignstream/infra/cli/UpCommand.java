package io.alignstream.infra.cli;

import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.launcher.RunningStack;
import io.alignstream.infra.launcher.StackSettings;
import io.alignstream.infra.process.JavaCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the stack and keeps it running until Ctrl-C, SIGTERM or {@code down}. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, the schema registry, the topics and the five services; wait until all are healthy.")
final class UpCommand implements Callable<Integer> {
  @Mixin StackOptions stack;

  @Option(names = {"-d", "--detach"}, description = "Start in the background and return once everything is ready.")
  boolean detach;

  @Option(names = "--secure", description = "TLS and SASL/SCRAM on every Kafka connection, one user per service with"
      + " ACLs on its own topics (the stack setting secure=true); secrets are made on first use in <state dir>/secure/.")
  boolean secure;

  @Option(names = "--brokers", description = "Kafka nodes (KRaft, each broker and controller; default 1). 3: every"
      + " topic replicated 3 times with min.insync.replicas 2, so the stack keeps running with one node down"
      + " (PLAINTEXT only; the stack setting broker.count).")
  Integer brokers;

  @Option(names = "--services", split = ",", description = "Services to start (default: all five; 'none' for only Kafka and the registry).")
  List<String> services;

  @Override
  public Integer call() throws Exception {
    Path stateDir = stack.stateDir();
    var existing = RunFile.read(stateDir);
    if (existing.isPresent() && ProcessHandle.of(existing.get().upPid()).map(ProcessHandle::isAlive).orElse(false)) {
      throw new IllegalStateException("A stack is already running (pid " + existing.get().upPid()
          + "); stop it with `bin/alignstream down`");
    }
    existing.ifPresent(stale -> RunFile.delete(stateDir));
    if (secure) {
      System.setProperty("alignstream.secure", "true");
    }
    if (brokers != null) {
      if (brokers < 1) {
        throw new IllegalArgumentException("--brokers must be at least 1, got " + brokers);
      }
      System.setProperty("alignstream.broker.count", Integer.toString(brokers));
    }
    if (services != null) {
      System.setProperty("alignstream.services", services.equals(List.of("none")) ? "" : String.join(",", services));
    }
    return detach ? startDetached(stateDir) : runInForeground(stack.settings());
  }

  private int runInForeground(StackSettings settings) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    RunningStack running = RunningStack.start(settings, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "alignstream-down"));
    stopped.await();
    return 0;
  }

  private int startDetached(Path stateDir) throws Exception {
    Files.createDirectories(stateDir.resolve("logs"));
    File log = stateDir.resolve("logs/up.log").toFile();
    List<String> args = new ArrayList<>(List.of("up", "--state-dir", stateDir.toString()));
    if (services != null) {
      args.add("--services");
      args.add(String.join(",", services));
    }
    List<String> jvm = new ArrayList<>();
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("alignstream."))
        .forEach(k -> jvm.add("-D" + k + "=" + System.getProperty(k)));
    Process child = new ProcessBuilder(JavaCommand.mainClass(JavaCommand.ownClassPath(), jvm,
        AlignStreamCli.class.getName(), args))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        System.err.println("up failed; last lines of " + log + ":");
        List<String> lines = Files.readAllLines(log.toPath());
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(System.err::println);
        return 1;
      }
      var run = RunFile.read(stateDir);
      if (run.isPresent() && run.get().ready() && run.get().upPid() == child.pid()) {
        System.out.printf("AlignStream is up (pid %d, log %s).%n", child.pid(), log);
        new StatusCommand().print(run.get(), false, System.out);
        return 0;
      }
      Thread.sleep(500);
    }
    child.destroy();
    System.err.println("up did not finish within 5 minutes; see " + log);
    return 1;
  }
}
