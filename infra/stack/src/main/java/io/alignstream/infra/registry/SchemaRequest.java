package io.alignstream.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * The body of register, lookup and compatibility requests:
 * {@code {"schema":"...","schemaType":"AVRO","references":[]}}. Other fields Confluent clients
 * may send (metadata, ruleSet, ...) are ignored.
 */
final class SchemaRequest {
  private SchemaRequest() {}

  /**
   * The parsed Avro schema of the request.
   *
   * @throws RegistryError 42201 for a missing or invalid schema, a type other than AVRO, or
   *     references (not supported here); 422 or 415 for an unreadable body
   */
  static Schema schema(RegistryRequest request) {
    JsonNode body = request.jsonBody();
    JsonNode type = body.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw RegistryError.invalidSchema("of type " + type.asText()
          + ": this registry supports AVRO only");
    }
    JsonNode references = body.get("references");
    if (references != null && !references.isNull() && !references.isEmpty()) {
      throw RegistryError.invalidSchema("with references: schema references are not supported"
          + " by this registry; inline the named types");
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
      throw RegistryError.invalidSchema("{schema=null}, details: the request has no schema");
    }
    return AvroSchemas.parse(schema.asText());
  }
}
