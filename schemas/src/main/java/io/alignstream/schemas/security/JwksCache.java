package io.alignstream.schemas.security;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of a JWKS (a file, a URL, or the {@code jwks_uri} of an OIDC discovery document),
 * cached. The set is fetched again when a token names a key it lacks or when it is older than the
 * maximum age, but never sooner than the minimum interval after the last attempt, failed or not: tokens
 * with made-up key ids cannot make it hammer the identity provider. A failed fetch keeps the keys it had.
 * Thread-safe; fetches are serialized.
 */
final class JwksCache {
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
  private static final int MAX_DOCUMENT_BYTES = 1 << 20;

  /** Where the JWKS document comes from. */
  interface Source {
    String fetch() throws IOException;

    /** For logs: a file path or URL without query or user info. */
    String describe();
  }

  private final Source source;
  private final long minIntervalNanos;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private volatile List<JsonWebKey> keys = List.of();
  private volatile long fetchedAt;
  private long attemptedAt;
  private boolean attempted;

  JwksCache(Source source, Duration minInterval, Duration maxAge, LongSupplier nanoTime) {
    this.source = source;
    this.minIntervalNanos = minInterval.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  String describe() {
    return source.describe();
  }

  /** Fetches the keys now unless the minimum interval forbids it; false when none could be had. */
  boolean load() {
    return !refresh().isEmpty();
  }

  /** The key that verifies {@code jws} (by {@code kid}, else by key type), fetching once more if none does. */
  PublicJsonWebKey select(JsonWebSignature jws) throws UnresolvableKeyException {
    List<JsonWebKey> current = stale() ? refresh() : keys;
    JsonWebKey key = find(jws, current);
    if (key == null) {
      current = refresh();
      key = find(jws, current);
    }
    if (key instanceof PublicJsonWebKey publicKey) {
      return publicKey;
    }
    throw new UnresolvableKeyException(current.isEmpty() ? "the issuer's signing keys are unavailable now"
        : "no signing key of the issuer matches the token's key id and algorithm");
  }

  /** Whether resolving a token with this key id may fetch (blocking I/O). */
  boolean mayFetch(String kid) {
    List<JsonWebKey> current = keys;
    boolean known = kid != null && current.stream().anyMatch(k -> kid.equals(k.getKeyId()));
    return (!known || stale()) && mayAttempt();
  }

  private boolean stale() {
    return keys.isEmpty() || nanoTime.getAsLong() - fetchedAt > maxAgeNanos;
  }

  private synchronized boolean mayAttempt() {
    return !attempted || nanoTime.getAsLong() - attemptedAt >= minIntervalNanos;
  }

  private synchronized List<JsonWebKey> refresh() {
    if (!mayAttempt()) {
      return keys;
    }
    attempted = true;
    attemptedAt = nanoTime.getAsLong();
    try {
      List<JsonWebKey> fetched = new JsonWebKeySet(source.fetch()).getJsonWebKeys().stream()
          .filter(k -> k instanceof PublicJsonWebKey).toList();
      if (fetched.isEmpty()) {
        throw new IOException("no public keys in the set");
      }
      keys = fetched;
      fetchedAt = attemptedAt;
      LOG.info("Loaded {} JWT signing key(s) {} from {}", fetched.size(),
          fetched.stream().map(JsonWebKey::getKeyId).toList(), source.describe());
    } catch (IOException | JoseException e) {
      LOG.warn("Cannot load JWT signing keys from {} (keeping {} key(s), next try in at least {} s): {}",
          source.describe(), keys.size(), TimeUnit.NANOSECONDS.toSeconds(minIntervalNanos), e.toString());
    }
    return keys;
  }

  private static JsonWebKey find(JsonWebSignature jws, List<JsonWebKey> keys) {
    try {
      return keys.isEmpty() ? null : new VerificationJwkSelector().select(jws, keys);
    } catch (JoseException e) {
      return null;
    }
  }

  static Source file(Path file) {
    return new Source() {
      @Override
      public String fetch() throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
      }

      @Override
      public String describe() {
        return "file " + file;
      }
    };
  }

  static Source url(URI url, HttpClient http, Duration timeout) {
    return new Source() {
      @Override
      public String fetch() throws IOException {
        return get(http, url, timeout);
      }

      @Override
      public String describe() {
        return show(url);
      }
    };
  }

  /** The {@code jwks_uri} of {@code issuer}'s discovery document, looked up once it answers. */
  static Source discovery(String issuer, HttpClient http, Duration timeout) {
    URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    return new Source() {
      private volatile URI jwksUri;

      @Override
      public String fetch() throws IOException {
        if (jwksUri == null) {
          Map<String, Object> config;
          try {
            config = JsonUtil.parseJson(get(http, document, timeout));
          } catch (JoseException e) {
            throw new IOException("the discovery document " + show(document) + " is not JSON", e);
          }
          if (!issuer.equals(config.get("issuer"))) {
            throw new IOException("the discovery document " + show(document) + " names another issuer");
          }
          if (!(config.get("jwks_uri") instanceof String uri)) {
            throw new IOException("the discovery document " + show(document) + " has no jwks_uri");
          }
          jwksUri = URI.create(uri);
        }
        return get(http, jwksUri, timeout);
      }

      @Override
      public String describe() {
        return jwksUri == null ? "discovery " + show(document) : show(jwksUri) + " (discovered)";
      }
    };
  }

  /** The whole exchange, body included, within {@code timeout}. */
  private static String get(HttpClient http, URI uri, Duration timeout) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
    var pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + show(uri));
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new IOException("no answer from " + show(uri) + " within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new IOException("cannot fetch " + show(uri) + ": " + e.getCause(), e.getCause());
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + show(uri));
    }
    if (response.body().length > MAX_DOCUMENT_BYTES) {
      throw new IOException(show(uri) + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** A URL for logs: no user info, query or fragment. */
  static String show(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
