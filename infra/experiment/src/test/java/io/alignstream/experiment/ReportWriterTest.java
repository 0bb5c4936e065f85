package io.alignstream.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from a known outcome: the measured comparison, the tables and the files. */
class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void shouldFindWhereTheMostAlignedDatasetMatchesALargerOneFromTheMeasuredPoints() throws Exception {
    // Aligned: 4.0, 3.0, 2.5 at 64/128/256; misaligned reaches 3.0 only at 256 → aligned matches it at 128 (2×).
    ExperimentRunner.Outcome o = outcome(Map.of("x-a1-n256", new double[] {4.0, 3.0, 2.5},
        "x-a0-n256", new double[] {4.5, 3.6, 3.0}), Map.of("x-a1-n256", 0.9, "x-a0-n256", 0.2),
        Map.of("x-a1-n256", new double[] {1, 5, 9}, "x-a0-n256", new double[] {0, 0, 0}));
    String md = new ReportWriter(o).write(dir);
    assertThat(md).contains("The most aligned dataset is x-a1-n256");
    assertThat(md).contains("| x-a0-n256 | 256 | 3.000 | 128 (2.000×) | 0.000 | – (BLEU 0.000: nothing to match) |");
    assertThat(md).contains("| task2vec | 2 | -1.000 | 1.000 [0.900, 1.000] |");
    assertThat(md).contains("**Status: complete.**");
  }

  @Test
  void shouldWriteEveryResultAndFitAsCsvAndThePlotsAsPng() throws Exception {
    ExperimentRunner.Outcome o = outcome(Map.of("x-a1-n256", new double[] {4.0, 3.0, 2.5}), Map.of("x-a1-n256", 0.9),
        Map.of("x-a1-n256", new double[] {1, 5, 9}));
    new ReportWriter(o).write(dir);
    List<String> rows = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(rows.get(0)).isEqualTo("dataset,selection,runId,step,D,downstreamCrossEntropy,upstreamLoss,BLEU,"
        + "alignment_task2vec,fineTuned,device,samplesPerSecond,wallTimeMs,evaluatedTime");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(2)).startsWith("x-a1-n256,alignment bucket 1 of 2 (0 = least aligned),run-1,2,128,3.0,");
    assertThat(Files.readAllLines(dir.resolve("fits.csv")))
        .contains("x|power|downstreamCrossEntropy|x-a1-n256,power,downstreamCrossEntropy,x-a1-n256,,3,E,2.0,1.5,2.5");
    for (String png : List.of("loss.png", "metric.png", "alignment.png")) {
      assertThat(ImageIO.read(dir.resolve(png).toFile()).getWidth()).isEqualTo(900);
    }
    assertThat(Files.readString(dir.resolve("report.html"))).contains("<img src=\"loss.png\"").doesNotContain("**");
  }

  @Test
  void shouldSayWhyWhenTheRunIsIncomplete() throws Exception {
    ExperimentRunner.Outcome o = outcome(Map.of(), Map.of(), Map.of());
    ExperimentRunner.Outcome incomplete = new ExperimentRunner.Outcome(o.spec(), o.workload(), o.policy(), o.datasetIds(),
        o.family(), o.milestones(), o.counts(), o.manifests(), o.trainer(), o.results(), null, o.fits(),
        List.of("Nothing progressed for 3 min before training finished"));
    incomplete.counts().unreadable.put("training-results", 2);
    String md = new ReportWriter(incomplete).write(dir);
    assertThat(md).contains("**Status: INCOMPLETE.** Nothing progressed for 3 min before training finished");
    assertThat(md).contains("No correlation table");
    assertThat(md).contains("Records the runner could not decode and skipped (the stages dead-letter them): 2 on "
        + "training-results.");
    assertThat(Http.JSON.readTree(dir.resolve("experiment.json").toFile()).path("samples").path("unreadable")
        .path("training-results").asInt()).isEqualTo(2);
  }

  private static ExperimentRunner.Outcome outcome(Map<String, double[]> losses, Map<String, Double> alignment,
      Map<String, double[]> bleu) {
    ExperimentSpec spec = new ExperimentSpec("mt", "x", true, null, null, "fr", "postgres", Path.of("/nowhere"), 10, 100, 2,
        256, null, 20, "task2vec", false, 1, java.time.Duration.ofMinutes(1));
    ArrayNode results = Http.JSON.createArrayNode();
    ArrayNode manifests = Http.JSON.createArrayNode();
    ArrayNode fits = Http.JSON.createArrayNode();
    long[] sizes = {64, 128, 256};
    losses.forEach((id, l) -> {
      for (int i = 0; i < l.length; i++) {
        ObjectNode r = results.addObject();
        r.put("datasetId", id).put("runId", "run-1").put("step", i + 1).put("size", sizes[i])
            .put("downstreamCrossEntropy", l[i]).put("upstreamLoss", l[i] + 0.1).put("device", "cpu")
            .put("samplesPerSecond", 100.0).put("wallTimeMs", 5).put("evaluatedTime", "2026-11-23T00:00:00Z");
        r.putObject("metrics").put("BLEU", bleu.get(id)[i]);
        r.putObject("alignment").put("task2vec", alignment.get(id));
      }
      manifests.addObject().put("datasetId", id).put("size", 256).put("sizeLimit", 256).put("sealed", true)
          .put("meanAlignment", alignment.get(id));
      ObjectNode f = fits.addObject().put("fitId", "x|power|downstreamCrossEntropy|" + id).put("law", "power")
          .put("metric", "downstreamCrossEntropy").put("dataset", id).put("points", 3);
      f.putArray("parameters").addObject().put("name", "E").put("value", 2.0).put("ciLow", 1.5).put("ciHigh", 2.5);
      f.putObject("goodness").put("rmse", 0.01);
    });
    ObjectNode analysis = Http.JSON.createObjectNode();
    analysis.put("metric", "BLEU").put("higherIsBetter", true).put("method", "task2vec").put("comparableSize", 256)
        .put("points", results.size());
    analysis.putArray("correlations").addObject().put("method", "task2vec").put("datasets", 2).put("r", -1.0)
        .put("rSquared", 1.0).put("rSquaredLow", 0.9).put("rSquaredHigh", 1.0);
    analysis.putArray("curves");
    analysis.putArray("crossovers");
    analysis.putArray("nonMonotonic");
    Map<String, Instant> milestones = new LinkedHashMap<>();
    milestones.put("start", Instant.parse("2026-11-23T00:00:00Z"));
    milestones.put("analysed", Instant.parse("2026-11-23T00:03:00Z"));
    Workload w = new Workload("mt", spec.task(), "test workload", List.of(), List.of(), Map.of("postgres", 10));
    JsonNode trainer = Http.JSON.createArrayNode();
    return new ExperimentRunner.Outcome(spec, w, Http.JSON.createObjectNode(), List.copyOf(losses.keySet()), "x",
        milestones, new ExperimentRunner.Counts(), manifests, trainer, results, analysis, fits, List.of());
  }
}
