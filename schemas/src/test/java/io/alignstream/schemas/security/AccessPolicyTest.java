package io.alignstream.schemas.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final String WRITER_KEY = "w-4f1c0d9e8b7a6f5e4d3c2b1a";
  private static final String READER_KEY = "r-0a1b2c3d4e5f60718293a4b5";
  private static final String PASSWORD = "correct horse battery staple";
  private static final CredentialStore CREDENTIALS = CredentialStore.of(
      List.of("writer:write:" + SecretHashes.sha256(WRITER_KEY), "reader:read:" + SecretHashes.sha256(READER_KEY)),
      List.of("alice:read:" + SecretHashes.pbkdf2(PASSWORD.toCharArray(), 1000)), "test");

  private record Req(String method, String path, Map<String, String> headers, String remoteAddress)
      implements AccessPolicy.Request {
    @Override
    public String header(String name) {
      return headers.get(name);
    }
  }

  private static Req req(String method, String path, String... headerPairs) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return new Req(method, path, headers, "10.0.0.1");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static AccessPolicy policy(boolean openReads, boolean readOnly, RateLimiter limiter) {
    return new AccessPolicy(new AccessPolicy.Settings("test", CREDENTIALS, openReads, List.of("/q/health"), readOnly, limiter));
  }

  @Test
  void shouldRefuseRequestWithoutCredentialWithChallenges() {
    AccessPolicy.Decision d = policy(false, false, null).decide(req("POST", "/samples"));

    assertThat(d.status()).isEqualTo(401);
    assertThat(d.headers().get("WWW-Authenticate")).containsExactly(
        "Basic realm=\"test\", charset=\"UTF-8\"", "Bearer realm=\"test\"");
    assertThat(d.detail()).contains("Authorization: Bearer <key>", "X-API-Key");
  }

  @Test
  void shouldAcceptKeyByBearerOrHeaderAndNameThePrincipal() {
    AccessPolicy p = policy(false, false, null);

    assertThat(p.decide(req("POST", "/samples", "Authorization", "Bearer " + WRITER_KEY)).principal().name())
        .isEqualTo("writer");
    assertThat(p.decide(req("POST", "/samples", "X-API-Key", WRITER_KEY)).allowed()).isTrue();
    assertThat(p.decide(req("POST", "/samples", "X-API-Key", WRITER_KEY + "x")).status()).isEqualTo(401);
  }

  @Test
  void shouldForbidWritesWithAReadCredential() {
    AccessPolicy p = policy(false, false, null);

    assertThat(p.decide(req("GET", "/api", "X-API-Key", READER_KEY)).allowed()).isTrue();
    assertThat(p.decide(req("PUT", "/policies/x", "X-API-Key", READER_KEY)).status()).isEqualTo(403);
    assertThat(p.decide(req("DELETE", "/policies/x", "Authorization", basic("alice", PASSWORD))).status()).isEqualTo(403);
  }

  @Test
  void shouldCheckPasswordsAndRememberOnlySuccesses() {
    AccessPolicy p = policy(false, false, null);
    Req right = req("GET", "/", "Authorization", basic("alice", PASSWORD));
    Req wrong = req("GET", "/", "Authorization", basic("alice", PASSWORD + "!"));

    assertThat(p.mayBeSlow(right)).isTrue();
    assertThat(p.decide(right).allowed()).isTrue();
    assertThat(p.mayBeSlow(right)).isFalse();
    assertThat(p.decide(wrong).status()).isEqualTo(401);
    assertThat(p.mayBeSlow(wrong)).isTrue();
    assertThat(p.decide(req("GET", "/", "Authorization", basic("mallory", PASSWORD))).status()).isEqualTo(401);
    assertThat(p.decide(req("GET", "/", "Authorization", "Basic !!!not-base64")).status()).isEqualTo(401);
  }

  @Test
  void shouldLetOpenPathsAndOpenReadsThroughButStillRefuseWrongCredentials() {
    AccessPolicy p = policy(true, false, null);

    assertThat(p.decide(req("GET", "/q/health/ready")).allowed()).isTrue();
    assertThat(p.decide(req("GET", "/q/healthy")).allowed()).isTrue();
    assertThat(p.decide(req("GET", "/subjects")).allowed()).isTrue();
    assertThat(p.decide(req("POST", "/subjects/x/versions")).status()).isEqualTo(401);
    assertThat(p.decide(req("GET", "/subjects", "X-API-Key", "nope")).status()).isEqualTo(401);
    assertThat(policy(false, false, null).decide(req("GET", "/q/health")).allowed()).isTrue();
  }

  @Test
  void shouldRefuseWritesOnReadOnlyServerWith405EvenWithoutCredentials() {
    AccessPolicy p = new AccessPolicy(new AccessPolicy.Settings("ro", CredentialStore.empty(), true, List.of(), true, null));

    assertThat(p.active()).isTrue();
    AccessPolicy.Decision d = p.decide(req("POST", "/api/results"));
    assertThat(d.status()).isEqualTo(405);
    assertThat(d.headers()).containsEntry("Allow", List.of("GET, HEAD, OPTIONS"));
    assertThat(p.decide(req("GET", "/api/results")).allowed()).isTrue();
    assertThat(p.decide(req("head", "/")).allowed()).isTrue();
  }

  @Test
  void shouldRateLimitPerPrincipalAndChargeFailedGuessesToTheAddress() {
    AtomicLong now = new AtomicLong();
    AccessPolicy p = policy(false, false, new RateLimiter(1, 2, 100, now::get));

    assertThat(p.decide(req("POST", "/s", "X-API-Key", WRITER_KEY)).allowed()).isTrue();
    assertThat(p.decide(req("POST", "/s", "X-API-Key", WRITER_KEY)).allowed()).isTrue();
    AccessPolicy.Decision third = p.decide(req("POST", "/s", "X-API-Key", WRITER_KEY));
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.headers()).containsEntry("Retry-After", List.of("1"));
    // Another key has its own bucket; guesses from one address share one.
    assertThat(p.decide(req("GET", "/s", "X-API-Key", READER_KEY)).allowed()).isTrue();
    assertThat(p.decide(req("POST", "/s", "X-API-Key", "guess1")).status()).isEqualTo(401);
    assertThat(p.decide(req("POST", "/s", "X-API-Key", "guess2")).status()).isEqualTo(401);
    assertThat(p.decide(req("POST", "/s", "X-API-Key", "guess3")).status()).isEqualTo(429);
    now.addAndGet(1_000_000_000L);
    assertThat(p.decide(req("POST", "/s", "X-API-Key", WRITER_KEY)).allowed()).isTrue();
  }

  @Test
  void shouldNeverPutTheSecretInADecisionOrDescription() {
    AccessPolicy p = policy(false, false, null);
    String secret = "s3cr3t-value-never-shown";
    List<AccessPolicy.Decision> decisions = List.of(
        p.decide(req("POST", "/s", "X-API-Key", secret)),
        p.decide(req("POST", "/s", "Authorization", "Bearer " + secret)),
        p.decide(req("POST", "/s", "Authorization", basic("alice", secret))),
        p.decide(req("POST", "/s", "Authorization", "Token " + secret)));

    assertThat(decisions).allSatisfy(d -> assertThat(d.toString()).doesNotContain(secret));
    assertThat(p.describe()).contains("writer", "alice").doesNotContain(WRITER_KEY, "sha256", "pbkdf2");
  }

  @Test
  void shouldRejectMalformedEntriesWithoutEchoingThem() {
    String plainKeyByMistake = "my-plain-secret-key";

    assertThatThrownBy(() -> CredentialStore.of(List.of(plainKeyByMistake), List.of(), "alignstream.http.auth"))
        .hasMessageContaining("entry 1 of 1").hasMessageNotContaining(plainKeyByMistake);
    assertThatThrownBy(() -> CredentialStore.of(List.of("ci:write:sha256:" + plainKeyByMistake), List.of(), "k"))
        .hasMessageNotContaining(plainKeyByMistake);
    assertThatThrownBy(() -> CredentialStore.of(List.of(), List.of("bob:read:" + plainKeyByMistake), "k"))
        .hasMessageNotContaining(plainKeyByMistake);
    assertThatThrownBy(() -> CredentialStore.of(List.of(), List.of("bob:owner:" + SecretHashes.pbkdf2(new char[] {'x'}, 1)), "k"))
        .hasMessageContaining("role read or write");
  }

  @Test
  void shouldKeepBasicCredentialsOutOfToString() {
    BasicCredentials c = BasicCredentials.parse("svc:pa:ss");

    assertThat(c.password()).isEqualTo("pa:ss");
    assertThat(c.toString()).doesNotContain("pa:ss");
    assertThat(io.alignstream.schemas.registry.RegistrySettings.of("http://127.0.0.1:8081").withBasicAuth("svc:pa:ss")
        .toString()).contains("user svc").doesNotContain("pa:ss");
    assertThatThrownBy(() -> BasicCredentials.parse("nopassword-secret")).hasMessageNotContaining("nopassword-secret");
    assertThatThrownBy(() -> io.alignstream.schemas.registry.RegistrySettings.of("http://u:secretpw@127.0.0.1:8081"))
        .hasMessageNotContaining("secretpw");
  }
}
