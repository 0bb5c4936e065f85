package io.alignstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Confluent Schema Registry REST API (v1). Ids are cached for the life of the client
 * (a registered id never changes), so the registry is only asked once per schema and subject.
 * Every call is bounded: connect and request timeouts per attempt, a fixed number of attempts with
 * exponential backoff for I/O errors and 5xx answers; 4xx answers fail at once with their error code.
 * Thread-safe.
 */
public final class RegistryClient {
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistrySettings settings;
  private final HttpClient http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  /** Cache key: Avro caches a schema's hash code, and equal instances compare by identity first. */
  private record SubjectSchema(String subject, Schema schema) {}

  public RegistryClient(RegistrySettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
  }

  public RegistrySettings settings() {
    return settings;
  }

  /** Registers (or finds) the schema under the subject and returns its global id. */
  public int register(String subject, Schema schema) {
    return idsBySubjectAndSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
      JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
      int id = answer.path("id").asInt(-1);
      schemasById.putIfAbsent(id, schema);
      return id;
    });
  }

  /** The id of a schema already registered under the subject (no registration). */
  public int lookupId(String subject, Schema schema) {
    return idsBySubjectAndSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
      JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
      int id = answer.path("id").asInt(-1);
      schemasById.putIfAbsent(id, schema);
      return id;
    });
  }

  /** The writer schema for an id found in a record. */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "/schemas/ids/" + id, null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  /** The latest version under a subject (not cached: it changes). */
  public RegisteredSchema latest(String subject) {
    JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    int id = answer.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
  }

  /** Whether the schema could be registered under the subject against the given version ("latest" or n). */
  public boolean isCompatible(String subject, Schema schema, String version) {
    JsonNode answer = call(
        "POST", "/compatibility/subjects/" + encode(subject) + "/versions/" + encode(version), schemaBody(schema));
    return answer.path("is_compatible").asBoolean(false);
  }

  /** All live subjects. */
  public List<String> subjects() {
    JsonNode answer = call("GET", "/subjects", null);
    List<String> out = new ArrayList<>();
    answer.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Sets the compatibility level of a subject (BACKWARD, FULL, NONE, ...). */
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    call("PUT", "/config/" + encode(subject), body.toString());
  }

  /** One cheap call that proves the registry answers; throws {@link RegistryException} otherwise. */
  public void ping() {
    call("GET", "/subjects", null);
  }

  private JsonNode call(String method, String path, String body) {
    URI uri = URI.create(settings.url() + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("Accept", CONTENT_TYPE);
    if (settings.basicAuth() != null) {
      request = request.header("Authorization", settings.basicAuth().header());
    }
    request = body == null
        ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", CONTENT_TYPE)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpRequest built = request.build();
    long backoff = settings.initialBackoff().toMillis();
    Exception last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      try {
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status < 300) {
          return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        }
        RegistryException error = errorOf(method, uri, status, response.body());
        if (status < 500) {
          throw error;
        }
        last = error;
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(method + " " + uri + " interrupted", e);
      }
      if (attempt < settings.maxAttempts()) {
        LOG.debug("Registry call {} {} failed (attempt {}), retrying in {} ms: {}", method, uri, attempt, backoff,
            last.toString());
        sleep(backoff);
        backoff *= 2;
      }
    }
    if (last instanceof RegistryException re) {
      throw re;
    }
    throw new RegistryException("Schema registry at " + settings.url() + " unreachable after "
        + settings.maxAttempts() + " attempts (" + method + " " + path + "): " + last, last);
  }

  private static RegistryException errorOf(String method, URI uri, int status, String body) {
    int code = status;
    String message = body;
    try {
      JsonNode node = JSON.readTree(body);
      code = node.path("error_code").asInt(status);
      message = node.path("message").asText(body);
    } catch (IOException ignored) {
      // Not JSON (a proxy page, say): keep the raw body as the message.
    }
    return new RegistryException(status, code,
        "Schema registry " + method + " " + uri + " answered " + status + " (error " + code + "): " + message);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while backing off", e);
    }
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO").toString();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
