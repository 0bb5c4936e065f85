package io.alignstream.infra.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The registry's JSON mapper and the response shapes shared by several routes. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A body that is already JSON text (a raw schema) and goes out unchanged. */
  record Raw(String json) {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code {"subject","version","id","schema"}}, Confluent's shape for a subject version. */
  static ObjectNode version(SchemaVersion version) {
    return object().put("subject", version.subject()).put("version", version.version())
        .put("id", version.id()).put("schema", version.schema());
  }

  static ObjectNode error(RegistryError error) {
    return object().put("error_code", error.errorCode()).put("message", error.getMessage());
  }
}
