package io.alignstream.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.process.FreePorts;
import io.alignstream.infra.testkit.StackCli;
import io.alignstream.schemas.training.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The quick experiment of each task through a real stack (broker, registry and the five services as
 * child processes, as {@code bin/alignstream up} starts them): it must finish, write a complete report,
 * and every number in it must be what the pipeline published in that run (compared with the
 * {@code training-results} topic and the analyzer's analysis).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExperimentOnStackTest {
  private static final Path REPO = Path.of("").toAbsolutePath().resolve("../..").normalize();
  private static final String[] SERVICES = {"ingest", "scorer", "curator", "trainer", "analyzer"};
  private static Path state;
  private static Path reports;

  @BeforeAll
  static void startStack() throws Exception {
    state = Files.createTempDirectory("alignstream-experiment-stack");
    reports = Files.createTempDirectory("alignstream-experiment-reports");
    List<String> options = new ArrayList<>(List.of("-Dalignstream.registry.port=" + FreePorts.orFree(0),
        "-Dalignstream.topics.partitions=1",
        // The small model and evaluations from D = 16 on, so that a quick run has enough points per curve.
        "-Dalignstream.service.trainer.jvm-options=-Dalignstream.trainer.model-size=ci"
            + " -Dalignstream.trainer.evaluation.min-size=16 -Dalignstream.trainer.batch-size=16"));
    for (String service : SERVICES) {
      options.add("-Dalignstream.service." + service + ".port=" + FreePorts.orFree(0));
    }
    int exit = cli(options, Duration.ofMinutes(6), "up", "--detach", "--state-dir", state.toString());
    assertThat(exit).as("up: " + StackCli.tail(state.resolve("logs/up.log"), 40)).isZero();
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (state != null && RunFile.read(state).isPresent()) {
      cli(List.of(), Duration.ofMinutes(3), "down", "--state-dir", state.toString());
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void shouldRunTheQuickMtExperimentOnTheMachinesGettextCatalogsAndReportWhatThePipelineMeasured() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/locale/fr/LC_MESSAGES")),
        "no French gettext catalogs on this machine (/usr/share/locale/fr/LC_MESSAGES)");
    checkRun("mt", "--targets", "200", "--pool", "1600", "--buckets", "3", "--max-size", "256");
  }

  @Test
  @Order(2)
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void shouldRunTheQuickSolarExperimentAndReportWhatThePipelineMeasured() throws Exception {
    checkRun("solar", "--targets", "400", "--pool", "2000", "--buckets", "3", "--max-size", "256");
  }

  @Test
  @Order(3)
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void shouldRunTheQuickStemExperimentAndReportWhatThePipelineMeasured() throws Exception {
    checkRun("stem", "--targets", "200", "--pool", "1600", "--buckets", "3", "--max-size", "256");
  }

  private static void checkRun(String kind, String... sizes) throws Exception {
    String name = "ci-" + kind;
    Path out = reports.resolve(name);
    List<String> args = new ArrayList<>(List.of(kind, "--quick", "--name", name, "--out", out.toString(), "--state-dir",
        state.toString(), "--timeout", "PT12M"));
    args.addAll(List.of(sizes));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int exit;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      exit = new picocli.CommandLine(new ExperimentCli()).execute(args.toArray(String[]::new));
    } finally {
      System.setOut(saved);
    }
    String printed = stdout.toString(StandardCharsets.UTF_8);
    saved.println(printed);
    assertThat(exit).as(printed).isZero();

    // A complete report.
    for (String f : List.of("report.html", "summary.md", "results.csv", "results.json", "fits.csv", "fits.json",
        "analysis.json", "datasets.json", "experiment.json")) {
      assertThat(out.resolve(f)).as(f).isNotEmptyFile();
    }
    for (String png : List.of("loss.png", "metric.png", "alignment.png")) {
      BufferedImage image = ImageIO.read(out.resolve(png).toFile());
      assertThat(image).as(png).isNotNull();
      assertThat(image.getWidth()).isGreaterThan(400);
      assertThat(Files.readString(out.resolve("report.html"))).contains("src=\"" + png + "\"");
    }
    JsonNode experiment = Http.JSON.readTree(out.resolve("experiment.json").toFile());
    assertThat(experiment.path("complete").asBoolean()).as(experiment.toString()).isTrue();
    JsonNode samples = experiment.path("samples");
    assertThat(samples.path("poolAccepted").asInt()).isEqualTo(samples.path("poolSent").asInt());
    assertThat(samples.path("scored").asInt()).as("every accepted pool sample scored").isEqualTo(
        samples.path("poolAccepted").asInt());
    List<String> datasets = new ArrayList<>();
    experiment.path("datasets").forEach(d -> datasets.add(d.asText()));
    assertThat(datasets).hasSize(4).contains(name + "-a0-n256", name + "-a2-n256", name + "-rand-n256");

    // Every result row is a training result the trainer published for this family, value for value.
    Map<String, TrainingResult> published = publishedResults(experiment.path("task").asText());
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    List<String> header = List.of(rows.get(0).split(","));
    assertThat(rows).hasSize(published.size() + 1);
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",", -1);
      String key = cells[header.indexOf("dataset")] + "@" + cells[header.indexOf("D")];
      TrainingResult r = published.get(key);
      assertThat(r).as("published result for " + key).isNotNull();
      if (r.getDownstreamCrossEntropy() != null) {
        assertThat(Double.parseDouble(cells[header.indexOf("downstreamCrossEntropy")]))
            .isEqualTo(r.getDownstreamCrossEntropy());
      } else {
        assertThat(cells[header.indexOf("downstreamCrossEntropy")]).isEmpty();
      }
      r.getMetrics().forEach((metric, value) ->
          assertThat(Double.parseDouble(cells[header.indexOf(metric)])).as(metric).isEqualTo(value));
      r.getAlignment().forEach((method, value) ->
          assertThat(Double.parseDouble(cells[header.indexOf("alignment_" + method)])).isEqualTo(value));
    }
    for (String d : datasets) {
      assertThat(published.keySet()).as("results of " + d).anyMatch(k -> k.startsWith(d + "@"));
    }

    // The summary states the analyzer's correlations of this run, for every method the scorer used.
    JsonNode analysis = Http.JSON.readTree(out.resolve("analysis.json").toFile());
    assertThat(analysis.path("points").asInt()).isEqualTo(published.size());
    String summary = Files.readString(out.resolve("summary.md"));
    assertThat(analysis.path("correlations").size()).isPositive();
    for (JsonNode c : analysis.path("correlations")) {
      assertThat(summary).contains("| " + c.path("method").asText() + " | " + c.path("datasets").asInt() + " | "
          + ReportWriter.num(c.path("r")) + " | " + ReportWriter.num(c.path("rSquared")));
    }
    datasets.forEach(d -> assertThat(summary).contains(d));
    assertThat(summary).contains("Status: complete");
  }

  /** The family's results as published on training-results, by dataset@D. */
  private static Map<String, TrainingResult> publishedResults(String task) {
    StackEndpoints stack = StackEndpoints.find(state);
    Deserializer<TrainingResult> values = stack.topics().trainingResults().valueSerde().deserializer();
    Map<String, TrainingResult> out = new HashMap<>();
    try (TopicWatch watch = new TopicWatch(stack.kafka(), stack.topics().trainingResults().name(), false)) {
      int empty = 0;
      while (empty < 3) {
        int n = watch.poll(Duration.ofSeconds(1), r -> {
          TrainingResult t = values.deserialize(r.topic(), r.headers(), r.value());
          if (t.getTask().equals(task)) {
            out.put(t.getDatasetId() + "@" + t.getSize(), t);
          }
        });
        empty = n == 0 ? empty + 1 : 0;
      }
    }
    return out;
  }

  private static int cli(List<String> jvm, Duration timeout, String... args) throws Exception {
    StackCli.Result r = new StackCli(REPO, state).run(jvm, timeout, args);
    System.out.println(r.output());
    return r.exit();
  }
}
