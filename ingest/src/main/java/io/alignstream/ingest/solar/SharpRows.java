package io.alignstream.ingest.solar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link SharpRecord} from one row of named text values, the common ground of JSOC JSON,
 * JSOC CSV and SWAN-SF. Only an unreadable identity (T_REC, HARPNUM) rejects a row; an unreadable
 * keyword is a missing value, and an unreadable NOAA field means "no NOAA region".
 */
final class SharpRows {
  private SharpRows() {}

  /** @param fields values keyed by upper-case column name */
  static SharpRecord read(Map<String, String> fields) throws BadInputException {
    String tRec = fields.get("T_REC");
    if (isMissing(tRec)) {
      throw new BadInputException("T_REC is missing");
    }
    Instant time = SharpTime.parseTRec(tRec).orElseThrow(() -> new BadInputException(
        "T_REC " + Reasons.quote(tRec) + " is not a JSOC time (expected YYYY.MM.DD_HH:MM:SS_TAI or ISO-8601)"));
    if (!SharpTime.plausible(time)) {
      throw new BadInputException("T_REC " + Reasons.quote(tRec) + " is outside the years 1900-2199");
    }
    return read(fields, harpnum(fields.get("HARPNUM")), time);
  }

  /** A row whose identity comes from elsewhere (a SWAN-SF file name and its Timestamp column). */
  static SharpRecord read(Map<String, String> fields, int harpnum, Instant time) {
    Integer noaaAr = positiveOrNull(fields.get("NOAA_AR"));
    Integer noaaNum = nonNegativeOrNull(fields.get("NOAA_NUM"));
    return new SharpRecord(harpnum, time, noaaAr, noaaNum, noaaList(fields.get("NOAA_ARS")),
        SharpKeywords.fromFields(fields));
  }

  static int harpnum(String text) throws BadInputException {
    if (isMissing(text)) {
      throw new BadInputException("HARPNUM is missing");
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw new BadInputException("HARPNUM " + Reasons.quote(text) + " is not a positive integer");
  }

  /** JSOC's comma list of NOAA numbers; non-numbers and 0 (JSOC's "none") are left out. */
  static List<Integer> noaaList(String text) {
    List<Integer> numbers = new ArrayList<>();
    if (isMissing(text)) {
      return numbers;
    }
    for (String part : text.split(",")) {
      Integer number = positiveOrNull(part);
      if (number != null && !numbers.contains(number)) {
        numbers.add(number);
      }
    }
    return numbers;
  }

  static boolean isMissing(String text) {
    return text == null || text.isBlank() || text.strip().equalsIgnoreCase("MISSING")
        || text.strip().equalsIgnoreCase("NaN");
  }

  // SHARP writes NOAA_AR = 0 for a patch with no NOAA region.
  private static Integer positiveOrNull(String text) {
    Integer value = nonNegativeOrNull(text);
    return value == null || value == 0 ? null : value;
  }

  private static Integer nonNegativeOrNull(String text) {
    if (isMissing(text)) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.strip());
      return value >= 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
