package io.alignstream.schemas.registry;

import io.alignstream.schemas.security.BasicCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Confluent-compatible Schema Registry.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8081}
 * @param connectTimeout TCP connect timeout per attempt
 * @param requestTimeout whole-request timeout per attempt
 * @param maxAttempts attempts for calls that fail with I/O errors or 5xx (4xx answers are final)
 * @param initialBackoff wait before the second attempt; doubles each time
 * @param basicAuth sent as HTTP Basic with every call when not null (a registry whose writes need a
 *     login); {@link #toString()} never shows it
 */
public record RegistrySettings(
    URI url, Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
    BasicCredentials basicAuth) {

  /** Settings without credentials. */
  public RegistrySettings(URI url, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration initialBackoff) {
    this(url, connectTimeout, requestTimeout, maxAttempts, initialBackoff, null);
  }

  public RegistrySettings {
    Objects.requireNonNull(url, "url");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    String s = url.toString();
    if (s.endsWith("/")) {
      url = URI.create(s.substring(0, s.length() - 1));
    }
    if (url.getRawUserInfo() != null) {
      // Credentials in a URL end up in logs and error messages: they go in basicAuth instead.
      throw new IllegalArgumentException("Put registry credentials in the basic-auth setting, not in the URL");
    }
  }

  /**
   * The same settings sending HTTP Basic credentials, given as {@code user:password}; null or blank
   * means none.
   */
  public RegistrySettings withBasicAuth(String userInfo) {
    BasicCredentials credentials = userInfo == null || userInfo.isBlank() ? null : BasicCredentials.parse(userInfo);
    return new RegistrySettings(url, connectTimeout, requestTimeout, maxAttempts, initialBackoff, credentials);
  }

  @Override
  public String toString() {
    return "RegistrySettings[url=" + url + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
        + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", basicAuth="
        + (basicAuth == null ? "none" : "user " + basicAuth.user()) + "]";
  }

  /**
   * The environment variable command-line tools read the registry login from ({@code user:password});
   * Quarkus services read the same variable as {@code alignstream.registry.basic-auth}.
   */
  public static final String BASIC_AUTH_ENV = "ALIGNSTREAM_REGISTRY_BASIC_AUTH";

  /** {@link #of(String)} with the login from {@value #BASIC_AUTH_ENV} when it is set. */
  public static RegistrySettings ofEnvironment(String url) {
    return of(url).withBasicAuth(System.getenv(BASIC_AUTH_ENV));
  }

  /** Defaults fit a registry on the same host: 2 s connect, 5 s per request, 4 attempts from 100 ms. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(
        URI.create(url), Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMillis(100));
  }
}
