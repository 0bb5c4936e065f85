package io.alignstream.schemas.security;

import static io.alignstream.schemas.security.TestTokens.AUDIENCE;
import static io.alignstream.schemas.security.TestTokens.ISSUER;
import static io.alignstream.schemas.security.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JwtVerifier} with keys from a JWKS URL or OIDC discovery, served on 127.0.0.1 by the JDK's HTTP server. */
class JwksUrlTest {
  private static final String RS256 = AlgorithmIdentifiers.RSA_USING_SHA256;
  private static final KeyPair FIRST = TestTokens.rsa();
  private static final KeyPair ROTATED = TestTokens.rsa();

  private HttpServer server;
  private ExecutorService executor;
  private final AtomicReference<String> jwks = new AtomicReference<>(TestTokens.jwks(List.of(FIRST), List.of("k1")));
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final AtomicInteger status = new AtomicInteger(200);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean stall;
  private final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/keys", exchange -> {
      jwksFetches.incrementAndGet();
      if (stall) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      send(exchange, status.get(), jwks.get());
    });
    server.createContext("/realms/as/.well-known/openid-configuration", exchange -> send(exchange, 200,
        "{\"issuer\":\"" + base() + "/realms/as\",\"jwks_uri\":\"" + base() + "/keys\"}"));
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private JwtVerifier verifier(String issuer, URI url, Duration fetchTimeout) {
    JwtVerifier.Settings d = JwtVerifier.Settings.of(issuer, AUDIENCE, null, url);
    return new JwtVerifier(new JwtVerifier.Settings(issuer, AUDIENCE, null, url, d.clockSkew(), d.principalClaim(),
        d.roleClaim(), d.writeValue(), d.readValue(), fetchTimeout, Duration.ofSeconds(30), Duration.ofHours(1)), nanos::get);
  }

  private JwtVerifier fromUrl() {
    return verifier(ISSUER, URI.create(base() + "/keys?realm=as"), Duration.ofSeconds(5));
  }

  @Test
  void shouldFetchKeysFromTheUrlOnFirstUseAndThenFromTheCache() {
    JwtVerifier v = fromUrl();
    String token = sign(FIRST, RS256, "k1", c -> {});

    assertThat(v.mayBlock(token)).isTrue();
    assertThat(v.verify(token).principal()).isEqualTo(new Principal("ci-bot", Role.WRITE, "jwt"));
    assertThat(v.verify(token).principal()).isNotNull();
    assertThat(v.mayBlock(token)).isFalse();
    assertThat(jwksFetches).hasValue(1);
    assertThat(v.describe()).contains("/keys").doesNotContain("realm=as");
  }

  @Test
  void shouldRefreshOnAnUnknownKidAtMostOncePerInterval() {
    JwtVerifier v = fromUrl();
    assertThat(v.verify(sign(FIRST, RS256, "k1", c -> {})).principal()).isNotNull();
    jwks.set(TestTokens.jwks(List.of(FIRST, ROTATED), List.of("k1", "k2")));
    String rotated = sign(ROTATED, RS256, "k2", c -> {});

    // Within the interval after the first fetch: the new key is not fetched yet, nor is any made-up one.
    assertThat(v.mayBlock(rotated)).isFalse();
    assertThat(v.verify(rotated).problem()).contains("no signing key of the issuer matches");
    for (int i = 0; i < 20; i++) {
      assertThat(v.verify(sign(ROTATED, RS256, "garbage-" + i, c -> {})).principal()).isNull();
    }
    assertThat(jwksFetches).hasValue(1);

    // After it: one fetch finds the rotated key; made-up key ids then wait for the next interval.
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThat(v.mayBlock(rotated)).isTrue();
    assertThat(v.verify(rotated).principal()).isNotNull();
    for (int i = 0; i < 20; i++) {
      assertThat(v.verify(sign(ROTATED, RS256, "garbage-" + i, c -> {})).principal()).isNull();
    }
    assertThat(jwksFetches).hasValue(2);
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    v.verify(sign(ROTATED, RS256, "garbage-again", c -> {}));
    assertThat(jwksFetches).hasValue(3);
  }

  @Test
  void shouldDiscoverTheKeysFromTheIssuer() {
    String issuer = base() + "/realms/as";
    JwtVerifier v = verifier(issuer, null, Duration.ofSeconds(5));

    JwtVerifier.Result result = v.verify(sign(FIRST, RS256, "k1", c -> c.setIssuer(issuer)));

    assertThat(result.principal()).isNotNull();
    assertThat(jwksFetches).hasValue(1);
    assertThat(v.describe()).contains("/keys (discovered)");
  }

  @Test
  void shouldKeepTheCachedKeysWhenTheIssuerFails() {
    JwtVerifier v = fromUrl();
    String token = sign(FIRST, RS256, "k1", c -> {});
    assertThat(v.verify(token).principal()).isNotNull();
    status.set(500);
    nanos.addAndGet(Duration.ofHours(2).toNanos());

    assertThat(v.verify(token).principal()).isNotNull();
    assertThat(jwksFetches).hasValue(2);
  }

  @Test
  void shouldGiveUpOnASlowIssuerWithinTheFetchTimeout() {
    stall = true;
    JwtVerifier v = verifier(ISSUER, URI.create(base() + "/keys"), Duration.ofMillis(300));

    // The server answers (with the right keys) only after 10 s or at the end of the test.
    JwtVerifier.Result result = v.verify(sign(FIRST, RS256, "k1", c -> {}));

    assertThat(result.problem()).isEqualTo("token not verifiable: the issuer's signing keys are unavailable now");
    assertThat(v.loadKeys()).isFalse();
  }
}
