package io.alignstream.schemas.security;

import static io.alignstream.schemas.security.TestTokens.AUDIENCE;
import static io.alignstream.schemas.security.TestTokens.ISSUER;
import static io.alignstream.schemas.security.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AccessPolicy} with JWT bearer tokens verified against a JWKS file (RSA and EC keys). */
class JwtAccessPolicyTest {
  private static final String RS256 = AlgorithmIdentifiers.RSA_USING_SHA256;
  private static final String ES256 = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
  private static final String API_KEY = "w-4f1c0d9e8b7a6f5e4d3c2b1a";
  private static final KeyPair RSA = TestTokens.rsa();
  private static final KeyPair EC = TestTokens.ec();
  private static final KeyPair STRANGER = TestTokens.rsa();

  @TempDir static Path dir;
  private static Path jwksFile;

  @BeforeAll
  static void writeJwks() throws IOException {
    jwksFile = dir.resolve("jwks.json");
    Files.writeString(jwksFile, TestTokens.jwks(List.of(RSA, EC), List.of("rsa-1", "ec-1")), StandardCharsets.UTF_8);
  }

  private record Req(String method, String path, Map<String, String> headers, String remoteAddress)
      implements AccessPolicy.Request {
    @Override
    public String header(String name) {
      return headers.get(name);
    }
  }

  private static Req req(String method, String token) {
    Map<String, String> headers = new HashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return new Req(method, "/samples", headers, "10.0.0.7");
  }

  private static JwtVerifier verifier(String roleClaim) {
    JwtVerifier.Settings d = JwtVerifier.Settings.of(ISSUER, AUDIENCE, jwksFile, null);
    return new JwtVerifier(new JwtVerifier.Settings(d.issuer(), d.audience(), d.jwksFile(), null, d.clockSkew(),
        d.principalClaim(), roleClaim, d.writeValue(), d.readValue(), d.fetchTimeout(), d.minRefreshInterval(),
        d.maxKeyAge()));
  }

  private static AccessPolicy policy(CredentialStore keys, boolean openReads, RateLimiter limiter) {
    return new AccessPolicy(new AccessPolicy.Settings("test", keys, openReads, List.of("/q/health"), false, limiter,
        verifier("scope")));
  }

  private static AccessPolicy jwtOnly() {
    return policy(CredentialStore.empty(), false, null);
  }

  private static String rsaToken(java.util.function.Consumer<org.jose4j.jwt.JwtClaims> edit) {
    return sign(RSA, RS256, "rsa-1", edit);
  }

  /** Issued 15 minutes ago, expired 10 minutes ago. */
  private static String expired() {
    long now = NumericDate.now().getValue();
    return rsaToken(c -> {
      c.setIssuedAt(NumericDate.fromSeconds(now - 900));
      c.setNotBefore(NumericDate.fromSeconds(now - 900));
      c.setExpirationTime(NumericDate.fromSeconds(now - 600));
    });
  }

  private static void assertInvalidToken(AccessPolicy.Decision d, String reason) {
    assertThat(d.status()).isEqualTo(401);
    assertThat(d.error()).isEqualTo("unauthorized");
    assertThat(d.detail()).isEqualTo(reason);
    assertThat(d.headers().get("WWW-Authenticate")).containsExactly("Bearer realm=\"test\", error=\"invalid_token\"");
  }

  @Test
  void shouldAllowAPostWithAWriteTokenAsItsSubject() {
    AccessPolicy.Decision d = jwtOnly().decide(req("POST", rsaToken(c -> {})));

    assertThat(d.allowed()).isTrue();
    assertThat(d.principal()).isEqualTo(new Principal("ci-bot", Role.WRITE, "jwt"));
  }

  @Test
  void shouldAcceptAnEcSignedTokenWithRolesInAnArrayClaim() {
    AccessPolicy p = new AccessPolicy(new AccessPolicy.Settings("test", CredentialStore.empty(), false, List.of(), false,
        null, verifier("roles")));
    String writer = sign(EC, ES256, "ec-1", c -> c.setStringListClaim("roles", "offline_access", "alignstream:write"));
    String reader = sign(EC, ES256, "ec-1", c -> c.setStringListClaim("roles", "alignstream:read"));

    assertThat(p.decide(req("POST", writer)).principal().role()).isEqualTo(Role.WRITE);
    assertThat(p.decide(req("GET", reader)).principal().role()).isEqualTo(Role.READ);
    assertThat(p.decide(req("POST", reader)).status()).isEqualTo(403);
  }

