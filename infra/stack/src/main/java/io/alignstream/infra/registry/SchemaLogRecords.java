package io.alignstream.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The JSON of schema log records, compatible with Confluent's {@code _schemas} topic for the
 * record types this registry writes.
 *
 * <pre>
 * SCHEMA  key {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 *         value {"subject":"s","version":1,"id":7,"schema":"...","deleted":false} | null
 * CONFIG  key {"keytype":"CONFIG","subject":null|"s","magic":0}
 *         value {"compatibilityLevel":"FULL"} | null
 * </pre>
 *
 * Soft deletion rewrites the version's record with {@code deleted:true}, so compaction keeps the
 * fact; permanent deletion writes the tombstone. Other Confluent key types (NOOP, MODE, ...) are
 * skipped on replay.
 */
final class SchemaLogRecords {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SchemaLogRecords() {}

  /** A decoded record: what one log entry changes in the registry's state. */
  sealed interface Entry permits SchemaEntry, ConfigEntry {}

  /** A subject version; {@code value} null removes it for good. */
  record SchemaEntry(String subject, int version, SchemaVersion value) implements Entry {}

  /** A compatibility level, global when {@code subject} is null; {@code level} null clears it. */
  record ConfigEntry(String subject, CompatibilityLevel level) implements Entry {}

  static String key(Entry entry) {
    // Field order is fixed: compaction compares key bytes.
    ObjectNode key = MAPPER.createObjectNode();
    if (entry instanceof SchemaEntry schema) {
      key.put("keytype", "SCHEMA").put("subject", schema.subject())
          .put("version", schema.version()).put("magic", 1);
    } else if (entry instanceof ConfigEntry config) {
      key.put("keytype", "CONFIG").put("subject", config.subject()).put("magic", 0);
    }
    return key.toString();
  }

  static String value(Entry entry) {
    if (entry instanceof SchemaEntry schema && schema.value() != null) {
      SchemaVersion v = schema.value();
      return MAPPER.createObjectNode().put("subject", v.subject()).put("version", v.version())
          .put("id", v.id()).put("schema", v.schema()).put("deleted", v.deleted()).toString();
    }
    if (entry instanceof ConfigEntry config && config.level() != null) {
      return MAPPER.createObjectNode().put("compatibilityLevel", config.level().name()).toString();
    }
    return null;
  }

  /**
   * Decodes a record; empty for key types this registry does not use.
   *
   * @throws SchemaLogException for a record that is not valid JSON of a known type
   */
  static Optional<Entry> decode(String key, String value) {
    try {
      JsonNode k = MAPPER.readTree(key);
      String subject = k.path("subject").isTextual() ? k.get("subject").asText() : null;
      switch (k.path("keytype").asText()) {
        case "SCHEMA" -> {
          int version = required(k, "version").asInt();
          return Optional.of(new SchemaEntry(subject, version,
              value == null ? null : schemaVersion(MAPPER.readTree(value))));
        }
        case "CONFIG" -> {
          CompatibilityLevel level = value == null ? null : CompatibilityLevel.parse(
              required(MAPPER.readTree(value), "compatibilityLevel").asText());
          return Optional.of(new ConfigEntry(subject, level));
        }
        default -> {
          return Optional.empty();
        }
      }
    } catch (JsonProcessingException | IllegalArgumentException | RegistryError e) {
      throw new SchemaLogException("Unreadable schema log record " + key + " = " + value + ": "
          + e.getMessage(), e);
    }
  }

  private static SchemaVersion schemaVersion(JsonNode v) {
    return new SchemaVersion(required(v, "subject").asText(), required(v, "version").asInt(),
        required(v, "id").asInt(), required(v, "schema").asText(), v.path("deleted").asBoolean());
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return value;
  }
}
