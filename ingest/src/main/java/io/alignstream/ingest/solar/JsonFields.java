package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Typed access to the fields of one JSON record, with the feeds' conventions for "no value".
 *
 * <p>Absent means: field missing, JSON {@code null}, a blank string, or {@code "Unk"} (SWPC writes
 * it while a flare is in progress). Numeric fields also accept numeric strings, since the value is
 * unambiguous either way; text and time fields reject numbers, since a number there means the feed
 * changed shape.
 */
final class JsonFields {
  private JsonFields() {}

  static boolean isAbsent(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return true;
    }
    return node.isTextual() && (node.textValue().isBlank() || node.textValue().strip().equalsIgnoreCase("Unk"));
  }

  static String optionalText(JsonNode row, String field) throws BadInputException {
    JsonNode node = row.get(field);
    if (isAbsent(node)) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrong(field, node, "a string");
    }
    String text = node.textValue();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // JSON "\ud800": Kafka's UTF-8 cannot hold it, Avro would store '?' instead of the feed's value.
        throw new BadInputException(field + ": has an unpaired surrogate at index " + i + ", not valid Unicode");
      }
    }
    return text.strip();
  }

  static String requiredText(JsonNode row, String field) throws BadInputException {
    String text = optionalText(row, field);
    if (text == null) {
      throw missing(field, row);
    }
    return text;
  }

  static Instant optionalTime(JsonNode row, String field) throws BadInputException {
    String text = optionalText(row, field);
    if (text == null) {
      return null;
    }
    Instant time = SharpTime.parseUtc(text)
        .orElseThrow(() -> new BadInputException(field + " " + Reasons.quote(text) + " is not an ISO-8601 time"));
    if (!SharpTime.plausible(time)) {
      throw outside(field, text);
    }
    return time;
  }

  private static BadInputException outside(String field, String text) {
    return new BadInputException(field + " " + Reasons.quote(text) + " is outside the years 1900-2199");
  }

  static Instant requiredTime(JsonNode row, String field) throws BadInputException {
    Instant time = optionalTime(row, field);
    if (time == null) {
      throw missing(field, row);
    }
    return time;
  }

  static LocalDate requiredDate(JsonNode row, String field) throws BadInputException {
    String text = requiredText(row, field);
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadInputException(field + " " + Reasons.quote(text) + " is not a date (expected YYYY-MM-DD)");
    }
    if (date.getYear() < 1900 || date.getYear() >= 2200) {
      throw outside(field, text);
    }
    return date;
  }

  static Integer optionalInt(JsonNode row, String field) throws BadInputException {
    JsonNode node = row.get(field);
    if (isAbsent(node)) {
      return null;
    }
    BigDecimal value = decimal(node);
    if (value == null) {
      throw wrong(field, node, "an integer");
    }
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      throw wrong(field, node, "an integer");
    }
  }

  static int requiredInt(JsonNode row, String field) throws BadInputException {
    Integer value = optionalInt(row, field);
    if (value == null) {
      throw missing(field, row);
    }
    return value;
  }

  /** A measurement: absent is {@code NaN} (no measurement), not an error. */
  static double optionalDouble(JsonNode row, String field) throws BadInputException {
    JsonNode node = row.get(field);
    if (isAbsent(node)) {
      return Double.NaN;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      double value = SharpKeywords.parseNumber(node.textValue());
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    throw wrong(field, node, "a number");
  }

  static boolean optionalBoolean(JsonNode row, String field, boolean ifAbsent) throws BadInputException {
    JsonNode node = row.get(field);
    if (isAbsent(node)) {
      return ifAbsent;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual() && (node.textValue().strip().equalsIgnoreCase("true")
        || node.textValue().strip().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(node.textValue().strip());
    }
    throw wrong(field, node, "a boolean");
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node.isIntegralNumber() || node.isFloatingPointNumber()) {
      return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) ? null : node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static BadInputException wrong(String field, JsonNode node, String expected) {
    return new BadInputException(field + ": expected " + expected + ", got " + Reasons.describe(node));
  }

  private static BadInputException missing(String field, JsonNode row) {
    JsonNode node = row.get(field);
    return new BadInputException(field + " is required but is " + (node == null ? "missing" : Reasons.describe(node)));
  }
}
