package io.alignstream.infra.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks a candidate schema against earlier versions with Avro's own
 * {@link SchemaCompatibility}, reporting problems in the shape of Confluent's messages
 * ({@code {errorType:'...', description:'...', additionalInfo:'...'}}, then the old version, the
 * old schema and the level) so that tools that show them read as usual.
 */
final class AvroCompatibility {
  private AvroCompatibility() {}

  /**
   * Problems found, none when compatible. Stops at the first incompatible earlier version, as
   * Confluent does.
   *
   * @param previous live earlier versions, newest first; only the first is used unless the level
   *     is transitive
   */
  static List<String> check(Schema candidate, List<SchemaVersion> previous,
      CompatibilityLevel level) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<SchemaVersion> against = level.transitive() ? previous : previous.subList(0, 1);
    for (SchemaVersion old : against) {
      Schema oldSchema = AvroSchemas.parseStored(old.schema());
      List<String> problems = new ArrayList<>();
      // Confluent lists the forward problems (old reads new) before the backward ones.
      if (level.forward()) {
        problems.addAll(problems(oldSchema, candidate, "old", "new"));
      }
      if (level.backward()) {
        problems.addAll(problems(candidate, oldSchema, "new", "old"));
      }
      if (!problems.isEmpty()) {
        problems.add("{oldSchemaVersion: " + old.version() + "}");
        problems.add("{oldSchema: '" + old.schema() + "'}");
        problems.add("{validateFields: 'false', compatibility: '" + level + "'}");
        return problems;
      }
    }
    return List.of();
  }

  private static List<String> problems(Schema reader, Schema writer, String readerName,
      String writerName) {
    List<String> problems = new ArrayList<>();
    for (Incompatibility incompatibility : SchemaCompatibility
        .checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()) {
      problems.add("{errorType:'" + incompatibility.getType() + "', description:'"
          + describe(incompatibility, readerName, writerName) + "', additionalInfo:'"
          + incompatibility.getMessage() + "'}");
    }
    return problems;
  }

  private static String describe(Incompatibility incompatibility, String reader, String writer) {
    String path = incompatibility.getLocation();
    return switch (incompatibility.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + incompatibility.getMessage()
          + "' at path '" + path + "' in the " + reader + " schema has no default value and is"
          + " missing in the " + writer + " schema";
      case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
          + " schema does not match with the " + writer + " schema";
      case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
      case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the "
          + reader + " schema does not match with the " + writer + " schema";
      case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '"
          + incompatibility.getMessage() + "' at path '" + path + "' in the " + writer + " schema";
      case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union"
          + " field at path '" + path + "' in the " + writer + " schema";
      // A type added by a later Avro release still gets a readable message.
      default -> "The " + reader + " schema cannot read the " + writer + " schema at path '"
          + path + "'";
    };
  }
}
