package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import io.alignstream.ingest.sample.Parsed;

/** Formatting of rejection reasons, so every parser says what, which value and where alike. */
final class Reasons {
  private static final int MAX_VALUE_CHARS = 80;

  private Reasons() {}

  /** A bad item whose reason ends with the place, so a dead letter reads on its own. */
  static <T> Parsed<T> bad(String reason, String ref, String raw) {
    return Parsed.bad(reason + " (at " + ref + ")", ref, raw);
  }

  /** A text value quoted and shortened for a message. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) + "…" : value;
    return '"' + shown.replace("\n", "\\n").replace("\r", "\\r") + '"';
  }

  /** A JSON node as "its type and value", e.g. {@code number 5} or {@code string "abc"}. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "string " + quote(node.textValue());
    }
    if (node.isNumber()) {
      return "number " + node.asText();
    }
    if (node.isBoolean()) {
      return "boolean " + node.asText();
    }
    String kind = node.isArray() ? "array " : node.isObject() ? "object " : node.getNodeType() + " ";
    return kind + quote(node.toString());
  }
}