  @Test
  void shouldForbidAPostWithAReadTokenButLetItRead() {
    String reader = rsaToken(c -> c.setClaim("scope", "openid alignstream:read"));

    AccessPolicy.Decision post = jwtOnly().decide(req("POST", reader));

    assertThat(post.status()).isEqualTo(403);
    assertThat(post.detail()).contains("'ci-bot' may only read", "'alignstream:write' in claim 'scope'");
    assertThat(post.headers().get("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"test\", error=\"insufficient_scope\", scope=\"alignstream:write\"");
    assertThat(jwtOnly().decide(req("GET", reader)).allowed()).isTrue();
  }

  @Test
  void shouldForbidAValidTokenWithoutARoleOnEveryProtectedRequest() {
    String noRole = rsaToken(c -> c.setClaim("scope", "openid profile"));

    AccessPolicy.Decision get = jwtOnly().decide(req("GET", noRole));

    assertThat(get.status()).isEqualTo(403);
    assertThat(get.detail()).contains("grants no role", "'alignstream:write' (write) or 'alignstream:read' (read)");
    assertThat(jwtOnly().decide(req("POST", noRole)).status()).isEqualTo(403);
    // Where reads are open, a token that grants nothing reads like an anonymous client.
    assertThat(policy(CredentialStore.empty(), true, null).decide(req("GET", noRole)).allowed()).isTrue();
  }

  @Test
  void shouldRefuseAnExpiredTokenWithInvalidTokenChallenge() {
    assertInvalidToken(jwtOnly().decide(req("POST", expired())), "token expired");
  }

  @Test
  void shouldTolerateClockSkewOnExpiryAndNotBefore() {
    long now = NumericDate.now().getValue();
    String justExpired = rsaToken(c -> {
      c.setIssuedAt(NumericDate.fromSeconds(now - 120));
      c.setExpirationTime(NumericDate.fromSeconds(now - 5));
    });
    String almostValid = rsaToken(c -> c.setNotBefore(NumericDate.fromSeconds(now + 5)));

    AccessPolicy.Decision expired = jwtOnly().decide(req("POST", justExpired));
    AccessPolicy.Decision early = jwtOnly().decide(req("POST", almostValid));

    assertThat(expired.allowed()).as(expired.detail()).isTrue();
    assertThat(early.allowed()).as(early.detail()).isTrue();
  }

  @Test
  void shouldRefuseATokenNotYetValid() {
    // Two minutes ahead (beyond the 30 s skew), still before the token's expiry.
    String early = rsaToken(c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 120)));

