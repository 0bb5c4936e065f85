package io.alignstream.analyzer.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.schemas.security.SecretHashes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard, REST API, SSE stream and WebSocket with a login configured ({@link Login}): HTTP Basic
 * against PBKDF2 hashes, health and metrics open, and still read-only.
 */
@QuarkusTest
@TestProfile(AnalyzerAccessTest.Login.class)
@QuarkusTestResource(AlignStreamTestResource.class)
class AnalyzerAccessTest {
  static final String PASSWORD = "dashboard-pw-6e0b1c93";

  /** One read-only user; the hash's iteration count is low so tests stay fast. */
  public static class Login implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("alignstream.http.auth.users",
          "viewer:read:" + SecretHashes.pbkdf2(PASSWORD.toCharArray(), 2000));
    }
  }

  @TestHTTPResource("/api/stream")
  URI stream;

  @TestHTTPResource("/api/ws")
  URI socket;

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRequireLoginForDashboardWhenConfigured() {
    given().when().get("/").then().statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"alignstream-analyzer\", charset=\"UTF-8\"");
    given().header("Authorization", basic("viewer", PASSWORD)).when().get("/")
        .then().statusCode(200).body(containsString("<html"));
    given().header("Authorization", basic("viewer", "wrong")).when().get("/").then().statusCode(401);
    given().header("Authorization", basic("nobody", PASSWORD)).when().get("/").then().statusCode(401);
  }

  @Test
  void shouldRequireLoginForRestApi() {
    given().when().get("/api/groups").then().statusCode(401).body("error", equalTo("unauthorized"));
    given().header("Authorization", basic("viewer", PASSWORD)).when().get("/api/groups").then().statusCode(200);
    given().header("Authorization", basic("viewer", PASSWORD)).when().get("/api/health-summary").then().statusCode(200);
  }

  @Test
  void shouldStillRejectPostOnAnalyzerApiWithALogin() {
    given().header("Authorization", basic("viewer", PASSWORD)).contentType("application/json").body("{}")
        .when().post("/api/results").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
  }

  @Test
  void shouldKeepHealthAndMetricsOpen() {
    given().when().get("/q/health/live").then().statusCode(200);
    given().when().get("/q/metrics").then().statusCode(200);
  }

  @Test
  void shouldRequireLoginForServerSentEvents() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> refused = client.send(HttpRequest.newBuilder(stream).timeout(Duration.ofSeconds(30))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);

    HttpResponse<Stream<String>> allowed = client.sendAsync(HttpRequest.newBuilder(stream)
            .header("Accept", "text/event-stream").header("Authorization", basic("viewer", PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
    try {
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.headers().firstValue("content-type")).hasValueSatisfying(t ->
          assertThat(t).startsWith("text/event-stream"));
    } finally {
      allowed.body().close();
    }
  }

  @Test
  void shouldRequireLoginForWebSocket() throws Exception {
    URI ws = URI.create(socket.toString().replaceFirst("^http", "ws"));
    HttpClient client = HttpClient.newHttpClient();

    assertThatThrownBy(() -> client.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {})
        .get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));

    CompletableFuture<String> hello = new CompletableFuture<>();
    WebSocket open = client.newWebSocketBuilder().header("Authorization", basic("viewer", PASSWORD))
        .buildAsync(ws, new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // The periodic health event may overtake the greeting: wait for the greeting itself.
            if (data.toString().contains("\"type\":\"hello\"")) {
              hello.complete(data.toString());
            }
            return WebSocket.Listener.super.onText(webSocket, data, last);
          }
        }).get(30, TimeUnit.SECONDS);
    try {
      assertThat(hello.get(30, TimeUnit.SECONDS)).contains("\"type\":\"hello\"");
    } finally {
      open.abort();
    }
  }
}
