package io.alignstream.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** JSON over HTTP to the services, every call bounded in time. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  /** A status and its JSON body (a missing or non-JSON body is a text node). */
  record Answer(int status, JsonNode body, String retryAfter) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final Duration timeout;

  Http(Duration timeout) {
    this.timeout = timeout;
  }

  Answer get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Answer put(String url, Object body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  Answer post(String url, Object body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  /** GET that must succeed: a non-2xx answer is an error naming the URL and what the service said. */
  JsonNode getOk(String url) throws IOException, InterruptedException {
    Answer a = get(url);
    if (!a.ok()) {
      throw new IOException("GET " + url + " answered " + a.status() + ": " + a.body());
    }
    return a.body();
  }

  static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(request.timeout(timeout).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body;
    try {
      body = r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = JSON.getNodeFactory().textNode(new String(r.body(), StandardCharsets.UTF_8));
    }
    return new Answer(r.statusCode(), body, r.headers().firstValue("Retry-After").orElse(null));
  }
}
