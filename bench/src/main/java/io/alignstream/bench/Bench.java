package io.alignstream.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/alignstream bench ingest|scorer}: benchmarks against the running stack. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {IngestBenchmark.class, ScorerBenchmark.class, GettextAucBenchmark.class,
    FitBenchmark.class, CuratorBenchmark.class,
    TrainerBenchmark.class})
public final class Bench {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
          return 1;
        })
        .execute(args));
  }
}
