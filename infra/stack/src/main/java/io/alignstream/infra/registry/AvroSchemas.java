package io.alignstream.infra.registry;

import org.apache.avro.Schema;

/** Parsing of schema text sent by clients and of schemas already stored. */
final class AvroSchemas {
  private static final int MAX_ECHOED_CHARS = 200;

  private AvroSchemas() {}

  /**
   * Parses client text with a fresh parser, so named types from other requests never leak in.
   *
   * @throws RegistryError 422/42201 when the text is not a valid Avro schema
   */
  static Schema parse(String text) {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Avro reports bad schemas with several unchecked types (SchemaParseException,
      // AvroTypeException, even NullPointerException for some malformed JSON).
      throw RegistryError.invalidSchema("{schema=" + abbreviate(text) + "}, details: "
          + e.getMessage());
    }
  }

  /** The text stored, compared and returned for a schema: Confluent uses the same form. */
  static String canonical(Schema schema) {
    return schema.toString();
  }

  /** Parses a schema this registry already validated and stored. */
  static Schema parseStored(String canonical) {
    return new Schema.Parser().parse(canonical);
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "...";
  }
}
