package io.alignstream.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** One-shot, bounded health checks of the stack's parts: never hangs longer than its timeout. */
public final class HealthProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TLS_HANDSHAKE = Duration.ofSeconds(7);
  private final Duration timeout;
  private final HttpClient http;

  public HealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Health of one part: status UP or DOWN and a detail line. */
  public record Health(String name, boolean up, String detail) {}

  public Health broker(String bootstrapServers) {
    return broker(KafkaClientProperties.plaintext(bootstrapServers));
  }

  /**
   * The broker as this client (bootstrap servers and security) sees it. A secure broker gets
   * {@link #TLS_HANDSHAKE} more: a fresh JVM's first TLS handshake and SCRAM exchange take seconds.
   */
  public Health broker(KafkaClientProperties kafka) {
    String bootstrapServers = kafka.bootstrapServers();
    Duration timeout = kafka.secure() ? this.timeout.plus(TLS_HANDSHAKE) : this.timeout;
    Map<String, Object> config = kafka.config(Map.of(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
    try (Admin admin = Admin.create(config)) {
      int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
      return new Health("kafka", nodes > 0, bootstrapServers + " (" + nodes + (nodes == 1 ? " broker)" : " brokers)"));
    } catch (Exception e) {
      return new Health("kafka", false, bootstrapServers + ": " + rootMessage(e));
    }
  }

  public Health registry(String url) {
    try {
      new RegistryClient(new RegistrySettings(URI.create(url), timeout, timeout, 1, Duration.ZERO)).ping();
      return new Health("registry", true, url);
    } catch (RuntimeException e) {
      return new Health("registry", false, url + ": " + rootMessage(e));
    }
  }

  /** A Quarkus service: UP when {@code /q/health/ready} answers 200 with status UP. */
  public Health service(String name, String baseUrl) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
          .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      boolean up = response.statusCode() == 200 && "UP".equals(body.path("status").asText());
      StringBuilder detail = new StringBuilder(baseUrl);
      if (!up) {
        body.path("checks").forEach(c -> {
          if (!"UP".equals(c.path("status").asText())) {
            detail.append("; ").append(c.path("name").asText()).append(" ").append(c.path("status").asText());
          }
        });
      }
      return new Health(name, up, detail.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(name, false, baseUrl + ": interrupted");
    } catch (Exception e) {
      return new Health(name, false, baseUrl + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
