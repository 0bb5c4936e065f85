package io.alignstream.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One HTTP request as the routes see it: method, decoded path segments, query and body. */
final class RegistryRequest {
  /** Far above any real schema; bounds what one request can make the server hold. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private static final Set<String> JSON_MEDIA_TYPES = Set.of(
      "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
      "application/json", "application/octet-stream");

  private final String method;
  private final List<String> segments;
  private final Map<String, String> query;
  private final String contentType;
  private final byte[] body;

  RegistryRequest(String method, List<String> segments, Map<String, String> query,
      String contentType, byte[] body) {
    this.method = method;
    this.segments = List.copyOf(segments);
    this.query = Map.copyOf(query);
    this.contentType = contentType;
    this.body = body.clone();
  }

  static RegistryRequest from(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw RegistryError.schemaTooLarge(MAX_BODY_BYTES);
    }
    return new RegistryRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        segments(exchange.getRequestURI().getRawPath()),
        query(exchange.getRequestURI().getRawQuery()),
        exchange.getRequestHeaders().getFirst("Content-Type"), body);
  }

  String method() {
    return method;
  }

  List<String> segments() {
    return segments;
  }

  /** True when the query parameter is {@code true} (case-insensitive), as Confluent reads flags. */
  boolean flag(String name) {
    return Boolean.parseBoolean(query.get(name));
  }

  /**
   * The body as a JSON object.
   *
   * @throws RegistryError 415 for a media type Confluent would not accept, 422 for a body that is
   *     not a JSON object
   */
  JsonNode jsonBody() {
    if (contentType != null) {
      String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!JSON_MEDIA_TYPES.contains(mediaType)) {
        throw RegistryError.unsupportedMediaType();
      }
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw RegistryError.unprocessable("Unrecognized request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw RegistryError.unprocessable("Unreadable request body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw RegistryError.unprocessable("The request body must be a JSON object");
    }
    return node;
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        // A '+' in a path is a plus sign, not a space: only percent-escapes are decoded.
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (!pair.isEmpty()) {
        String[] parts = pair.split("=", 2);
        query.putIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }
}
