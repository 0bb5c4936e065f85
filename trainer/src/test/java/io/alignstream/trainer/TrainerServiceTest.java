package io.alignstream.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.awaitility.Awaitility.await;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.infra.testkit.ServiceContractTest;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.trainer.service.TrainerTestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The trainer service starts against the real broker and registry, answers health and metrics, and
 * reports the datasets it trains at {@code /api/trainer/status}.
 */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class TrainerServiceTest extends ServiceContractTest {

  @Inject
  TopicCatalogue topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void shouldReportTheTrainerLoopInReadiness() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("checks.name", hasItem("trainer-loop"));
  }

  @Test
  void shouldServeTheStatusOfTheDatasetsItTrains() throws Exception {
    String dataset = "status-solar";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      TrainerTestData.createCurated(admin, topics, dataset, 1);
    }
    TrainerTestData.sendTargets(bootstrap, topics, TrainerTestData.targets(40, 5));
    TrainerTestData.sendManifest(bootstrap, topics, TrainerTestData.manifest(topics, dataset, "fam", 12, true));
    TrainerTestData.sendCurated(bootstrap, topics, dataset,
        TrainerTestData.scoredAll(TrainerTestData.pool(12, 3), 0.6), 0, 1);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/trainer/status").then()
        .statusCode(200)
        .body("running", equalTo(true))
        .body("datasets.find { it.datasetId == 'status-solar' }.state", equalTo("complete"))
        .body("datasets.find { it.datasetId == 'status-solar' }.size", equalTo(12))
        .body("datasets.find { it.datasetId == 'status-solar' }.task", equalTo("solar.flare24h"))
        .body("datasets.find { it.datasetId == 'status-solar' }.family", equalTo("fam"))
        .body("datasets.find { it.datasetId == 'status-solar' }.lastEvaluation.size", equalTo(12))
        .body("tasks.task", hasItems("solar.flare24h")));
    given().when().get("/q/metrics").then().statusCode(200)
        .body(org.hamcrest.Matchers.containsString("alignstream_trainer_samples_trained_total"))
        .body(org.hamcrest.Matchers.containsString("alignstream_trainer_evaluations_total"));
  }
}
