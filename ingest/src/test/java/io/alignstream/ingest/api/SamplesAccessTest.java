package io.alignstream.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.security.SecretHashes;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /samples} with API keys, JWT bearer tokens (keys from a JWKS file) and a per-client rate
 * limit configured ({@link Secured}), over real HTTP against the real broker and registry. Without that configuration the API stays open
 * ({@link SamplesResourceTest}).
 */
@QuarkusTest
@TestProfile(SamplesAccessTest.Secured.class)
@QuarkusTestResource(AlignStreamTestResource.class)
class SamplesAccessTest {
  static final String CI_KEY = "ci-key-3a7f09d2c4e14b8e9b61";
  static final String BURSTY_KEY = "bursty-key-5c2e77a0f1d84f21";
  static final String READER_KEY = "reader-key-0d9b3f6e2a7c4c55";
  static final String WRONG_KEY = "wrong-key-e8c1b2a9d7f64a03";
  static final String REGISTRY_SECRET = "registry-pw-41f7c2d9b0e3";
  static final Path LOG = Path.of("target", "samples-access-test.log");
  static final String ISSUER = "https://idp.alignstream.test/realms/ci";
  // The identity provider's keys, made per run: the public one as a JWKS for the service, the private
  // one for the tests (a file, as the profile and the test may not share a class loader).
  static final Path JWKS = Path.of("target", "samples-access-test-jwks.json");
  static final Path SIGNING_KEY = Path.of("target", "samples-access-test-signing-key.der");

