package io.alignstream.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the report of a run into a directory: {@code report.html} with the plots, the same text as
 * {@code summary.md}, the plots as PNG, every result and fit as CSV and JSON, the analyzer's analysis,
 * the datasets, and {@code experiment.json} (what was run, the sample accounting and the timings).
 * Every number comes from what the services published during the run.
 */
final class ReportWriter {
  private static final Pattern MEMBER = Pattern.compile(".*-a(\\d+)-n(\\d+)$");

  /** One dataset's measured curve. */
  record Point(long size, double loss, Double metric, Map<String, Double> alignment) {}

  private final ExperimentRunner.Outcome o;
  private final Map<String, List<Point>> curves = new TreeMap<>();
  private final String metric;
  private final boolean higherIsBetter;
  /** True when the loss is a regression model's test loss (no cross-entropy, e.g. STEM). */
  private boolean testLoss;

  ReportWriter(ExperimentRunner.Outcome outcome) {
    this.o = outcome;
    this.metric = o.analysis() == null || o.analysis().path("metric").isNull() ? defaultMetric(o.spec().kind())
        : o.analysis().path("metric").asText();
    this.higherIsBetter = o.analysis() == null ? !metric.equals("MAE") : o.analysis().path("higherIsBetter").asBoolean();
    for (JsonNode r : o.results()) {
      Map<String, Double> alignment = new TreeMap<>();
      r.path("alignment").fields().forEachRemaining(e -> alignment.put(e.getKey(), e.getValue().asDouble()));
      JsonNode m = r.path("metrics").path(metric);
      // The downstream loss as the analyzer takes it: the cross-entropy, or a regression model's test loss.
      JsonNode ce = r.path("downstreamCrossEntropy");
      double loss = ce.isNumber() ? ce.asDouble() : r.path("metrics").path("testLoss").asDouble(Double.NaN);
      if (!ce.isNumber() && Double.isFinite(loss)) {
        testLoss = true;
      }
      curves.computeIfAbsent(r.path("datasetId").asText(), k -> new ArrayList<>()).add(new Point(r.path("size").asLong(),
          loss, m.isNumber() ? m.asDouble() : null, alignment));
    }
    curves.values().forEach(c -> c.sort(Comparator.comparingLong(Point::size)));
  }

  private String lossName() {
    return testLoss ? "test loss" : "cross-entropy";
  }

  private static String defaultMetric(String kind) {
    return switch (kind) {
      case "mt" -> "BLEU";
      case "solar" -> "TSS";
      default -> "MAE";
    };
  }

