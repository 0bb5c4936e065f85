package io.alignstream.analyzer.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The analyzer only reads: with the default configuration (no login) every write method is 405. */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class ReadOnlyApiTest {

  @Test
  void shouldRejectPostOnAnalyzerApi() {
    given().contentType("application/json").body("{}").when().post("/api/results")
        .then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS").body("error", equalTo("method not allowed"));
  }

  @Test
  void shouldRejectEveryWriteMethodOnDashboardAndApi() {
    given().when().put("/").then().statusCode(405);
    given().when().delete("/api/fits/some-fit").then().statusCode(405);
    given().when().patch("/api/groups").then().statusCode(405);
    given().when().post("/api/stream").then().statusCode(405);
  }

  @Test
  void shouldServeReadsWithoutLoginByDefault() {
    given().when().get("/api/groups").then().statusCode(200);
    given().when().head("/").then().statusCode(200);
  }
}
