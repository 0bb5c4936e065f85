package io.alignstream.schemas.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.schemas.security.AccessPolicy;
import io.alignstream.schemas.security.CredentialStore;
import io.alignstream.schemas.security.JwtVerifier;
import io.alignstream.schemas.security.RateLimiter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP access control shared by the five services: one Vert.x route filter in front of every route
 * (REST, static files, SSE, WebSocket upgrades), deciding with {@link AccessPolicy} from
 * {@code alignstream.http.*} properties. Off unless configured: with no credentials, no rate limit and
 * not read-only, no filter is installed. Refusals answer {@code {"error","detail"}} as JSON with
 * {@code WWW-Authenticate}, {@code Allow} or {@code Retry-After}; the request never reaches the
 * resource, so nothing is stored or dead-lettered. A Basic password not yet verified is checked on a
 * worker thread (PBKDF2 is slow on purpose) for requests without a body (the browser's GETs); a write
 * with a body checks it inline once (successes are remembered); the same holds for a JWT whose issuer's
 * keys must be fetched (a URL's keys are fetched once at start-up, in the background). Logs names,
 * never secrets nor tokens.
 */
@ApplicationScoped
public class HttpAccessFilter {
  /** After CORS (300), like Quarkus's own authentication (200). */
  static final int PRIORITY = 200;
  private static final Logger LOG = LoggerFactory.getLogger(HttpAccessFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  // name:role:sha256:<hex> entries (hashes of API keys, never the keys).
  @ConfigProperty(name = "alignstream.http.auth.api-keys") Optional<List<String>> apiKeys;
  @ConfigProperty(name = "alignstream.http.auth.api-keys-file") Optional<String> apiKeysFile;
  // name:role:pbkdf2-sha256:<iterations>:<salt>:<hash> entries.
  @ConfigProperty(name = "alignstream.http.auth.users") Optional<List<String>> users;
  @ConfigProperty(name = "alignstream.http.auth.users-file") Optional<String> usersFile;
  @ConfigProperty(name = "alignstream.http.auth.open-reads", defaultValue = "false") boolean openReads;
  @ConfigProperty(name = "alignstream.http.auth.open-paths", defaultValue = "/q/health,/q/metrics") List<String> openPaths;
  // The realm in WWW-Authenticate; default: the application name.
  @ConfigProperty(name = "alignstream.http.auth.realm") Optional<String> realm;
  @ConfigProperty(name = "quarkus.application.name", defaultValue = "alignstream") String applicationName;
  // JWT bearer tokens: on when any jwt property is set; issuer and audience are then required.
  @ConfigProperty(name = "alignstream.http.auth.jwt.issuer") Optional<String> jwtIssuer;
  @ConfigProperty(name = "alignstream.http.auth.jwt.audience") Optional<String> jwtAudience;
  // Neither: OIDC discovery at <issuer>/.well-known/openid-configuration.
  @ConfigProperty(name = "alignstream.http.auth.jwt.jwks-file") Optional<String> jwksFile;
  @ConfigProperty(name = "alignstream.http.auth.jwt.jwks-url") Optional<String> jwksUrl;
  @ConfigProperty(name = "alignstream.http.auth.jwt.clock-skew", defaultValue = "PT30S") Duration clockSkew;
  @ConfigProperty(name = "alignstream.http.auth.jwt.principal-claim", defaultValue = "sub") String principalClaim;
  @ConfigProperty(name = "alignstream.http.auth.jwt.role-claim", defaultValue = "scope") String roleClaim;
  @ConfigProperty(name = "alignstream.http.auth.jwt.write-value", defaultValue = "alignstream:write") String writeValue;
  @ConfigProperty(name = "alignstream.http.auth.jwt.read-value", defaultValue = "alignstream:read") String readValue;
  @ConfigProperty(name = "alignstream.http.auth.jwt.fetch-timeout", defaultValue = "PT5S") Duration fetchTimeout;
  // Least time between two fetches of the key set (an unknown kid asks for one).
  @ConfigProperty(name = "alignstream.http.auth.jwt.jwks-min-refresh-interval", defaultValue = "PT30S") Duration minRefresh;
  @ConfigProperty(name = "alignstream.http.auth.jwt.jwks-max-age", defaultValue = "PT1H") Duration jwksMaxAge;
  @ConfigProperty(name = "alignstream.http.read-only", defaultValue = "false") boolean readOnly;
  // 0 = no rate limit.
  @ConfigProperty(name = "alignstream.http.rate-limit.requests-per-second", defaultValue = "0") double perSecond;
  @ConfigProperty(name = "alignstream.http.rate-limit.burst", defaultValue = "20") int burst;
  @ConfigProperty(name = "alignstream.http.rate-limit.max-clients", defaultValue = "10000") int maxClients;

  private volatile AccessPolicy policy = AccessPolicy.open();

  void install(@Observes Filters filters) {
    policy = new AccessPolicy(settings());
    if (!policy.active()) {
      LOG.debug("HTTP access control off for {}: no credentials, rate limit or read-only configured", applicationName);
      return;
    }
    filters.register(this::filter, PRIORITY);
    LOG.info("HTTP access control for {}: {}", applicationName, policy.describe());
    JwtVerifier jwt = policy.settings().jwt();
    if (jwt != null && jwt.settings().jwksFile() == null) {
      CompletableFuture.runAsync(jwt::loadKeys);
    }
  }

  /** The policy in force (open until the HTTP server starts). */
  public AccessPolicy policy() {
    return policy;
  }

  AccessPolicy.Settings settings() {
    List<String> keys = new ArrayList<>(apiKeys.orElse(List.of()));
    apiKeysFile.ifPresent(f -> keys.addAll(CredentialStore.readEntries(Path.of(f))));
    List<String> people = new ArrayList<>(users.orElse(List.of()));
    usersFile.ifPresent(f -> people.addAll(CredentialStore.readEntries(Path.of(f))));
    CredentialStore credentials = CredentialStore.of(keys, people, "alignstream.http.auth");
    RateLimiter limiter = perSecond > 0 ? new RateLimiter(perSecond, burst, maxClients) : null;
    return new AccessPolicy.Settings(realm.orElse(applicationName), credentials, openReads, openPaths, readOnly, limiter,
        jwt());
  }

  private JwtVerifier jwt() {
    if (jwtIssuer.isEmpty() && jwtAudience.isEmpty() && jwksFile.isEmpty() && jwksUrl.isEmpty()) {
      return null;
    }
    return new JwtVerifier(new JwtVerifier.Settings(jwtIssuer.orElse(null), jwtAudience.orElse(null),
        jwksFile.map(Path::of).orElse(null), jwksUrl.map(URI::create).orElse(null), clockSkew, principalClaim,
        roleClaim, writeValue, readValue, fetchTimeout, minRefresh, jwksMaxAge));
  }

  private void filter(RoutingContext rc) {
    AccessPolicy.Request request = new VertxRequest(rc);
    if (!policy.mayBeSlow(request) || mayHaveBody(rc)) {
      // A request body must meet the resource's reader on this event-loop turn (a paused body that
      // went through a worker hop arrived empty), so a write verifies a first-seen password inline.
      answer(rc, policy.decide(request));
      return;
    }
    rc.vertx().<AccessPolicy.Decision>executeBlocking(() -> policy.decide(request), false).onComplete(result -> {
      if (result.failed()) {
        rc.fail(result.cause());
      } else {
        answer(rc, result.result());
      }
    });
  }

  private static boolean mayHaveBody(RoutingContext rc) {
    String length = rc.request().getHeader("Content-Length");
    return rc.request().getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
  }

  private static void answer(RoutingContext rc, AccessPolicy.Decision decision) {
    if (decision.allowed()) {
      rc.next();
      return;
    }
    LOG.debug("Refused {} {} from {}: {} {}", rc.request().method(), rc.normalizedPath(),
        rc.request().remoteAddress(), decision.status(), decision.detail());
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", decision.error());
    body.put("detail", decision.detail());
    var response = rc.response().setStatusCode(decision.status()).putHeader("Content-Type", "application/json");
    decision.headers().forEach(response::putHeader);
    try {
      response.end(JSON.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      rc.fail(e);
    }
  }

  private record VertxRequest(RoutingContext rc) implements AccessPolicy.Request {
    @Override
    public String method() {
      return rc.request().method().name();
    }

    @Override
    public String path() {
      return rc.normalizedPath();
    }

    @Override
    public String header(String name) {
      return rc.request().getHeader(name);
    }

    @Override
    public String remoteAddress() {
      var address = rc.request().remoteAddress();
      return address == null ? "unknown" : address.hostAddress();
    }
  }
}
