package io.alignstream.infra.cli;

import io.alignstream.infra.launcher.RunFile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops a running stack: SIGTERM to its owner, then makes sure no part is left running. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the running stack; nothing is left running.")
final class DownCommand implements Callable<Integer> {
  private static final Duration GRACE = Duration.ofSeconds(120);

  @Mixin StackOptions stack;

  @Override
  public Integer call() throws InterruptedException {
    Optional<RunFile> run = RunFile.read(stack.stateDir());
    if (run.isEmpty()) {
      System.out.println("No stack is running (no run file in " + stack.stateDir() + ").");
      return 0;
    }
    List<ProcessHandle> alive = run.get().allPids().stream()
        .map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessHandle::isAlive).toList();
    // The owner stops its children in order; signal them directly only when the owner is gone.
    ProcessHandle.of(run.get().upPid()).ifPresentOrElse(ProcessHandle::destroy,
        () -> alive.forEach(ProcessHandle::destroy));
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (alive.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    List<ProcessHandle> stuck = alive.stream().filter(ProcessHandle::isAlive).toList();
    stuck.forEach(ProcessHandle::destroyForcibly);
    RunFile.delete(stack.stateDir());
    System.out.println(stuck.isEmpty() ? "AlignStream stopped." : "AlignStream stopped; killed " + stuck.size()
        + " process(es) that did not stop within " + GRACE.toSeconds() + " s.");
    return 0;
  }
}
