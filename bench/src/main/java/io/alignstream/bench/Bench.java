package io.alignstream.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/alignstream bench [ingest|scorer|…|all]}: benchmarks against the running stack; without a
 * subcommand, all of them and DESIGN §8's table ({@link BenchTable}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {IngestBenchmark.class, ScorerBenchmark.class, AlignmentStudy.class,
    FitBenchmark.class, AvroDecodeBenchmark.class, CuratorBenchmark.class,
    TrainerBenchmark.class, SoakBenchmark.Soak.class, SoakBenchmark.Latency.class, BenchTable.class})
public final class Bench implements java.util.concurrent.Callable<Integer> {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
          if (Boolean.getBoolean("alignstream.debug")) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        })
        .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    return new picocli.CommandLine(new BenchTable()).execute();
  }
}
