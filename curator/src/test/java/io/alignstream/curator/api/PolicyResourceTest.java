package io.alignstream.curator.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Declaring policies through the curator's REST API, against the real broker and registry. */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class PolicyResourceTest {

  @Test
  void shouldRefuseAnInvalidPolicyWithEveryProblem() {
    given().contentType("application/json")
        .body("{\"datasetId\":\"bad\",\"task\":\"mt.en-fr\",\"kind\":\"top-q\",\"parameters\":{\"q\":2,\"x\":1}}")
        .put("/policies/bad")
        .then().statusCode(400)
        .body("problems", hasItems("'q' = 2 is out of range (must be > 0 and <= 1.0)",
            "unknown parameter 'x' for kind top-q (allowed: q, sketch-k, warmup)",
            "method must be one of [dsir, gzip, task2vec] for kind top-q"));
  }

  @Test
  void shouldPutAValidPolicyInForceAndRetireIt() {
    given().contentType("application/json")
        .body("{\"datasetId\":\"fam\",\"task\":\"mt.en-fr\",\"method\":\"dsir\",\"kind\":\"family\","
            + "\"parameters\":{\"buckets\":2,\"sizes\":\"8,16\"}}")
        .put("/policies/fam")
        .then().statusCode(202).body("datasets", hasItem("fam-a1-n16"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        given().get("/policies").then().statusCode(200).body("inForce", hasKey("fam")));

    given().delete("/policies/fam").then().statusCode(202);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        given().get("/policies").then().statusCode(200).body("inForce", org.hamcrest.Matchers.not(hasKey("fam"))));
  }
}
