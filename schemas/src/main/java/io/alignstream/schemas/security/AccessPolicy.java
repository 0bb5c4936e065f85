package io.alignstream.schemas.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may make an HTTP request, decided the same way by every AlignStream server (the Quarkus
 * services through {@code schemas.service.HttpAccessFilter}, the schema registry directly). In order:
 * <ol>
 *   <li>an open path ({@code /q/health}, {@code /q/metrics}) passes untouched;</li>
 *   <li>a read-only server answers anything but GET, HEAD and OPTIONS with 405;</li>
 *   <li>a credential, when one is sent: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}
 *       for API keys, {@code Authorization: Basic} for users, {@code Authorization: Bearer <JWT>} for
 *       access tokens when a {@link JwtVerifier} is configured (a bearer value matching no key and
 *       shaped as a JWT is verified as one); a wrong one is 401 even where none is needed, an invalid
 *       token with {@code error="invalid_token"} in its challenge (RFC 6750);</li>
 *   <li>when credentials are configured, a request without one is 401 unless it is a read and reads
 *       are open; a {@link Role#READ} credential making a write is 403, and so is a token granting no
 *       role on any request that needs a credential;</li>
 *   <li>the rate limit, per principal or else per remote address: 429 with Retry-After. A failed
 *       credential costs the address a token too, so guessing is rate limited.</li>
 * </ol>
 * Nothing secret enters a decision's text: it names the problem, never the header's value.
 */
public final class AccessPolicy {
  public static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  public static final String API_KEY_HEADER = "X-API-Key";

  /**
   * @param realm names the server in {@code WWW-Authenticate}
   * @param credentials accepted keys and users; empty = no credential needed
   * @param openReads whether GET/HEAD/OPTIONS pass without a credential when credentials are configured
   * @param openPaths path prefixes that are never checked nor limited
   * @param readOnly whether anything but GET/HEAD/OPTIONS is refused with 405
   * @param limiter the per-client rate limit, or null for none
   * @param jwt verifies JWT bearer tokens, or null for none; when set, a credential is needed as with keys
   */
  public record Settings(String realm, CredentialStore credentials, boolean openReads, List<String> openPaths,
      boolean readOnly, RateLimiter limiter, JwtVerifier jwt) {
    public Settings {
      openPaths = List.copyOf(openPaths);
    }

    /** Without JWT bearer tokens. */
    public Settings(String realm, CredentialStore credentials, boolean openReads, List<String> openPaths,
        boolean readOnly, RateLimiter limiter) {
      this(realm, credentials, openReads, openPaths, readOnly, limiter, null);
    }

    /** Whether any credential is accepted, so requests that are not open need one. */
    public boolean credentialsConfigured() {
      return !credentials.isEmpty() || jwt != null;
    }
  }

  /** What the policy needs to know of a request. */
  public interface Request {
    String method();

    /** The normalized path, e.g. {@code /api/results}. */
    String path();

    /** The first value of a header, or null. */
    String header(String name);

    String remoteAddress();
  }

  /**
   * Allowed (status 0, with the principal when a credential was checked) or an answer to send: status,
   * a short error, a detail for people, and headers such as {@code WWW-Authenticate} or {@code Retry-After}.
   */
  public record Decision(int status, String error, String detail, Principal principal, Map<String, List<String>> headers) {
    public boolean allowed() {
      return status == 0;
    }

    static Decision allow(Principal principal) {
      return new Decision(0, null, null, principal, Map.of());
    }
  }

  private final Settings settings;

  public AccessPolicy(Settings settings) {
    this.settings = settings;
  }

  /** A policy that allows everything (nothing configured). */
  public static AccessPolicy open() {
    return new AccessPolicy(new Settings("alignstream", CredentialStore.empty(), true, List.of(), false, null));
  }

  public Settings settings() {
    return settings;
  }

  /** Whether the policy can refuse anything at all; when not, servers skip it. */
  public boolean active() {
    return settings.readOnly() || settings.limiter() != null || settings.credentialsConfigured();
  }

  /**
   * Whether {@link #decide} may run a slow password hash or fetch a JWT issuer's keys for this request
   * (run it off event loops).
   */
  public boolean mayBeSlow(Request request) {
    String authorization = request.header("Authorization");
    JwtVerifier jwt = settings.jwt();
    String token = bearer(authorization);
    if (jwt != null && token != null && JwtVerifier.isJwt(token) && jwt.mayBlock(token)) {
      return true;
    }
    if (!settings.credentials().hasUsers()) {
      return false;
    }
    Optional<String[]> basic = basic(authorization);
    return basic.isPresent() && !settings.credentials().isVerified(basic.get()[0], basic.get()[1]);
  }

  public Decision decide(Request request) {
    String method = request.method().toUpperCase(Locale.ROOT);
    if (isOpenPath(request.path())) {
      return Decision.allow(null);
    }
    boolean read = READ_METHODS.contains(method);
    if (settings.readOnly() && !read) {
      return refuse(405, "method not allowed", "this API is read-only: GET, HEAD and OPTIONS only",
          Map.of("Allow", List.of("GET, HEAD, OPTIONS")));
    }
    Principal principal = null;
    if (settings.credentialsConfigured()) {
      Presented presented = presented(request);
      if (presented.problem() != null) {
        return failedCredential(request, presented.problem(), presented.invalidToken());
      }
      principal = presented.principal();
      boolean needed = !(read && (settings.openReads() || method.equals("OPTIONS")));
      if (principal == null && needed) {
        return failedCredential(request, "a credential is required: " + accepted(), false);
      }
      Role neededRole = read ? Role.READ : Role.WRITE;
      if (principal != null && needed && !principal.role().allows(neededRole)) {
        return limited(request, principal).orElse(forbidden(principal, method, neededRole));
      }
    }
    return limited(request, principal).orElse(Decision.allow(principal));
  }

  /** Names and settings for a start-up log line; never a secret or a hash. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    CredentialStore c = settings.credentials();
    if (!c.isEmpty()) {
      parts.add(c.apiKeyNames().size() + " API key(s) " + c.apiKeyNames() + ", " + c.userNames().size()
          + " user(s) " + c.userNames());
    }
    if (settings.jwt() != null) {
      parts.add(settings.jwt().describe());
    }
    if (settings.credentialsConfigured()) {
      parts.add("reads " + (settings.openReads() ? "open" : "need a credential"));
    }
    if (settings.readOnly()) {
      parts.add("read-only (GET, HEAD, OPTIONS)");
    }
    if (settings.limiter() != null) {
      parts.add("rate limit " + settings.limiter().perSecond() + " requests/s, burst " + settings.limiter().burst()
          + ", per client");
    }
    if (!settings.openPaths().isEmpty()) {
      parts.add("open paths " + settings.openPaths());
    }
    return String.join("; ", parts);
  }

  /** A checked credential, or a problem; {@code invalidToken} when a bearer token was refused as a JWT. */
  private record Presented(Principal principal, String problem, boolean invalidToken) {
    Presented(Principal principal, String problem) {
      this(principal, problem, false);
    }
  }

  private Presented presented(Request request) {
    CredentialStore credentials = settings.credentials();
    String authorization = request.header("Authorization");
    String apiKey = request.header(API_KEY_HEADER);
    if (authorization != null && !authorization.isBlank()) {
      String scheme = authorization.trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (scheme.equals("bearer")) {
        String token = bearer(authorization);
        if (token.isEmpty()) {
          return new Presented(null, "empty bearer token");
        }
        Optional<Principal> key = credentials.apiKey(token);
        if (key.isPresent()) {
          return new Presented(key.get(), null);
        }
        JwtVerifier jwt = settings.jwt();
        if (jwt == null) {
          return new Presented(null, "unknown API key");
        }
        if (JwtVerifier.isJwt(token)) {
          JwtVerifier.Result result = jwt.verify(token);
          return new Presented(result.principal(), result.problem(), result.problem() != null);
        }
        return credentials.hasApiKeys() ? new Presented(null, "unknown API key")
            : new Presented(null, "malformed token: not a signed JWT", true);
      }
      if (scheme.equals("basic")) {
        Optional<String[]> basic = basic(authorization);
        if (basic.isEmpty()) {
          return new Presented(null, "malformed Basic credential (expected base64 of user:password)");
        }
        return credentials.user(basic.get()[0], basic.get()[1]).map(p -> new Presented(p, null))
            .orElse(new Presented(null, "unknown user or wrong password"));
      }
      return new Presented(null, "unsupported Authorization scheme; " + accepted());
    }
    if (apiKey != null) {
      if (apiKey.isBlank()) {
        return new Presented(null, "empty " + API_KEY_HEADER);
      }
      return credentials.apiKey(apiKey.trim()).map(p -> new Presented(p, null))
          .orElse(new Presented(null, "unknown API key"));
    }
    return new Presented(null, null);
  }

  /** The value of a {@code Bearer} Authorization header (possibly empty), or null for another scheme. */
  private static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String trimmed = authorization.trim();
    return trimmed.regionMatches(true, 0, "bearer", 0, 6) && (trimmed.length() == 6
        || Character.isWhitespace(trimmed.charAt(6))) ? trimmed.substring(6).trim() : null;
  }

  private static Optional<String[]> basic(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("basic")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }

  private Decision failedCredential(Request request, String problem, boolean invalidToken) {
    Optional<Decision> limited = limited(request, null);
    if (limited.isPresent()) {
      return limited.get();
    }
    List<String> challenges = new ArrayList<>();
    if (settings.credentials().hasUsers()) {
      challenges.add("Basic realm=\"" + settings.realm() + "\", charset=\"UTF-8\"");
    }
    if (settings.credentials().hasApiKeys() || settings.jwt() != null) {
      challenges.add("Bearer realm=\"" + settings.realm() + "\"" + (invalidToken ? ", error=\"invalid_token\"" : ""));
    }
    return refuse(401, "unauthorized", problem, Map.of("WWW-Authenticate", challenges));
  }

  private Decision forbidden(Principal principal, String method, Role needed) {
    JwtVerifier jwt = settings.jwt();
    if (jwt == null || !principal.scheme().equals(JwtVerifier.SCHEME)) {
      return refuse(403, "forbidden", "'" + principal.name() + "' may only read; " + method + " needs a write credential",
          Map.of());
    }
    String detail = principal.role() == Role.NONE
        ? "the token of '" + principal.name() + "' grants no role here; it needs " + jwt.grants()
        : "the token of '" + principal.name() + "' may only read; " + method + " needs '" + jwt.valueFor(needed)
            + "' in claim '" + jwt.settings().roleClaim() + "'";
    return refuse(403, "forbidden", detail, Map.of("WWW-Authenticate", List.of("Bearer realm=\"" + settings.realm()
        + "\", error=\"insufficient_scope\", scope=\"" + jwt.valueFor(needed) + "\"")));
  }

  private Optional<Decision> limited(Request request, Principal principal) {
    RateLimiter limiter = settings.limiter();
    if (limiter == null) {
      return Optional.empty();
    }
    String client = principal != null ? principal.scheme() + ":" + principal.name() : "address:" + request.remoteAddress();
    RateLimiter.Decision d = limiter.acquire(client);
    if (d.allowed()) {
      return Optional.empty();
    }
    return Optional.of(refuse(429, "too many requests", "over " + limiter.perSecond() + " requests/s (burst "
        + limiter.burst() + "); retry after " + d.retryAfterSeconds() + " s",
        Map.of("Retry-After", List.of(Long.toString(d.retryAfterSeconds())))));
  }

  private String accepted() {
    List<String> ways = new ArrayList<>();
    if (settings.credentials().hasApiKeys()) {
      ways.add("Authorization: Bearer <key> or " + API_KEY_HEADER + ": <key>");
    }
    if (settings.credentials().hasUsers()) {
      ways.add("Authorization: Basic (user and password)");
    }
    if (settings.jwt() != null) {
      ways.add("Authorization: Bearer <access token (JWT) from " + settings.jwt().settings().issuer() + ">");
    }
    return "send " + String.join(", or ", ways);
  }

  private boolean isOpenPath(String path) {
    for (String open : settings.openPaths()) {
      if (path.equals(open) || path.startsWith(open.endsWith("/") ? open : open + "/")) {
        return true;
      }
    }
    return false;
  }

  private static Decision refuse(int status, String error, String detail, Map<String, List<String>> headers) {
    return new Decision(status, error, detail, null, new LinkedHashMap<>(headers));
  }
}
