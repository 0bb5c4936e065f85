package io.alignstream.curator.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.schemas.security.SecretHashes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The curator's API with a login configured ({@link Admins}): reads need a viewer or admin login,
 * {@code PUT/DELETE /policies/{id}} an admin login or the admin API key; health stays open.
 */
@QuarkusTest
@TestProfile(PolicyAccessTest.Admins.class)
@QuarkusTestResource(AlignStreamTestResource.class)
class PolicyAccessTest {
  static final String ADMIN_PASSWORD = "curator-admin-pw-2b9e";
  static final String VIEWER_PASSWORD = "curator-viewer-pw-71c4";
  static final String ADMIN_KEY = "curator-admin-key-0f3d8a61c2e9";

  /** An admin and a viewer (PBKDF2, few iterations for speed) and an admin API key (SHA-256). */
  public static class Admins implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "alignstream.http.auth.users", "admin:write:" + SecretHashes.pbkdf2(ADMIN_PASSWORD.toCharArray(), 2000)
              + ",viewer:read:" + SecretHashes.pbkdf2(VIEWER_PASSWORD.toCharArray(), 2000),
          "alignstream.http.auth.api-keys", "automation:write:" + SecretHashes.sha256(ADMIN_KEY));
    }
  }

  private static final String POLICY = "{\"datasetId\":\"guarded\",\"task\":\"mt.en-fr\",\"method\":\"dsir\","
      + "\"kind\":\"family\",\"parameters\":{\"buckets\":2,\"sizes\":\"8,16\"}}";

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRequireAdminLoginToChangePolicies() {
    given().contentType("application/json").body(POLICY).put("/policies/guarded")
        .then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.notNullValue());
    given().header("Authorization", basic("viewer", VIEWER_PASSWORD)).contentType("application/json").body(POLICY)
        .put("/policies/guarded").then().statusCode(403).body("error", equalTo("forbidden"));
    given().header("Authorization", basic("viewer", VIEWER_PASSWORD)).delete("/policies/guarded")
        .then().statusCode(403);
    given().header("Authorization", basic("admin", "not-the-password")).contentType("application/json").body(POLICY)
        .put("/policies/guarded").then().statusCode(401);

    given().header("Authorization", basic("admin", ADMIN_PASSWORD)).contentType("application/json").body(POLICY)
        .put("/policies/guarded").then().statusCode(202);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        given().header("Authorization", basic("viewer", VIEWER_PASSWORD)).get("/policies")
            .then().statusCode(200).body("inForce", hasKey("guarded")));
    given().header("X-API-Key", ADMIN_KEY).delete("/policies/guarded").then().statusCode(202);
  }

  @Test
  void shouldRequireLoginForReads() {
    given().get("/policies").then().statusCode(401);
    given().get("/datasets").then().statusCode(401);
    given().header("Authorization", basic("viewer", VIEWER_PASSWORD)).get("/policies").then().statusCode(200);
  }

  @Test
  void shouldKeepHealthOpen() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }
}
