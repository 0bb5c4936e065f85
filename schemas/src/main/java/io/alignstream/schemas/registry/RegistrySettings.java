package io.alignstream.schemas.registry;

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
 */
public record RegistrySettings(
    URI url, Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {

  public RegistrySettings {
    Objects.requireNonNull(url, "url");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    String s = url.toString();
    if (s.endsWith("/")) {
      url = URI.create(s.substring(0, s.length() - 1));
    }
  }

  /** Defaults fit a registry on the same host: 2 s connect, 5 s per request, 4 attempts from 100 ms. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(
        URI.create(url), Duration.ofSeconds(2), Duration.ofSeconds(5), 4, Duration.ofMillis(100));
  }
}
