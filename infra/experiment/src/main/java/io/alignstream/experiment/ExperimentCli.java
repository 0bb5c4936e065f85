package io.alignstream.experiment;

import io.alignstream.ingest.files.Formats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/alignstream experiment mt|solar|stem [--quick] [--out DIR]}: the research protocol through
 * the running stack, ending with a report. Exit 0 when every stage finished, 2 when the report is
 * incomplete (it says why), 1 on an error before anything was measured.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the alignment-vs-size protocol through the running stack (ingest → scorer → curator → trainer"
        + " → analyzer) and write a report (HTML, PNG, CSV, JSON, summary).",
        "mt: the machine's gettext catalogs (--lang, --target); solar, stem: the generators, or your files"
            + " (--format with --targets-from and --pool-from)."})
public final class ExperimentCli implements Callable<Integer> {
  @Parameters(index = "0", description = "mt, solar or stem")
  String kind;

  @Option(names = "--quick", description = "Small sizes: a few minutes on 2 cores.")
  boolean quick;

  @Option(names = "--out", description = "Report directory (default: experiments/<name> under the repository).")
  Path out;

  @Option(names = "--name", description = "Experiment id: family id and task suffix (default: <kind>-<target>-<time>).")
  String name;

  @Option(names = "--state-dir", description = "The running stack's state directory (default: <home>/.alignstream).")
  Path stateDir;

  @Option(names = "--lang", description = "mt: catalog language (default fr).")
  String lang;

  @Option(names = "--target", description = "mt: target domain group (default postgres), e.g. gnu-utils, gtk, git.")
  String target;

  @Option(names = "--locales", description = "mt: catalog root (default /usr/share/locale).")
  Path locales;

  @Option(names = "--targets", description = "Target samples (default: 300 quick / 1000 full for mt).")
  Integer targets;

  @Option(names = "--pool", description = "Pool samples (default: 3000 quick / 30000 full for mt).")
  Integer pool;

  @Option(names = "--buckets", description = "Alignment buckets (default 4).")
  Integer buckets;

  @Option(names = "--max-size", description = "Largest dataset size (default: 512 quick / 4096 full for mt).")
  Integer maxSize;

  @Option(names = "--sizes", split = ",", description = "Member sizes per bucket, ascending (default: the largest that fits).")
  long[] sizes;

  @Option(names = "--method", description = "Alignment method that cuts the buckets: task2vec (default), dsir, gzip.")
  String method;

  @Option(names = "--no-controls", description = "Leave out the random controls.")
  boolean noControls;

  @Option(names = "--seed", description = "Seed of the sampling, shuffles and curation (default 42).")
  Long seed;

  @Option(names = "--timeout", description = "Give up and report what is there after this long (e.g. PT20M).")
  Duration timeout;

  @Option(names = "--format", description = "solar/stem from files: ingest format (swan_sf, csv, jsonl, image, gettext).")
  Formats.Name format;

  @Option(names = "--targets-from", description = "With --format: file or directory of target samples.")
  Path targetsFrom;

  @Option(names = "--pool-from", description = "With --format: file or directory of pool samples.")
  Path poolFrom;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExperimentCli())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
          return 1;
        })
        .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ExperimentSpec spec = spec();
    Path home = Path.of(System.getProperty("alignstream.home", ".")).toAbsolutePath().normalize();
    StackEndpoints stack = StackEndpoints.find(stateDir != null ? stateDir : home.resolve(".alignstream"));
    Path dir = out != null ? out : home.resolve("experiments").resolve(spec.name());
    Workload workload = workload(spec);
    ExperimentRunner.Outcome outcome = new ExperimentRunner(stack, spec, System.err).run(workload);
    String summary = new ReportWriter(outcome).write(dir);
    System.out.println();
    System.out.println(summary);
    System.out.println("Report: " + dir.resolve("report.html"));
    System.out.println("Dashboard: " + stack.url("analyzer") + "/ (task " + spec.task() + ")");
    return outcome.complete() ? 0 : 2;
  }

  ExperimentSpec spec() {
    ExperimentSpec d = ExperimentSpec.defaults(kind, quick);
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
    String t = target != null ? target : d.targetDomain();
    String n = name != null ? name : kind + (kind.equals("mt") ? "-" + t : "") + "-" + time;
    if (!n.matches("[a-z0-9][a-z0-9_-]{0,60}")) {
      throw new IllegalArgumentException("--name must be lower-case letters, digits, '-' or '_' (at most 61), not '" + n
          + "'");
    }
    if (sizes != null) {
      for (int i = 1; i < sizes.length; i++) {
        if (sizes[i] <= sizes[i - 1]) {
          throw new IllegalArgumentException("--sizes must be ascending: " + Arrays.toString(sizes));
        }
      }
    }
    if ((format == null) != (targetsFrom == null) || (format == null) != (poolFrom == null)) {
      throw new IllegalArgumentException("--format, --targets-from and --pool-from go together");
    }
    return new ExperimentSpec(kind, n, quick, out, stateDir, lang != null ? lang : d.lang(), t,
        locales != null ? locales : d.locales(), targets != null ? targets : d.targets(), pool != null ? pool : d.pool(),
        buckets != null ? buckets : d.buckets(), maxSize != null ? maxSize : d.maxSize(), sizes, d.warmup(),
        method != null ? method : d.method(), !noControls, seed != null ? seed : d.seed(),
        timeout != null ? timeout : d.timeout());
  }

  Workload workload(ExperimentSpec spec) {
    if (format != null) {
      return FileWorkload.read(spec.kind(), spec.task(), format, targetsFrom, poolFrom, spec.seed());
    }
    if (spec.kind().equals("mt")) {
      return GettextWorkload.load(spec.locales(), spec.lang(), spec.targetDomain(), spec.task(), spec.targets(),
          spec.pool(), 0.25, spec.seed());
    }
    double[] knobs = {0.0, 0.25, 0.5, 0.75, 1.0};
    return GeneratorWorkload.generate(spec.kind(), spec.task(), spec.targets(), spec.pool() / knobs.length, knobs,
        spec.seed());
  }
}
