package io.alignstream.analyzer.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.alignstream.analyzer.SyntheticResults;
import io.alignstream.analyzer.TestRecords;
import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.training.TrainingResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The analyzer service against the real broker: training results in, fits on scaling-fits and the REST
 * API, datasets, windows, dead letters, health, OpenAPI and metrics. Each test uses its own task.
 */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class AnalyzerOnKafkaTest {
  private static final Logger LOG = Logger.getLogger(AnalyzerOnKafkaTest.class);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject
  TopicCatalogue topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void shouldPublishFitsToScalingFitsAndServeThemOverRest() throws Exception {
    String task = "mt.api-test";
    sendResults(family(task, "famA", 1e5));

    // per dataset: power law of the loss + BLEU log-law; across the family: the alignment-aware law
    await().atMost(WAIT).until(() -> fits(task).getList("$").size() == 7);
    List<ScalingFit> published = TopicReader.values(bootstrap, topics.scalingFits(), 7, WAIT).stream()
        .filter(f -> f.getTask().equals(task)).toList();
    assertThat(published).extracting(ScalingFit::getFitId).doesNotHaveDuplicates().contains(
        "mt.api-test|famA|power|downstreamCrossEntropy|mt-api-90",
        "mt.api-test|famA|log-metric|BLEU|mt-api-35",
        "mt.api-test|famA|alignment-aware|downstreamCrossEntropy|alignment=task2vec");

    JsonPath power = given().queryParam("task", task).queryParam("dataset", "mt-api-90").queryParam("law", "power")
        .get("/api/fits").then().statusCode(200).extract().jsonPath();
    assertThat(power.getString("[0].family")).isEqualTo("famA");
    assertThat(power.getList("[0].parameters.name")).containsExactly("E", "B", "alpha");
    assertThat(power.getDouble("[0].parameters[2].ciLow")).isLessThan(power.getDouble("[0].parameters[2].value"));
    assertThat(power.getMap("[0].goodness")).containsKeys("rmseLog", "heldOutMeanRelativeError");

    JsonPath family = given().queryParam("task", task).queryParam("law", "alignment-aware").get("/api/fits").then()
        .statusCode(200).extract().jsonPath();
    assertThat(family.getString("[0].method")).isEqualTo("task2vec");
    assertThat(family.getList("[0].crossovers")).hasSize(2);

    List<Map<String, Object>> results = given().queryParam("task", task).queryParam("dataset", "mt-api-90")
        .get("/api/results").then().statusCode(200).extract().jsonPath().getList("$");
    assertThat(results).hasSize(8);
    assertThat(results.get(0)).containsOnlyKeys("datasetId", "task", "family", "runId", "step", "size", "alignment",
        "upstreamLoss", "downstreamCrossEntropy", "metrics", "fineTuned", "device", "wallTimeMs", "samplesPerSecond",
        "evaluatedTime");
    assertThat(results.get(0).get("size")).isEqualTo(1000);
    assertThat(results.get(0).get("alignment")).isEqualTo(Map.of("task2vec", 0.9f));

    JsonPath correlations = given().queryParam("task", task).get("/api/correlations").then().statusCode(200)
        .extract().jsonPath();
    assertThat(correlations.getString("[0].method")).isEqualTo("task2vec");
    assertThat(correlations.getInt("[0].datasets")).isEqualTo(3);
    assertThat(correlations.getDouble("[0].r")).isLessThan(-0.9);

    JsonPath analysis = given().queryParam("task", task).get("/api/analysis").then().statusCode(200).extract()
        .jsonPath();
    assertThat(analysis.getList("[0].crossovers.misalignedDataset")).containsExactly("mt-api-35", "mt-api-60");
    assertThat(analysis.getList("[0].curves")).hasSize(3 * 2 + 3);
  }

  @Test
  void shouldRefitWithinTheDebounceOfANewResult() throws Exception {
    String task = "mt.latency-test";
    SyntheticResults synthetic = new SyntheticResults(task, "famL");
    List<TrainingResult> curve = synthetic.dataset("mt-lat", 0.8, 12, 1e5);
    sendResults(curve.subList(0, 6));
    await().atMost(WAIT).until(() -> pointsOfLossFit(task) == 6);

    // one result at a time, further apart than the 2 s debounce: each is fitted on arrival
    List<Long> latencies = new ArrayList<>();
    for (int n = 7; n <= 12; n++) {
      Thread.sleep(2_100);
      long sent = System.nanoTime();
      sendResults(curve.subList(n - 1, n));
      int expected = n;
      await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> pointsOfLossFit(task) == expected);
      latencies.add((System.nanoTime() - sent) / 1_000_000);
    }
    latencies.sort(Long::compare);
    LOG.infof("Result sent -> refitted fit served by /api/fits: %s ms (median %d ms)", latencies,
        latencies.get(latencies.size() / 2));
    assertThat(latencies.get(latencies.size() / 2)).isLessThan(2_000);
    JsonPath health = given().get("/api/health-summary").then().statusCode(200).extract().jsonPath();
    assertThat(health.getLong("lastRefitMs")).isNotNull();
  }

  @Test
  void shouldServeCuratedDatasetsAndAlignmentWindows() throws Exception {
    String task = "mt.datasets-test";
    List<DatasetManifest> manifests = List.of(TestRecords.manifest("mt-ds-a", task, "famD", 1200, 0.8),
        TestRecords.manifest("mt-ds-b", task, "famD", 800, 0.4));
    TestRecords.send(bootstrap, topics.datasets(), manifests, DatasetManifest::getDatasetId);
    List<AlignmentWindow> windows = List.of(TestRecords.window(task, "postgres", 0, 0.71),
        TestRecords.window(task, "git", 0, 0.42), TestRecords.window(task, "git", 1, 0.45));
    TestRecords.send(bootstrap, topics.alignmentWindows(), windows, TestRecords::windowKey);

    await().atMost(WAIT).until(() -> given().queryParam("task", task).get("/api/datasets").then().extract()
        .jsonPath().getList("$").size() == 2);
    JsonPath datasets = given().queryParam("task", task).queryParam("family", "famD").get("/api/datasets").then()
        .statusCode(200).extract().jsonPath();
    assertThat(datasets.getList("datasetId")).containsExactly("mt-ds-a", "mt-ds-b");
    assertThat(datasets.getLong("[0].size")).isEqualTo(1200);
    assertThat(datasets.getString("[0].policy")).isEqualTo("family");

    await().atMost(WAIT).until(() -> given().queryParam("task", task).get("/api/windows").then().extract()
        .jsonPath().getList("$").size() == 3);
    JsonPath git = given().queryParam("task", task).queryParam("group", "git").get("/api/windows").then()
        .statusCode(200).extract().jsonPath();
    // newest window first
    assertThat(git.getList("coefficient", Double.class)).containsExactly(0.45, 0.42);
    assertThat(git.getString("[0].method")).isEqualTo("task2vec");
  }

  @Test
  void shouldDeadLetterAnUndecodableResultAndCountItInTheHealthSummary() throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.trainingResults().name(), "broken",
          "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }

    await().atMost(WAIT).until(() -> given().get("/api/health-summary").then().extract().jsonPath()
        .get("deadLetters.analyzer") != null);
    JsonPath health = given().get("/api/health-summary").then().statusCode(200).extract().jsonPath();
    assertThat(health.getLong("deadLetters.analyzer")).isEqualTo(1);
    assertThat(health.getLong("deadLettersTotal")).isGreaterThanOrEqualTo(1);
    assertThat(health.getBoolean("replayed")).isTrue();
    assertThat(health.getMap("topics")).containsKey(topics.trainingResults().name());
    assertThat(health.getString("adminError")).isNull();
    assertThat(health.getMap("analyzerLag")).containsKey(topics.trainingResults().name());
  }

  @Test
  void shouldDescribeTheApiInOpenApi() {
    given().get("/q/openapi").then().statusCode(200)
        .body(containsString("/api/fits"), containsString("/api/results"), containsString("/api/health-summary"),
            containsString("/api/stream"), containsString("/api/correlations"));
  }

  @Test
  void shouldExposePrometheusMetricsForWhatTheDashboardShows() throws Exception {
    String task = "mt.metrics-test";
    sendResults(new SyntheticResults(task, "famM").dataset("mt-met", 0.7, 6, 1e4));
    await().atMost(WAIT).until(() -> fits(task).getList("$").size() == 2);

    await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
        .body(containsString("alignstream_analyzer_results "), containsString("alignstream_analyzer_fits "),
            containsString("alignstream_analyzer_refit_latency_seconds_count"),
            containsString("alignstream_analyzer_refit_last_ms"),
            containsString("alignstream_analyzer_dataset_metric{dataset=\"mt-met\",family=\"famM\",metric=\"BLEU\""),
            containsString("alignstream_analyzer_reader_lag"),
            containsString("alignstream_analyzer_records_read_total{topic=\"" + topics.trainingResults().name())));
  }

  @Test
  void shouldServeTheDashboardAndItsChartLibraryFromTheJar() {
    String page = given().get("/").then().statusCode(200).extract().asString();
    assertThat(page).contains("AlignStream").doesNotContain("${uplot.version}").doesNotContain("http://")
        .doesNotContain("https://");
    String script = page.replaceAll("(?s).*<script src=\"(/webjars/uplot/[^\"]+)\".*", "$1");
    given().get(script).then().statusCode(200).body(containsString("uPlot"));
    given().get("/dashboard.js").then().statusCode(200).body(containsString("EventSource"));
  }

  private static List<TrainingResult> family(String task, String family, double maxSize) {
    SyntheticResults synthetic = new SyntheticResults(task, family).noise(0.005);
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-api-90", 0.9, 8, maxSize));
    results.addAll(synthetic.dataset("mt-api-60", 0.6, 8, maxSize));
    results.addAll(synthetic.dataset("mt-api-35", 0.35, 8, maxSize));
    return results;
  }

  private void sendResults(List<TrainingResult> results) throws Exception {
    TestRecords.send(bootstrap, topics.trainingResults(), results, TrainingResult::getDatasetId);
  }

  private static JsonPath fits(String task) {
    return given().queryParam("task", task).get("/api/fits").then().statusCode(200).extract().jsonPath();
  }

  private static int pointsOfLossFit(String task) {
    List<Integer> points = given().queryParam("task", task).queryParam("law", "power").get("/api/fits").then()
        .extract().jsonPath().getList("findAll { it.metric == 'downstreamCrossEntropy' }.points", Integer.class);
    return points.isEmpty() ? 0 : points.get(0);
  }
}
