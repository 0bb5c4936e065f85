package io.alignstream.schemas.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Keys generated per test run and tokens signed with them, as an identity provider would issue. */
final class TestTokens {
  static final String ISSUER = "https://idp.example.test/realms/alignstream";
  static final String AUDIENCE = "alignstream-ingest";

  private TestTokens() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWKS document of the public halves, each under its key id. */
  static String jwks(List<KeyPair> pairs, List<String> kids) {
    try {
      JsonWebKeySet set = new JsonWebKeySet();
      for (int i = 0; i < pairs.size(); i++) {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pairs.get(i).getPublic());
        jwk.setKeyId(kids.get(i));
        jwk.setUse("sig");
        set.addJsonWebKey(jwk);
      }
      return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a valid write token: issuer, audience, subject ci-bot, 5 minutes left, scope with the write value. */
  static JwtClaims writeClaims() {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setAudience(AUDIENCE, "account");
    claims.setSubject("ci-bot");
    claims.setIssuedAtToNow();
    claims.setNotBeforeMinutesInThePast(1);
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setClaim("scope", "openid profile alignstream:write");
    return claims;
  }

  static String sign(KeyPair pair, String alg, String kid, Consumer<JwtClaims> edit) {
    JwtClaims claims = writeClaims();
    edit.accept(claims);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(pair.getPrivate());
    jws.setAlgorithmHeaderValue(alg);
    if (kid != null) {
      jws.setKeyIdHeaderValue(kid);
    }
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token ({@code alg: none}) with the valid write claims. */
  static String unsigned() {
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(writeClaims().toJson()) + ".";
  }

  /** {@code token} with its payload replaced by {@code claims}, the signature kept. */
  static String withPayload(String token, JwtClaims claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + b64(claims.toJson()) + "." + parts[2];
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
