package io.alignstream.infra.registry;

/**
 * One version of a subject: the id of its schema, the schema in canonical form (Avro's
 * {@code Schema.toString()}, whitespace- and attribute-order-insensitive, docs and defaults kept),
 * and whether the version is soft-deleted.
 */
record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

  SchemaVersion asDeleted() {
    return new SchemaVersion(subject, version, id, schema, true);
  }
}
