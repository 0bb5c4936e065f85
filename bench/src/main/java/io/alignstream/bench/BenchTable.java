package io.alignstream.bench;

import io.alignstream.infra.launcher.RunFile;
import io.alignstream.scorer.task2vec.ProbeKind;
import io.alignstream.scorer.task2vec.Task2VecSpeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/alignstream bench} (or {@code bench all}): every benchmark of the earlier issues against
 * the running stack, one after the other, and one table of DESIGN §8's targets with what was measured,
 * as ratios where the target is a ratio. Each row names the command that measures it alone.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
    description = "Run every benchmark and print DESIGN §8's targets next to the measured figures.")
public final class BenchTable implements Callable<Integer> {
  @Option(names = "--state-dir", description = "State dir of the running stack (default <repo>/.alignstream).")
  Path stateDir;

  @Option(names = "--samples", defaultValue = "20000", description = "Samples for the scorer and curator runs.")
  int samples;

  @Option(names = "--latency-seconds", defaultValue = "60", description = "Length of the 1,000 samples/s latency run.")
  int latencySeconds;

  /** One row of the table. */
  record Row(String target, String measured, String verdict, String command) {}

  @Override
  public Integer call() throws Exception {
    Path dir = stateDir != null ? stateDir.toAbsolutePath()
        : Path.of(System.getProperty("alignstream.home", ".")).resolve(".alignstream");
    BenchStack stack = BenchStack.find(dir);
    List<Row> rows = new ArrayList<>();
    double load = StackMeter.loadAverage();

    System.out.println("== scorer vs pass-through ==");
    ScorerBenchmark.Ratio scorer = ScorerBenchmark.measure(stack, samples, 200);
    rows.add(ratioRow("scorer (ingest→scored) ≥ 0.7× a pass-through topology", scorer, 0.7, "bench scorer"));
    System.out.println("== curator vs pass-through ==");
    ScorerBenchmark.Ratio curator = CuratorBenchmark.measure(stack, samples, "threshold");
    rows.add(ratioRow("curator (scored→curated) ≥ 0.7× a pass-through topology", curator, 0.7, "bench curator"));

    System.out.println("== Task2Vec batched vs loop ==");
    Task2VecSpeed.Result text = Task2VecSpeed.measure(ProbeKind.TEXT, 512);
    rows.add(new Row("Task2Vec text: batched ≥ 20× a per-sample loop", fmt("%.1f×", text.ratio()),
        verdict(text.ratio() >= 20), "mvn -pl scorer test -Dslow -Dtest=Task2VecSpeedTest"));
    rows.add(new Row("Task2Vec text: ≥ 2,000 samples/s on 2 cores", fmt("%.0f samples/s", text.batchedSamplesPerSecond()),
        verdict(text.batchedSamplesPerSecond() >= 2000), "(same)"));
    for (ProbeKind kind : new ProbeKind[] {ProbeKind.FEATURES, ProbeKind.IMAGE}) {
      Task2VecSpeed.Result r = Task2VecSpeed.measure(kind, kind == ProbeKind.IMAGE ? 128 : 512);
      rows.add(new Row("Task2Vec " + kind.name().toLowerCase(Locale.ROOT) + ": batched ≥ 20× a loop",
          fmt("%.1f×", r.ratio()), verdict(r.ratio() >= 20), "(same)"));
    }
    rows.add(new Row("Task2Vec on GPU ≥ 10× CPU", "not measured: no GPU on this machine", "–", "trainer/README (-Pgpu)"));

    System.out.println("== latency ingest → curated at 1,000 samples/s ==");
    SoakBenchmark.Options options = new SoakBenchmark.Options();
    options.stateDir = dir;
    options.batch = 10;
    options.senders = 8;
    options.drainMinutes = 2;
    options.sampleEvery = 5;
    SoakBenchmark.Figures latency = SoakBenchmark.measure(options, 1000, java.time.Duration.ofSeconds(latencySeconds),
        "latency");
    rows.add(new Row("latency ingest→curated p99 ≤ 500 ms at 1,000 samples/s",
        latency == null ? "no figures (see above)" : fmt("p99 %d ms (p50 %d ms) at %.0f samples/s achieved",
            latency.p99Ms(), latency.p50Ms(), latency.achievedRate()),
        latency == null ? "–" : verdict(latency.p99Ms() <= 500 && latency.achievedRate() >= 950),
        "bench latency --rate 1000 --seconds 60"));

    System.out.println("== analyzer refit ==");
    for (FitBenchmark.Row r : FitBenchmark.run(200, 200, 5, 11, 1)) {
      rows.add(new Row("refit " + r.law() + ", 200 points × 200 resamples ≤ 1 s", fmt("%.0f ms (median of 11)",
          r.medianMs()), verdict(r.medianMs() <= 1000), "bench fit"));
    }

    long rss = 0;
    for (long pid : RunFile.read(dir).orElseThrow().allPids()) {
      rss += StackMeter.rssKiB(pid);
    }
    rows.add(new Row("memory: whole local stack ≤ 4 GB RSS", fmt("%.2f GB after the runs above", rss / 1024.0 / 1024.0),
        verdict(rss <= 4L * 1024 * 1024), "bench soak (RSS over time)"));

    System.out.printf("%nDESIGN §8 targets, measured side by side on this machine (load average %.1f at the start)%n%n",
        load);
    System.out.println("| target | measured | met | alone |");
    System.out.println("|---|---|---|---|");
    rows.forEach(r -> System.out.printf("| %s | %s | %s | `%s` |%n", r.target(), r.measured(), r.verdict(), r.command()));
    return 0;
  }

  private static Row ratioRow(String target, ScorerBenchmark.Ratio r, double wanted, String command) {
    if (r == null) {
      return new Row(target, "did not finish within 10 minutes", "no", command);
    }
    return new Row(target, fmt("%.2f× (%.0f vs %.0f samples/s)", r.ratio(), r.service(), r.passThrough()),
        verdict(r.ratio() >= wanted), command);
  }

  private static String verdict(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
