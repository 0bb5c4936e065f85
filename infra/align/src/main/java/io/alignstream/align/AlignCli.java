package io.alignstream.align;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.ingest.files.Formats;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/alignstream align --targets PATH… --dataset NAME=PATH… [--method …] [--json]}: each
 * dataset's alignment coefficient against the targets, per method, with its 95% interval (DESIGN §4),
 * computed from files with no stack running. Files are read with ingest's formats and field mappings;
 * the methods are the scorer's.
 *
 * <p>Exit codes: 0 every coefficient computed; 1 some dataset (or the targets) too small for one
 * batch (printed as such, no number); 2 bad input (usage, unreadable file, no usable samples, unknown
 * method).
 */
@Command(name = "align", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The alignment coefficient of datasets against targets, per method, with a 95% interval.",
        "align(T, D) = mean over K batch pairs of the batch alignment (Task2Vec: 1 - d(f(B_T), f(B_D))).",
        "Needs no running stack. Exit 0 all computed, 1 some too small for a batch, 2 bad input."})
public final class AlignCli implements Callable<Integer> {

  @Option(names = "--targets", arity = "1..*", required = true, description = "Target files or directories.")
  List<Path> targets;

  @Option(names = "--dataset", required = true, description = "NAME=PATH[,PATH...]: a dataset to score (repeatable).")
  Map<String, String> datasets = new LinkedHashMap<>();

  @Option(names = "--format", defaultValue = "jsonl", description = "File format, as ingest: ${COMPLETION-CANDIDATES} (default jsonl).")
  Formats.Name format;

  @Option(names = "--task", defaultValue = "mt.align", description = "Task the samples are read as (default mt.align).")
  String task;

  @Option(names = "--field", description = "Column mapping payloadField=column, as ingest (src, tgt, text, label).")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(names = "--features", split = ",", description = "Feature columns (as ingest).")
  List<String> features = List.of();

  @Option(names = "--src-lang", description = "Source language of text pairs (default en).")
  String srcLang;

  @Option(names = "--lang", description = "Target language (gettext: default from the path).")
  String tgtLang;

  @Option(names = "--domain-rules", description = "gettext catalog grouping, as ingest.")
  String domainRules;

  @Option(names = "--method", split = ",", defaultValue = "task2vec,embedding,dsir,gzip",
      description = "Methods (default task2vec,embedding,dsir,gzip).")
  List<String> methods;

  @Option(names = "--batch-size", defaultValue = "256", description = "N, samples per batch (default 256).")
  int batchSize;

  @Option(names = "--batches", defaultValue = "10", description = "K, batch pairs with distinct seeds (default 10).")
  int batches;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the batch draws (default 0).")
  long seed;

  @Option(names = "--pair-input", description = "Encode a text pair's source and target together (default: the source).")
  boolean pairInput;

  @Option(names = "--self", description = "Also print the targets' self-alignment: one half against the other.")
  boolean self;

  @Option(names = "--cache-dir", description = "Where derived encoder data is cached (default .alignstream/probes).")
  Path cacheDir;

  @Option(names = "--json", description = "Print one JSON array of {dataset, method, coefficient, ciLow, ciHigh, n, ...}.")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command (for tests: no exit). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    AlignCli cli = new AlignCli();
    cli.out = out;
    cli.err = err;
    CommandLine cl = new CommandLine(cli).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      err.println("align: " + e.getMessage());
      return 2;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    AlignmentRun.Request request;
    try {
      request = new AlignmentRun.Request(targets, parseDatasets(), format, task, fields, features, srcLang, tgtLang,
          domainRules, methods.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).toList(),
          new AlignmentCoefficient.Settings(batchSize, batches, seed), pairInput, self,
          cacheDir == null ? Path.of(System.getProperty("alignstream.home", "."), ".alignstream", "probes") : cacheDir);
    } catch (IllegalArgumentException e) {
      err.println("align: " + e.getMessage());
      return 2;
    }
    List<AlignmentRun.Row> rows;
    try {
      rows = new AlignmentRun(request, new ConsoleProgress(err), err).run();
    } catch (AlignmentRun.BadInput e) {
      err.println("align: " + e.getMessage());
      return 2;
    }
    if (json) {
      printJson(rows);
    } else {
      printTable(rows);
    }
    return rows.stream().allMatch(r -> r.result().status() == AlignmentCoefficient.Status.OK) ? 0 : 1;
  }

  private Map<String, List<Path>> parseDatasets() {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    datasets.forEach((name, paths) -> {
      if (name.isBlank() || paths.isBlank()) {
        throw new IllegalArgumentException("--dataset needs NAME=PATH[,PATH...], got '" + name + "=" + paths + "'");
      }
      List<Path> list = new ArrayList<>();
      for (String p : paths.split(",")) {
        list.add(Path.of(p.trim()));
      }
      out.put(name, list);
    });
    return out;
  }

  private void printTable(List<AlignmentRun.Row> rows) {
    out.printf("%-24s %-10s %11s  %-25s %8s  %s%n", "dataset", "method", "coefficient", "95% interval", "n", "probe");
    for (AlignmentRun.Row r : rows) {
      AlignmentCoefficient.Result x = r.result();
      if (x.status() == AlignmentCoefficient.Status.OK) {
        String ci = x.ciLow() == null ? "(one batch pair)" : String.format(Locale.ROOT, "[%.4f, %.4f]", x.ciLow(), x.ciHigh());
        out.printf(Locale.ROOT, "%-24s %-10s %11.4f  %-25s %8d  %s%n", r.dataset(), x.method(), x.coefficient(), ci,
            x.datasetSamples(), x.probeId());
      } else {
        out.printf(Locale.ROOT, "%-24s %-10s %11s  %-25s %8d  %s%n", r.dataset(), x.method(), "too small", "-",
            x.datasetSamples(), x.message());
      }
    }
    out.printf(Locale.ROOT, "%d batch pairs of %d samples each (seed %d); interval: Student's t over the batch pairs%n",
        batches, batchSize, seed);
  }

  private void printJson(List<AlignmentRun.Row> rows) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (AlignmentRun.Row r : rows) {
      AlignmentCoefficient.Result x = r.result();
      ObjectNode o = array.addObject();
      o.put("dataset", r.dataset());
      o.put("method", x.method());
      o.put("coefficient", x.coefficient());
      o.put("ciLow", x.ciLow());
      o.put("ciHigh", x.ciHigh());
      o.put("n", x.datasetSamples());
      o.put("status", x.status().name());
      o.put("message", x.message());
      o.put("probeId", x.probeId());
      o.put("batches", x.batches());
      o.put("batchSize", x.batchSize());
      o.put("targets", x.targetSamples());
      ArrayNode pairs = o.putArray("pairs");
      x.pairValues().forEach(pairs::add);
    }
    out.println(mapper.writeValueAsString(array));
  }
}