  /** Writes everything; returns the summary text (Markdown). */
  String write(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeJson(dir.resolve("experiment.json"), experimentJson());
    writeJson(dir.resolve("datasets.json"), datasetsJson());
    writeJson(dir.resolve("results.json"), o.results());
    writeJson(dir.resolve("fits.json"), o.fits());
    writeJson(dir.resolve("analysis.json"), o.analysis() == null ? Http.JSON.nullNode() : o.analysis());
    Files.writeString(dir.resolve("results.csv"), resultsCsv(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("fits.csv"), fitsCsv(), StandardCharsets.UTF_8);
    List<String[]> plots = writePlots(dir);
    ReportDoc doc = summary(plots);
    String md = doc.markdown();
    Files.writeString(dir.resolve("summary.md"), md, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.html"), doc.html(), StandardCharsets.UTF_8);
    return md;
  }

  // ---- the summary ----

  ReportDoc summary(List<String[]> plots) {
    ExperimentSpec s = o.spec();
    ReportDoc d = new ReportDoc("Experiment " + s.name() + " (" + s.kind() + (s.quick() ? ", quick" : "") + ")");
    d.paragraph(o.workload().description() + ". Task `" + s.task() + "`, family `" + o.family() + "`, buckets cut by "
        + s.method() + " alignment.");
    d.paragraph(o.complete() ? "**Status: complete.** Every stage finished; all numbers below were measured in this run."
        : "**Status: INCOMPLETE.** " + String.join(" ", o.problems()));
    d.paragraph("Took " + Progress.duration(Duration.between(o.milestones().get("start"), last(o.milestones())))
        + ": " + milestonesText() + ".");

    ExperimentRunner.Counts c = o.counts();
    int dead = c.deadLetters.values().stream().mapToInt(i -> i).sum();
    d.heading("Samples");
    d.table(List.of("targets sent", "targets accepted", "pool sent", "pool accepted", "rejected by ingest", "scored",
            "dead letters", "curated", "trained"),
        List.of(List.of(str(c.targetsSent), str(c.targetsAccepted), str(c.poolSent), str(c.poolAccepted), str(c.rejected),
            str(c.scored), str(dead), str(c.curated), str(c.trained))));
    if (dead > 0 || c.rejected > 0) {
      List<List<String>> rows = new ArrayList<>();
      c.deadLetters.forEach((k, v) -> rows.add(List.of(k, str(v))));
      c.rejectedReasons.forEach((k, v) -> rows.add(List.of("ingest: " + k, str(v))));
      d.table(List.of("dead letter (stage: reason)", "samples"), rows);
    }
    if (!c.unreadable.isEmpty()) {
      d.paragraph("Records the runner could not decode and skipped (the stages dead-letter them): "
          + c.unreadable.entrySet().stream().map(e -> e.getValue() + " on " + e.getKey())
              .reduce((a, b) -> a + ", " + b).orElse("") + ".");
    }
    d.paragraph("Pool composition: " + o.workload().composition().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("empty") + ".");

    d.heading("Datasets");
    List<List<String>> rows = new ArrayList<>();
    for (String id : o.datasetIds()) {
      JsonNode m = ExperimentRunner.find(o.manifests(), id);
      List<Point> curve = curves.getOrDefault(id, List.of());
      Point lastPoint = curve.isEmpty() ? null : curve.get(curve.size() - 1);
      rows.add(List.of(id, role(id), m == null ? "0" : m.path("size").asText(),
          m == null ? "no" : m.path("sealed").asBoolean() ? "yes" : "**no**",
          m == null || !m.path("meanAlignment").isNumber() ? "–" : num(m.path("meanAlignment").asDouble()),
          str(curve.size()), lastPoint == null ? "–" : str(lastPoint.size()),
          lastPoint == null ? "–" : num(lastPoint.loss()),
          lastPoint == null || lastPoint.metric() == null ? "–" : num(lastPoint.metric())));
    }
    d.table(List.of("dataset", "selection", "curated", "sealed", "mean " + s.method(), "evaluations", "last D",
        lossName(), metric), rows);
    if (rows.stream().anyMatch(r -> r.get(3).equals("**no**"))) {
      d.paragraph("An unsealed member is one whose alignment bucket the pool did not fill: the equal-mass boundaries come"
          + " from the first " + s.warmup() + " scores, and the rest of the pool need not split evenly. It is trained on"
          + " what it got.");
    }
    plots.forEach(p -> d.picture(p[0], p[1]));

    correlations(d);
    crossovers(d);
    measured(d);
    nonMonotonic(d);
    comparison(d);
    JsonNode notes = o.analysis() == null ? null : o.analysis().path("notes");
    if (notes != null && notes.size() > 0) {
      d.heading("Analyzer notes");
      notes.forEach(n -> d.paragraph(n.asText()));
    }
    d.heading("Files");
    d.paragraph("`results.csv`/`results.json` (every evaluation), `fits.csv`/`fits.json` (every fit with 95% bootstrap"
        + " intervals), `analysis.json` (the analyzer's latest refit of the group), `datasets.json` (manifests and trainer"
        + " state), `experiment.json` (settings, policy, sample accounting, timings), the PNG plots.");
    return d;
  }

  private void correlations(ReportDoc d) {
    d.heading("Alignment vs downstream loss");
    JsonNode rows = o.analysis() == null ? null : o.analysis().path("correlations");
    if (rows == null || rows.size() == 0) {
      d.paragraph("No correlation table: the analyzer computes it over at least 3 datasets with a loss curve (this run"
          + " has " + curves.values().stream().filter(c -> c.stream().anyMatch(p -> Double.isFinite(p.loss()))).count()
          + ").");
      return;
    }
    List<List<String>> table = new ArrayList<>();
    for (JsonNode r : rows) {
      table.add(List.of(r.path("method").asText(), r.path("datasets").asText(), num(r.path("r")),
          num(r.path("rSquared")) + " [" + num(r.path("rSquaredLow")) + ", " + num(r.path("rSquaredHigh")) + "]"));
    }
    d.paragraph("Pearson r and r² (95% bootstrap interval) of each method's alignment against the"
        + " downstream loss, across the datasets, at D = " + num(o.analysis().path("comparableSize"))
        + " (the largest size every dataset reached; loss: " + lossName() + "). A strongly negative r means: more aligned,"
        + " lower loss.");
    d.table(List.of("method", "datasets", "r", "r² [95% CI]"), table);
  }

  private void crossovers(ReportDoc d) {
    d.heading("Small aligned vs larger misaligned: fitted");
    JsonNode rows = o.analysis() == null ? null : o.analysis().path("crossovers");
    if (rows == null || rows.size() == 0) {
      d.paragraph("No crossover: the alignment-aware law was not fitted (it needs 8 points over 2 alignments with every A"
          + " in (0, 1]; see the analyzer notes).");
    } else {
      d.paragraph("From the alignment-aware law L(D, A) = E₀ + κ(1−A) + B·(D·A^γ)^−α fitted on every dataset of the"
          + " family (alignment: " + o.analysis().path("method").asText() + "): how much data of a less aligned dataset"
          + " matches the most aligned one at its largest size D_s, and \"never\" when the less aligned floor E(A_lo) is"
          + " above that loss.");
      List<List<String>> table = new ArrayList<>();
      for (JsonNode r : rows) {
        String verdict = r.path("never").asBoolean() ? "**never** (floor " + num(r.path("misalignedFloor")) + " > loss "
            + num(r.path("targetLoss")) + ")"
            : "D_l = " + num(r.path("misalignedSize")) + ", exchange rate " + num(r.path("exchangeRate")) + " ["
                + num(r.path("exchangeRateLow")) + ", " + (r.path("exchangeRateHigh").isNull() ? "open"
                : num(r.path("exchangeRateHigh"))) + "]";
        table.add(List.of(r.path("alignedDataset").asText() + " (A " + num(r.path("alignedAlignment")) + ", D_s "
            + num(r.path("alignedSize")) + ")", r.path("misalignedDataset").asText() + " (A "
            + num(r.path("misalignedAlignment")) + ")", verdict));
      }
      d.table(List.of("aligned", "less aligned", "crossover"), table);
    }
    JsonNode plain = o.analysis() == null ? null : o.analysis().path("plainCrossings");
    if (plain != null && plain.size() > 0) {
      List<List<String>> table = new ArrayList<>();
      for (JsonNode r : plain) {
        table.add(List.of(r.path("alignedDataset").asText(), r.path("otherDataset").asText(), r.path("never").asBoolean()
            ? "never within the fitted range" : "at D " + num(r.path("size")) + " (loss " + num(r.path("loss")) + ")",
            r.path("alignedLowerAtStart").asBoolean() ? "most aligned" : "other"));
      }
      d.paragraph("Where the plain fitted curves L(D) = E + B·D^−α of the most aligned dataset and each other cross:");
      d.table(List.of("most aligned", "other", "curves cross", "lower at small D"), table);
    }
  }

  /** Straight from the measured points, no law: does the most aligned dataset reach another's final loss sooner? */
  private void measured(ReportDoc d) {
    d.heading("Small aligned vs larger misaligned: measured");
    String best = mostAligned();
    if (best == null) {
      d.paragraph("No dataset with results and a " + o.spec().method() + " alignment.");
      return;
    }
    List<Point> h = curves.get(best);
    List<List<String>> table = new ArrayList<>();
    for (Map.Entry<String, List<Point>> e : curves.entrySet()) {
      if (e.getKey().equals(best) || e.getValue().isEmpty()) {
        continue;
      }
      Point end = e.getValue().get(e.getValue().size() - 1);
      boolean metricSignal = end.metric() != null && !(higherIsBetter && end.metric() <= 0);
      table.add(List.of(e.getKey(), str(end.size()), num(end.loss()), reach(h, end, false),
          end.metric() == null ? "–" : num(end.metric()), metricSignal ? reach(h, end, true)
              : "– (" + metric + " " + (end.metric() == null ? "missing" : num(end.metric())) + ": nothing to match)"));
    }
    d.paragraph("The most aligned dataset is " + best + " (mean " + o.spec().method() + " "
        + num(alignmentOf(best)) + "). For each other dataset: its last evaluation (D_o), and the smallest evaluated D of "
        + best + " that is at least as good. A ratio D_o/D above 1 is a small aligned set beating a larger one, measured.");
    d.table(List.of("other dataset", "D_o", "its " + lossName(), best + " matches it at D (ratio)", "its " + metric,
        best + " matches " + metric + " at D (ratio)"), table);
  }

  private String reach(List<Point> h, Point target, boolean byMetric) {
    for (Point p : h) {
      boolean asGood;
      if (byMetric) {
        asGood = p.metric() != null && (higherIsBetter ? p.metric() >= target.metric() : p.metric() <= target.metric());
      } else {
        asGood = p.loss() <= target.loss();
      }
      if (asGood) {
        return p.size() + " (" + num(target.size() / (double) p.size()) + "×)";
      }
    }
    return "not within D ≤ " + h.get(h.size() - 1).size();
  }

  private void nonMonotonic(ReportDoc d) {
    d.heading("Non-monotonic downstream curves");
    JsonNode rows = o.analysis() == null ? null : o.analysis().path("nonMonotonic");
    List<String> found = new ArrayList<>();
    int checked = 0;
    if (rows != null) {
      for (JsonNode r : rows) {
        checked++;
        if (r.path("detected").asBoolean()) {
          found.add(r.path("dataset").asText() + ": " + metric + " peaks at D " + num(r.path("peakSize")) + " ("
              + num(r.path("peakMetric")) + ") and ends at " + num(r.path("endMetric")) + " while the loss"
              + " still improves");
        }
      }
    }
    if (found.isEmpty()) {
      d.paragraph("None detected among " + checked + " datasets checked (" + metric + " falling after a peak by more than"
          + " the noise-scaled threshold while the loss still improves).");
    } else {
      found.forEach(d::paragraph);
    }
  }

  private void comparison(ReportDoc d) {
    JsonNode c = o.analysis() == null ? null : o.analysis().path("comparison");
    if (c == null || c.isNull() || c.path("entries").size() == 0) {
      return;
    }
    d.heading("Alignment-aware law vs plain law");
    List<List<String>> table = new ArrayList<>();
    for (JsonNode e : c.path("entries")) {
      table.add(List.of(e.path("law").asText(), e.path("trainPoints").asText(), e.path("heldOutPoints").asText(),
          num(e.path("meanRelativeError")), num(e.path("maxRelativeError"))));
    }
    d.paragraph("Fitted on the smallest points of every dataset, tested on the larger held-out ones (Isik et al.);"
        + " better: **" + c.path("best").asText() + "**.");
    d.table(List.of("law", "fit points", "held-out points", "mean relative error", "max relative error"), table);
  }

  // ---- plots ----

  private List<String[]> writePlots(Path dir) throws IOException {
    List<String[]> plots = new ArrayList<>();
    Chart loss = new Chart("Downstream " + lossName() + " vs D (" + o.spec().task() + ")", "D (samples trained on)",
        lossName(), true, true);
    Chart met = new Chart(metric + " vs D", "D (samples trained on)", metric, true, false);
    Map<String, JsonNode> curveByDataset = new LinkedHashMap<>();
    if (o.analysis() != null) {
      for (JsonNode c : o.analysis().path("curves")) {
        curveByDataset.put(c.path("dataset").asText() + "|" + c.path("quantity").asText(), c);
      }
    }
    for (Map.Entry<String, List<Point>> e : curves.entrySet()) {
      String id = e.getKey();
      Color color = color(id);
      List<Point> pts = e.getValue();
      loss.add(Chart.Series.points(shortName(id), color, pts.stream().mapToDouble(Point::size).toArray(),
          pts.stream().mapToDouble(Point::loss).toArray()));
      met.add(Chart.Series.points(shortName(id), color, pts.stream().mapToDouble(Point::size).toArray(),
          pts.stream().mapToDouble(p -> p.metric() == null ? Double.NaN : p.metric()).toArray()));
      addCurve(loss, curveByDataset.get(id + (testLoss ? "|testLoss" : "|downstreamCrossEntropy")), color,
          id.contains("-rand-"));
      addCurve(met, curveByDataset.get(id + "|" + metric), color, id.contains("-rand-"));
    }
    loss.hideInLegend("fit");
    met.hideInLegend("fit");
    loss.write(dir.resolve("loss.png"));
    plots.add(new String[] {"loss.png", lossName() + " on the target test split vs D, per dataset (points: measured;"
        + " lines: fitted power law with 95% band; red = least aligned bucket, blue = most aligned, grey dashed = random"
        + " control)"});
    met.write(dir.resolve("metric.png"));
    plots.add(new String[] {"metric.png", metric + " on the target test split vs D (" + (higherIsBetter ? "higher" : "lower")
        + " is better)"});
    Chart align = alignmentChart();
    align.write(dir.resolve("alignment.png"));
    plots.add(new String[] {"alignment.png", "Each dataset's alignment (per method, rescaled to [0, 1] across datasets)"
        + " vs its " + lossName() + " at the comparable D"});
    return plots;
  }

  private static void addCurve(Chart chart, JsonNode curve, Color color, boolean dashed) {
    if (curve == null) {
      return;
    }
    JsonNode pts = curve.path("points");
    int n = pts.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode p = pts.get(i);
      x[i] = p.get(0).asDouble(Double.NaN);
      y[i] = p.get(1).isNull() ? Double.NaN : p.get(1).asDouble();
      lo[i] = p.get(2).isNull() ? Double.NaN : p.get(2).asDouble();
      hi[i] = p.get(3).isNull() ? Double.NaN : p.get(3).asDouble();
    }
    chart.add(Chart.Series.curve("fit", color, x, y, lo, hi, dashed));
  }

  private Chart alignmentChart() {
    double comparable = o.analysis() == null || !o.analysis().path("comparableSize").isNumber() ? Double.NaN
        : o.analysis().path("comparableSize").asDouble();
    Chart chart = new Chart("Alignment vs " + lossName() + " at D = " + num(comparable), "alignment (rescaled per method)",
        lossName(), false, false);
    TreeSet<String> methods = new TreeSet<>();
    curves.values().forEach(c -> c.forEach(p -> methods.addAll(p.alignment().keySet())));
    Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
    int k = 0;
    for (String method : methods) {
      List<double[]> xy = new ArrayList<>();
      for (List<Point> c : curves.values()) {
        Point p = at(c, comparable);
        if (p != null && p.alignment().containsKey(method)) {
          xy.add(new double[] {p.alignment().get(method), p.loss()});
        }
      }
      double lo = xy.stream().mapToDouble(v -> v[0]).min().orElse(0);
      double hi = xy.stream().mapToDouble(v -> v[0]).max().orElse(1);
      double[] x = xy.stream().mapToDouble(v -> hi > lo ? (v[0] - lo) / (hi - lo) : 0.5).toArray();
      double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
      String r2 = "";
      if (o.analysis() != null) {
        for (JsonNode r : o.analysis().path("correlations")) {
          if (r.path("method").asText().equals(method)) {
            r2 = " (r² " + num(r.path("rSquared")) + ")";
          }
        }
      }
      chart.add(Chart.Series.points(method + r2, colors[k++ % colors.length], x, y));
    }
    return chart;
  }

  /** The point at D (or the last one before it; the first one when D is unknown). */
  private static Point at(List<Point> c, double d) {
    Point best = null;
    for (Point p : c) {
      if (Double.isNaN(d) || p.size() <= d + 1e-9) {
        best = p;
      }
    }
    return best == null && !c.isEmpty() ? c.get(0) : best;
  }

  // ---- data files ----

  private ObjectNode experimentJson() {
    ExperimentSpec s = o.spec();
    ObjectNode n = Http.JSON.createObjectNode();
    n.put("name", s.name()).put("kind", s.kind()).put("quick", s.quick()).put("task", s.task())
        .put("targetId", s.targetId()).put("family", o.family()).put("description", o.workload().description())
        .put("complete", o.complete());
    n.putPOJO("problems", o.problems());
    ObjectNode settings = n.putObject("settings");
    settings.put("targets", s.targets()).put("pool", s.pool()).put("buckets", s.buckets()).put("maxSize", s.maxSize())
        .put("warmup", s.warmup()).put("method", s.method()).put("controls", s.controls()).put("seed", s.seed());
    if (s.kind().equals("mt")) {
      settings.put("lang", s.lang()).put("targetDomain", s.targetDomain()).put("locales", String.valueOf(s.locales()));
    }
    n.set("policy", o.policy());
    n.putPOJO("datasets", o.datasetIds());
    n.putPOJO("poolComposition", o.workload().composition());
    ObjectNode m = n.putObject("milestones");
    o.milestones().forEach((k, v) -> m.put(k, v.toString()));
    ObjectNode sec = n.putObject("secondsFromStart");
    o.milestones().forEach((k, v) -> sec.put(k, Duration.between(o.milestones().get("start"), v).toMillis() / 1000.0));
    ExperimentRunner.Counts c = o.counts();
    ObjectNode counts = n.putObject("samples");
    counts.put("targetsSent", c.targetsSent).put("targetsAccepted", c.targetsAccepted).put("poolSent", c.poolSent)
        .put("poolAccepted", c.poolAccepted).put("rejected", c.rejected).put("scored", c.scored).put("curated", c.curated)
        .put("trained", c.trained).put("results", c.results);
    counts.putPOJO("deadLetters", c.deadLetters);
    counts.putPOJO("rejectedReasons", c.rejectedReasons);
    counts.putPOJO("unreadable", c.unreadable);
    return n;
  }

  private ObjectNode datasetsJson() {
    ObjectNode n = Http.JSON.createObjectNode();
    for (String id : o.datasetIds()) {
      ObjectNode row = n.putObject(id);
      row.put("selection", role(id));
      JsonNode m = ExperimentRunner.find(o.manifests(), id);
      JsonNode t = ExperimentRunner.find(o.trainer(), id);
      row.set("manifest", m == null ? Http.JSON.nullNode() : m);
      row.set("trainer", t == null ? Http.JSON.nullNode() : t);
    }
    return n;
  }

  String resultsCsv() {
    TreeSet<String> metrics = new TreeSet<>();
    TreeSet<String> methods = new TreeSet<>();
    for (JsonNode r : o.results()) {
      r.path("metrics").fieldNames().forEachRemaining(metrics::add);
      r.path("alignment").fieldNames().forEachRemaining(methods::add);
    }
    StringBuilder s = new StringBuilder("dataset,selection,runId,step,D,downstreamCrossEntropy,upstreamLoss");
    metrics.forEach(m -> s.append(',').append(m));
    methods.forEach(m -> s.append(",alignment_").append(m));
    s.append(",fineTuned,device,samplesPerSecond,wallTimeMs,evaluatedTime\n");
    for (JsonNode r : o.results()) {
      String id = r.path("datasetId").asText();
      s.append(csv(id)).append(',').append(csv(role(id))).append(',').append(csv(r.path("runId").asText())).append(',')
          .append(r.path("step").asLong()).append(',').append(r.path("size").asLong()).append(',')
          .append(cell(r.path("downstreamCrossEntropy"))).append(',').append(cell(r.path("upstreamLoss")));
      metrics.forEach(m -> s.append(',').append(cell(r.path("metrics").path(m))));
      methods.forEach(m -> s.append(',').append(cell(r.path("alignment").path(m))));
      s.append(',').append(r.path("fineTuned").asBoolean()).append(',').append(csv(r.path("device").asText()))
          .append(',').append(cell(r.path("samplesPerSecond"))).append(',').append(r.path("wallTimeMs").asLong())
          .append(',').append(csv(r.path("evaluatedTime").asText())).append('\n');
    }
    return s.toString();
  }

  String fitsCsv() {
    StringBuilder s = new StringBuilder("fitId,law,metric,dataset,method,points,parameter,value,ciLow,ciHigh\n");
    for (JsonNode f : o.fits()) {
      String head = csv(f.path("fitId").asText()) + ',' + csv(f.path("law").asText()) + ',' + csv(f.path("metric").asText())
          + ',' + csv(f.path("dataset").asText("")) + ',' + csv(f.path("method").asText("")) + ',' + f.path("points").asInt();
      for (JsonNode p : f.path("parameters")) {
        s.append(head).append(',').append(csv(p.path("name").asText())).append(',').append(cell(p.path("value")))
            .append(',').append(cell(p.path("ciLow"))).append(',').append(cell(p.path("ciHigh"))).append('\n');
      }
      f.path("goodness").fields().forEachRemaining(g -> s.append(head).append(",goodness.").append(csv(g.getKey()))
          .append(',').append(cell(g.getValue())).append(",,\n"));
    }
    return s.toString();
  }

  // ---- helpers ----

  private String mostAligned() {
    String best = null;
    double a = Double.NEGATIVE_INFINITY;
    for (String id : curves.keySet()) {
      double v = alignmentOf(id);
      if (!id.contains("-rand-") && Double.isFinite(v) && v > a) {
        a = v;
        best = id;
      }
    }
    return best;
  }

  private double alignmentOf(String id) {
    List<Point> c = curves.get(id);
    if (c == null || c.isEmpty()) {
      return Double.NaN;
    }
    Double v = c.get(c.size() - 1).alignment().get(o.spec().method());
    return v == null ? Double.NaN : v;
  }

  private Color color(String id) {
    Matcher m = MEMBER.matcher(id);
    return m.matches() ? Chart.bucketColor(Integer.parseInt(m.group(1)), o.spec().buckets()) : Chart.CONTROL;
  }

  private String role(String id) {
    Matcher m = MEMBER.matcher(id);
    if (m.matches()) {
      return "alignment bucket " + m.group(1) + " of " + o.spec().buckets() + " (0 = least aligned)";
    }
    return id.contains("-rand-") ? "random control" : "";
  }

  private String shortName(String id) {
    return id.startsWith(o.spec().name() + "-") ? id.substring(o.spec().name().length() + 1) : id;
  }

  private String milestonesText() {
    List<String> parts = new ArrayList<>();
    Instant start = o.milestones().get("start");
    o.milestones().forEach((k, v) -> {
      if (!k.equals("start")) {
        parts.add(k + " at " + Progress.duration(Duration.between(start, v)));
      }
    });
    return String.join(", ", parts);
  }

  private static Instant last(Map<String, Instant> milestones) {
    return milestones.values().stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  private static void writeJson(Path file, JsonNode node) throws IOException {
    Http.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
  }

  static String num(JsonNode n) {
    return n == null || !n.isNumber() ? "–" : num(n.asDouble());
  }

  static String num(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String str(long v) {
    return Long.toString(v);
  }

  private static String cell(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? "" : n.isNumber() ? n.asText() : csv(n.asText());
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