    assertInvalidToken(jwtOnly().decide(req("POST", early)), "token not yet valid (nbf)");
  }

  @Test
  void shouldRefuseATokenFromAnotherIssuerOrForAnotherAudience() {
    String otherIssuer = rsaToken(c -> c.setIssuer("https://evil.example.test"));
    String otherAudience = rsaToken(c -> c.setAudience("some-other-api"));

    assertInvalidToken(jwtOnly().decide(req("POST", otherIssuer)), "token issuer is not " + ISSUER);
    assertInvalidToken(jwtOnly().decide(req("POST", otherAudience)), "token audience does not include " + AUDIENCE);
  }

  @Test
  void shouldRefuseATokenSignedByAnotherKeyOrNamingAnUnknownKey() {
    String impostor = sign(STRANGER, RS256, "rsa-1", c -> {});
    String unknownKid = sign(STRANGER, RS256, "rsa-9", c -> {});

    assertInvalidToken(jwtOnly().decide(req("POST", impostor)), "token signature does not verify");
    assertInvalidToken(jwtOnly().decide(req("POST", unknownKid)),
        "token not verifiable: no signing key of the issuer matches the token's key id and algorithm");
  }

  @Test
  void shouldRefuseUnsignedAndHmacTokens() throws Exception {
    JsonWebSignature hmac = new JsonWebSignature();
    hmac.setPayload(TestTokens.writeClaims().toJson());
    hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    hmac.setKey(new HmacKey(new byte[32]));

    assertInvalidToken(jwtOnly().decide(req("POST", TestTokens.unsigned())),
        "token signature algorithm not accepted (accepted: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512)");
    assertThat(jwtOnly().decide(req("POST", hmac.getCompactSerialization())).detail())
        .startsWith("token signature algorithm not accepted");
  }

  @Test
  void shouldRefuseATamperedPayload() {
    String token = rsaToken(c -> c.setClaim("scope", "alignstream:read"));
    var elevated = TestTokens.writeClaims();

    assertInvalidToken(jwtOnly().decide(req("POST", TestTokens.withPayload(token, elevated))),
        "token signature does not verify");
  }

  @Test
  void shouldRefuseATokenWithoutSubject() {
    assertInvalidToken(jwtOnly().decide(req("POST", rsaToken(c -> c.unsetClaim("sub")))), "token has no subject (sub)");
  }

  @Test
  void shouldRequireACredentialWhenOnlyJwtIsConfigured() {
    AccessPolicy p = jwtOnly();

    AccessPolicy.Decision none = p.decide(req("POST", null));

    assertThat(p.active()).isTrue();
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.detail()).contains("Authorization: Bearer <access token (JWT) from " + ISSUER + ">");
    assertThat(none.headers().get("WWW-Authenticate")).containsExactly("Bearer realm=\"test\"");
    assertInvalidToken(p.decide(req("POST", "not-a-jwt")), "malformed token: not a signed JWT");
    assertThat(p.decide(req("GET", null)).status()).isEqualTo(401);
  }

  @Test
  void shouldKeepAcceptingApiKeysAlongsideTokens() {
    AccessPolicy p = policy(CredentialStore.of(List.of("ci:write:" + SecretHashes.sha256(API_KEY)), List.of(), "t"),
        false, null);

    assertThat(p.decide(req("POST", API_KEY)).principal()).isEqualTo(new Principal("ci", Role.WRITE, "api-key"));
    assertThat(p.decide(req("POST", rsaToken(c -> {}))).principal().scheme()).isEqualTo("jwt");
    AccessPolicy.Decision wrongKey = p.decide(req("POST", API_KEY + "x"));
    assertThat(wrongKey.detail()).isEqualTo("unknown API key");
    assertThat(wrongKey.headers().get("WWW-Authenticate")).containsExactly("Bearer realm=\"test\"");
    assertThat(p.decide(req("POST", null)).detail()).contains("X-API-Key", "access token (JWT)");
  }

  @Test
  void shouldChargeFailedTokensToTheAddressAndLimitValidOnesPerSubject() {
    AtomicLong now = new AtomicLong();
    AccessPolicy p = policy(CredentialStore.empty(), false, new RateLimiter(1, 2, 100, now::get));
    String expired = expired();

    assertThat(p.decide(req("POST", expired)).status()).isEqualTo(401);
    assertThat(p.decide(req("POST", expired)).status()).isEqualTo(401);
    assertThat(p.decide(req("POST", expired)).status()).isEqualTo(429);
    // The subject has its own bucket, and a second subject another.
    assertThat(p.decide(req("POST", rsaToken(c -> {}))).allowed()).isTrue();
    assertThat(p.decide(req("POST", rsaToken(c -> {}))).allowed()).isTrue();
    assertThat(p.decide(req("POST", rsaToken(c -> {}))).status()).isEqualTo(429);
    assertThat(p.decide(req("POST", rsaToken(c -> c.setSubject("other-bot")))).allowed()).isTrue();
  }

  @Test
  void shouldNeverPutATokenInADecisionOrDescription() {
    AccessPolicy p = jwtOnly();
    List<String> tokens = List.of(rsaToken(c -> c.setIssuer("https://evil.example.test")),
        sign(STRANGER, RS256, "rsa-1", c -> {}), TestTokens.unsigned(),
        expired());

    for (String token : tokens) {
      String payload = token.split("\\.")[1];
      assertThat(p.decide(req("POST", token)).toString()).doesNotContain(payload, "evil.example");
    }
    assertThat(p.describe()).contains(ISSUER, AUDIENCE, "jwks.json", "claim 'scope'").doesNotContain("\"n\"");
  }

  @Test
  void shouldRejectIncompleteJwtSettings() {
    assertThatThrownBy(() -> JwtVerifier.Settings.of(ISSUER, null, jwksFile, null))
        .hasMessageContaining("alignstream.http.auth.jwt.audience");
    assertThatThrownBy(() -> JwtVerifier.Settings.of(ISSUER, AUDIENCE, jwksFile, java.net.URI.create("http://127.0.0.1/")))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new JwtVerifier(JwtVerifier.Settings.of(ISSUER, AUDIENCE, dir.resolve("missing.json"), null)))
        .hasMessageContaining("holds no usable public key");
    assertThat(Duration.ofSeconds(30)).isEqualTo(JwtVerifier.Settings.of(ISSUER, AUDIENCE, jwksFile, null).clockSkew());
  }
}