  /**
   * API keys (hashes only), JWTs from {@link #ISSUER} for audience alignstream-ingest, a rate limit of
   * 1 request/s with bursts of 10, a 1 MB body limit, a file log.
   */
  public static class Secured implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Files.deleteIfExists(LOG);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setKeyId("ci-1");
        Files.writeString(JWKS, new JsonWebKeySet(jwk).toJson(), StandardCharsets.UTF_8);
        Files.write(SIGNING_KEY, pair.getPrivate().getEncoded());
      } catch (IOException | GeneralSecurityException | JoseException e) {
        throw new IllegalStateException(e);
      }
      return Map.ofEntries(
          Map.entry("alignstream.http.auth.api-keys", String.join(",",
              "ci:write:" + SecretHashes.sha256(CI_KEY), "bursty:write:" + SecretHashes.sha256(BURSTY_KEY),
              "reader:read:" + SecretHashes.sha256(READER_KEY))),
          Map.entry("alignstream.http.auth.jwt.issuer", ISSUER),
          Map.entry("alignstream.http.auth.jwt.audience", "alignstream-ingest"),
          Map.entry("alignstream.http.auth.jwt.jwks-file", JWKS.toString()),
          Map.entry("alignstream.http.rate-limit.requests-per-second", "1"),
          Map.entry("alignstream.http.rate-limit.burst", "10"),
          Map.entry("quarkus.http.limits.max-body-size", "1M"),
          // Sent to the (open) test registry with every call; must never show up in the log.
          Map.entry("alignstream.registry.basic-auth", "ingest:" + REGISTRY_SECRET),
          Map.entry("quarkus.log.file.enabled", "true"),
          Map.entry("quarkus.log.file.path", LOG.toString()),
          Map.entry("quarkus.log.category.\"io.alignstream\".level", "DEBUG"));
    }
  }

  @Inject TopicCatalogue topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private static String sample(String source, String src) {
    return """
        {"task":"mt.en-fr","role":"POOL","source":"%s","domain":"git",
         "payload":{"type":"TextPair","src":"%s","tgt":"Bonjour","srcLang":"en","tgtLang":"fr"}}""".formatted(source, src);
  }

  @Test
  void shouldRefuseSampleWithoutApiKey() {
    given().contentType("application/json").body(sample("no-key", "Hello"))
        .when().post("/samples")
        .then().statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"alignstream-ingest\"")
        .body("error", equalTo("unauthorized"))
        .body("detail", containsString("X-API-Key"));
    given().contentType("application/json").header("X-API-Key", WRONG_KEY).body(sample("wrong-key", "Hello"))
        .when().post("/samples")
        .then().statusCode(401).body("detail", equalTo("unknown API key"));
    given().contentType("application/json").header("Authorization", "Bearer " + WRONG_KEY).body(sample("wrong", "Hi"))
        .when().post("/samples")
        .then().statusCode(401);
  }

  @Test
  void shouldAcceptSampleWithValidKey() {
    given().contentType("application/json").header("X-API-Key", CI_KEY).body(sample("key-header", "Open"))
        .when().post("/samples")
        .then().statusCode(200).body("accepted", equalTo(1));
    given().contentType("application/json").header("Authorization", "Bearer " + CI_KEY).body(sample("bearer", "Save"))
        .when().post("/samples")
        .then().statusCode(200).body("accepted", equalTo(1));
  }

  /** A token of subject {@code sub} signed with the test identity provider's key. */
  private static String jwt(String issuer, String sub, String scope) throws Exception {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setAudience("alignstream-ingest");
    claims.setSubject(sub);
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setClaim("scope", scope);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(SIGNING_KEY))));
    jws.setKeyIdHeaderValue("ci-1");
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jws.getCompactSerialization();
  }

  @Test
  void shouldAcceptSampleWithValidWriteTokenAndRefuseABadOne() throws Exception {
    String writer = jwt(ISSUER, "jwt-writer", "openid alignstream:write");
    String foreign = jwt("https://elsewhere.test", "jwt-writer", "alignstream:write");
    String reader = jwt(ISSUER, "jwt-reader", "alignstream:read");

    given().contentType("application/json").header("Authorization", "Bearer " + writer).body(sample("jwt", "Token"))
        .when().post("/samples")
        .then().statusCode(200).body("accepted", equalTo(1));
    given().contentType("application/json").header("Authorization", "Bearer " + foreign).body(sample("jwt", "Forged"))
        .when().post("/samples")
        .then().statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"alignstream-ingest\", error=\"invalid_token\"")
        .body("detail", equalTo("token issuer is not " + ISSUER));
    given().contentType("application/json").header("Authorization", "Bearer " + reader).body(sample("jwt", "Read"))
        .when().post("/samples")
        .then().statusCode(403).body("detail", containsString("'alignstream:write' in claim 'scope'"));

    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(LOG)
        && Files.readString(LOG, StandardCharsets.UTF_8).contains("token issuer is not"));
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertThat(log).contains("JWT bearer tokens from issuer " + ISSUER);
    assertThat(log).doesNotContain(writer.split("\\.")[1], foreign.split("\\.")[1], reader.split("\\.")[1]);
  }

  @Test
  void shouldForbidSamplesFromAReadOnlyKey() {
    given().contentType("application/json").header("X-API-Key", READER_KEY).body(sample("reader", "Quit"))
        .when().post("/samples")
        .then().statusCode(403).body("error", equalTo("forbidden"));
  }

  @Test
  void shouldStoreNothingAndDeadLetterNothingForUnauthenticatedRequests() {
    given().contentType("application/json").body(sample("unauthenticated-client", "Secret plan"))
        .when().post("/samples").then().statusCode(401);
    given().contentType("application/json").body("{\"task\": \"unauthenticated-garbage")
        .when().post("/samples").then().statusCode(401);
    // The same two requests with a key: one stored, one dead-lettered; both arrive after the refused ones.
    given().contentType("application/json").header("X-API-Key", CI_KEY).body(sample("authenticated-client", "Plan"))
        .when().post("/samples").then().statusCode(200);
    given().contentType("application/json").header("X-API-Key", CI_KEY).body("{\"task\": \"authenticated-garbage")
        .when().post("/samples").then().statusCode(400);

    await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.values(bootstrap, topics.samplesRaw(), 1,
        Duration.ofSeconds(2)).stream().anyMatch(s -> s.getSource().equals("authenticated-client")));
    await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.values(bootstrap, topics.deadLetters(), 1,
        Duration.ofSeconds(2)).stream().anyMatch(d -> original(d).contains("authenticated-garbage")));
    assertThat(TopicReader.values(bootstrap, topics.samplesRaw(), 0, Duration.ofSeconds(1)))
        .extracting(Sample::getSource).doesNotContain("unauthenticated-client");
    assertThat(TopicReader.values(bootstrap, topics.deadLetters(), 0, Duration.ofSeconds(1)))
        .noneMatch(d -> original(d).contains("unauthenticated-garbage"));
  }

  @Test
  void shouldAnswer429WhenClientExceedsRate() {
    int accepted = 0;
    Response refused = null;
    for (int i = 0; i < 40 && refused == null; i++) {
      Response r = given().contentType("application/json").header("X-API-Key", BURSTY_KEY)
          .body(sample("bursty", "Burst " + i)).when().post("/samples");
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        accepted++;
      }
    }

    assertThat(accepted).isGreaterThanOrEqualTo(10);
    assertThat(refused).as("a 429 within 40 requests at 1 request/s with bursts of 10").isNotNull();
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
    assertThat(refused.jsonPath().getString("error")).isEqualTo("too many requests");
    // Another client has its own bucket; health stays open and unlimited.
    given().contentType("application/json").header("X-API-Key", CI_KEY).body(sample("other", "Other"))
        .when().post("/samples").then().statusCode(200);
    for (int i = 0; i < 15; i++) {
      given().when().get("/q/health/live").then().statusCode(200);
    }
  }

  @Test
  void shouldAnswer413ForABodyOverTheLimitOnlyAfterTheKeyChecks() {
    String big = "[" + sample("big", "x".repeat(1_100_000)) + "]";

    given().contentType("application/json").header("X-API-Key", CI_KEY).body(big)
        .when().post("/samples").then().statusCode(413);
    given().contentType("application/json").body(big)
        .when().post("/samples").then().statusCode(401);
  }

  @Test
  void shouldKeepHealthAndMetricsOpen() {
    given().when().get("/q/health/ready").then().statusCode(200);
    given().when().get("/q/metrics").then().statusCode(200);
    given().when().get("/q/openapi").then().statusCode(401);
    given().header("X-API-Key", READER_KEY).when().get("/q/openapi").then().statusCode(200);
  }

  @Test
  void shouldNotLogApiKey() throws IOException {
    given().contentType("application/json").header("X-API-Key", WRONG_KEY).body(sample("log", "a"))
        .when().post("/samples").then().statusCode(401);
    given().contentType("application/json").header("Authorization", "Bearer " + WRONG_KEY).body("{")
        .when().post("/samples").then().statusCode(401);
    given().contentType("application/json").header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("ci:" + CI_KEY).getBytes(StandardCharsets.UTF_8))).body(sample("log", "b"))
        .when().post("/samples").then().statusCode(401);
    given().contentType("application/json").header("X-API-Key", CI_KEY).body("{\"task\": 1")
        .when().post("/samples").then().statusCode(400);

    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(LOG)
        && Files.readString(LOG, StandardCharsets.UTF_8).contains("Refused POST /samples"));
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    // The log holds the start-up and refusal lines (so the check below looks at real output) ...
    assertThat(log).contains("HTTP access control for alignstream-ingest", "ci", "bursty", "unknown API key");
    // ... but never a key, a password or a stored hash.
    assertThat(log).doesNotContain(CI_KEY, WRONG_KEY, BURSTY_KEY, READER_KEY, REGISTRY_SECRET,
        SecretHashes.sha256(CI_KEY).substring(7));
  }

  private static String original(DeadLetter d) {
    return d.getOriginalValue() == null ? "" : StandardCharsets.UTF_8.decode(d.getOriginalValue().duplicate()).toString();
  }
}
