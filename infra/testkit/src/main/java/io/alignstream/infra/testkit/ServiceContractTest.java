package io.alignstream.infra.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * What every AlignStream service promises operators, inherited by each service's
 * {@code @QuarkusTest}: readiness covers Kafka and the schema registry, and Prometheus metrics are
 * served at {@code /q/metrics}.
 */
public abstract class ServiceContractTest {

  @Test
  void shouldReportReadyWithKafkaAndRegistryChecksUp() {
    given().when().get("/q/health/ready").then().log().ifValidationFails()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("schema-registry", "Kafka connection health check"));
  }

  @Test
  void shouldServePrometheusMetrics() {
    given().when().get("/q/metrics").then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }
}
