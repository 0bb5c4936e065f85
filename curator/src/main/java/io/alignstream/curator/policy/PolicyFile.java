package io.alignstream.curator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.PolicySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policies as JSON (a file of an array, or one REST body):
 * {@code {"datasetId":"mt-top","task":"mt.en-fr","targetId":"mt.en-fr/default","method":"dsir",
 * "kind":"top-q","parameters":{"q":0.25},"sizeLimit":1000,"rules":{"dedup":"exact"}}}.
 * Parameter and rule values may be JSON strings, numbers or booleans.
 */
public final class PolicyFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyFile() {}

  public static List<CurationPolicy> read(Path file) throws IOException {
    JsonNode root = JSON.readTree(Files.readString(file));
    if (!root.isArray()) {
      throw new IOException(file + ": expected a JSON array of policies");
    }
    List<CurationPolicy> out = new ArrayList<>();
    for (JsonNode n : root) {
      out.add(fromJson(n));
    }
    return out;
  }

  public static CurationPolicy fromJson(String json) throws IOException {
    return fromJson(JSON.readTree(json));
  }

  static CurationPolicy fromJson(JsonNode n) throws IOException {
    if (!n.isObject() || !n.hasNonNull("datasetId") || !n.hasNonNull("kind")) {
      throw new IOException("a policy needs at least datasetId and kind: " + n);
    }
    return CurationPolicy.newBuilder()
        .setDatasetId(n.get("datasetId").asText())
        .setTask(n.path("task").asText(""))
        .setTargetId(n.hasNonNull("targetId") ? n.get("targetId").asText() : null)
        .setMethod(n.hasNonNull("method") ? n.get("method").asText() : null)
        .setPolicy(new PolicySpec(n.get("kind").asText(), strings(n.path("parameters"))))
        .setSizeLimit(n.hasNonNull("sizeLimit") ? n.get("sizeLimit").asLong() : null)
        .setRules(strings(n.path("rules")))
        .setUpdatedTime(Instant.now())
        .build();
  }

  private static Map<String, String> strings(JsonNode object) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (object.isMissingNode() || object.isNull()) {
      return out;
    }
    if (!object.isObject()) {
      throw new IOException("expected an object of name: value, got " + object);
    }
    var fields = object.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      out.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
    }
    return out;
  }
}
