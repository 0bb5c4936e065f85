package io.alignstream.schemas.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies OIDC/JWT bearer access tokens for {@link AccessPolicy}: a signature by one of the issuer's
 * public keys (RS/PS/ES 256-512; {@code none} and HMAC are refused), {@code iss} equal to the issuer,
 * {@code aud} containing the audience, {@code exp} (required) and {@code nbf} within the clock skew, and
 * a principal claim ({@code sub} by default, always required). Keys come from a {@link JwksCache}.
 *
 * <p>The role comes from one claim, a space-separated string ({@code scope}) or an array of strings
 * ({@code roles}): the write value gives {@link Role#WRITE}, else the read value {@link Role#READ}, else
 * {@link Role#NONE}. Problems name what is wrong, never the token nor its claims' values.
 */
public final class JwtVerifier {
  public static final List<String> ALGORITHMS = List.of(
      AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
      AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
      AlgorithmIdentifiers.RSA_PSS_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
      AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);
  public static final String SCHEME = "jwt";
  private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final int MAX_NAME = 128;

  /**
   * @param issuer the exact {@code iss}; with neither a JWKS file nor URL, also where discovery starts
   * @param audience a value {@code aud} must contain
   * @param jwksFile a JWKS file, or null
   * @param jwksUrl a JWKS URL, or null; with neither, {@code <issuer>/.well-known/openid-configuration}
   * @param clockSkew tolerance on {@code exp} and {@code nbf}
   * @param principalClaim the claim naming the principal
   * @param roleClaim the claim holding roles or scopes
   * @param writeValue the value giving {@link Role#WRITE}
   * @param readValue the value giving {@link Role#READ}
   * @param fetchTimeout bound on each HTTP exchange with the identity provider
   * @param minRefreshInterval the least time between two fetches of the key set
   * @param maxKeyAge fetch the key set again once it is this old
   */
  public record Settings(String issuer, String audience, Path jwksFile, URI jwksUrl, Duration clockSkew,
      String principalClaim, String roleClaim, String writeValue, String readValue, Duration fetchTimeout,
      Duration minRefreshInterval, Duration maxKeyAge) {
    public Settings {
      require(issuer, "issuer");
      require(audience, "audience");
      require(principalClaim, "principal-claim");
      require(roleClaim, "role-claim");
      require(writeValue, "write-value");
      require(readValue, "read-value");
      if (jwksFile != null && jwksUrl != null) {
        throw new IllegalArgumentException("alignstream.http.auth.jwt: set jwks-file or jwks-url, not both");
      }
      Objects.requireNonNull(clockSkew);
      Objects.requireNonNull(fetchTimeout);
      Objects.requireNonNull(minRefreshInterval);
      Objects.requireNonNull(maxKeyAge);
    }

    /** Keys from a file or URL (null for both: discovery), defaults for the rest. */
    public static Settings of(String issuer, String audience, Path jwksFile, URI jwksUrl) {
      return new Settings(issuer, audience, jwksFile, jwksUrl, Duration.ofSeconds(30), "sub", "scope",
          "alignstream:write", "alignstream:read", Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1));
    }

    private static void require(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("alignstream.http.auth.jwt." + name + " is required for JWT bearer tokens");
      }
    }
  }

  /** A verified token's principal, or the problem that makes it invalid. */
  public record Result(Principal principal, String problem) {}

  private final Settings settings;
  private final JwksCache keys;
  private final JwtConsumer consumer;

  public JwtVerifier(Settings settings) {
    this(settings, System::nanoTime);
  }

  /** @throws IllegalArgumentException when a JWKS file is configured but holds no usable key */
  JwtVerifier(Settings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.keys = new JwksCache(source(settings), settings.minRefreshInterval(), settings.maxKeyAge(), nanoTime);
    if (settings.jwksFile() != null && !keys.load()) {
      throw new IllegalArgumentException("alignstream.http.auth.jwt.jwks-file " + settings.jwksFile()
          + " holds no usable public key (see the log)");
    }
    this.consumer = new JwtConsumerBuilder()
        .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            ALGORITHMS.toArray(String[]::new)))
        .setVerificationKeyResolver((jws, nesting) -> keys.select(jws).getKey())
        .setExpectedIssuer(settings.issuer())
        .setExpectedAudience(settings.audience())
        .setRequireExpirationTime()
        .setRequireSubject()
        .setAllowedClockSkewInSeconds((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()))
        .build();
  }

  private static JwksCache.Source source(Settings s) {
    if (s.jwksFile() != null) {
      return JwksCache.file(s.jwksFile());
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(s.fetchTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    return s.jwksUrl() != null ? JwksCache.url(s.jwksUrl(), http, s.fetchTimeout())
        : JwksCache.discovery(s.issuer(), http, s.fetchTimeout());
  }

  public Settings settings() {
    return settings;
  }

  /** Whether a bearer value has the JWS compact form (three base64url parts); anything else is an API key. */
  public static boolean isJwt(String token) {
    return COMPACT_JWS.matcher(token).matches();
  }

  /** Fetches the key set if it has none yet (a URL or discovery, at start-up); false when it could not. */
  public boolean loadKeys() {
    return keys.load();
  }

  /** Whether verifying this token may fetch keys over the network (blocking). */
  public boolean mayBlock(String token) {
    Map<String, Object> header = header(token);
    return header != null && keys.mayFetch(header.get("kid") instanceof String kid ? kid : null);
  }

  public Result verify(String token) {
    Map<String, Object> header = header(token);
    if (header == null) {
      return problem("malformed token: not a signed JWT");
    }
    if (!(header.get("alg") instanceof String alg) || !ALGORITHMS.contains(alg)) {
      return problem("token signature algorithm not accepted (accepted: " + String.join(", ", ALGORITHMS) + ")");
    }
    JwtClaims claims;
    try {
      claims = consumer.processToClaims(token);
    } catch (InvalidJwtException e) {
      return problem(reason(e));
    }
    Object name = claims.getClaimValue(settings.principalClaim());
    if (!(name instanceof String n) || n.isBlank()) {
      return problem("token has no '" + settings.principalClaim() + "' claim");
    }
    return new Result(new Principal(printable(n), role(claims.getClaimValue(settings.roleClaim())), SCHEME), null);
  }

  /** What a token must carry for a role, for refusals: {@code 'alignstream:write' ... in claim 'scope'}. */
  public String grants() {
    return "'" + settings.writeValue() + "' (write) or '" + settings.readValue() + "' (read) in claim '"
        + settings.roleClaim() + "'";
  }

  /** The value a token needs in its role claim for {@code role}. */
  public String valueFor(Role role) {
    return role == Role.WRITE ? settings.writeValue() : settings.readValue();
  }

  /** Names and settings, never a key. */
  public String describe() {
    return "JWT bearer tokens from issuer " + settings.issuer() + " for audience " + settings.audience()
        + ", keys from " + keys.describe() + ", roles " + grants() + ", clock skew "
        + settings.clockSkew().toSeconds() + " s";
  }

  private Role role(Object claim) {
    List<String> values;
    if (claim instanceof String s) {
      values = List.of(s.trim().split("\\s+"));
    } else if (claim instanceof List<?> list) {
      values = list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    } else {
      values = List.of();
    }
    return values.contains(settings.writeValue()) ? Role.WRITE
        : values.contains(settings.readValue()) ? Role.READ : Role.NONE;
  }

  private String reason(InvalidJwtException e) {
    if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
      return "token expired";
    }
    if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
      return "token not yet valid (nbf)";
    }
    if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
      return "token has no expiry (exp)";
    }
    if (e.hasErrorCode(ErrorCodes.ISSUER_MISSING) || e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
      return "token issuer is not " + settings.issuer();
    }
    if (e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING) || e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
      return "token audience does not include " + settings.audience();
    }
    if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
      return "token has no subject (sub)";
    }
    if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
      return "token signature does not verify";
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof UnresolvableKeyException) {
        return "token not verifiable: " + t.getMessage();
      }
    }
    if (e.hasErrorCode(ErrorCodes.JSON_INVALID) || e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
      return "malformed token claims";
    }
    return "invalid token";
  }

  private static Map<String, Object> header(String token) {
    if (!isJwt(token)) {
      return null;
    }
    try {
      String json = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
          StandardCharsets.UTF_8);
      return JsonUtil.parseJson(json);
    } catch (IllegalArgumentException | JoseException | ClassCastException e) {
      return null;
    }
  }

  /** Claim values reach 403 details and debug logs: no control characters, bounded length. */
  private static String printable(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) + "…" : clean;
  }

  private static Result problem(String problem) {
    return new Result(null, problem);
  }
}
