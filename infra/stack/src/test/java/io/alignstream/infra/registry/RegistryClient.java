package io.alignstream.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** A thin HTTP client for driving the registry in tests, speaking Confluent's content type. */
final class RegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  RegistryClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A response: status, body text, body as JSON (null when not JSON) and content type. */
  record Reply(int status, String text, JsonNode json, String contentType) {
    int errorCode() {
      return json.path("error_code").asInt();
    }

    String message() {
      return json.path("message").asText();
    }
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply delete(String path) {
    return send(request(path).DELETE());
  }

  Reply post(String path, String body) {
    return send(request(path).header("Content-Type", CONTENT_TYPE)
        .POST(BodyPublishers.ofString(body)));
  }

  Reply post(String path, String body, String contentType) {
    return send(request(path).header("Content-Type", contentType)
        .POST(BodyPublishers.ofString(body)));
  }

  Reply put(String path, String body) {
    return send(request(path).header("Content-Type", CONTENT_TYPE)
        .PUT(BodyPublishers.ofString(body)));
  }

  Reply method(String method, String path) {
    return send(request(path).method(method, BodyPublishers.noBody()));
  }

  /** Registers {@code schema} under {@code subject}, expecting success; returns the id. */
  int register(String subject, String schema) {
    Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema));
    if (reply.status() != 200) {
      throw new AssertionError("Registering under " + subject + " failed: " + reply);
    }
    return reply.json().get("id").asInt();
  }

  Reply setLevel(String subject, String level) {
    return put(subject == null ? "/config" : "/config/" + subject,
        "{\"compatibility\":\"" + level + "\"}");
  }

  /** {@code {"schema": schema}} with the schema JSON-escaped, as clients send it. */
  static String schemaBody(String schema) {
    return MAPPER.createObjectNode().put("schema", schema).toString();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
  }

  private Reply send(HttpRequest.Builder builder) {
    try {
      var response = http.send(builder.build(), BodyHandlers.ofString());
      JsonNode json;
      try {
        json = MAPPER.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Reply(response.statusCode(), response.body(), json,
          response.headers().firstValue("Content-Type").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
