package io.alignstream.ingest.solar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The 18 SHARP space-weather keywords of DESIGN §7, in their one canonical order: every feature
 * vector, matrix column and map built in this package follows {@link #NAMES}.
 */
public final class SharpKeywords {

  /** The keyword names, in feature order. */
  public static final List<String> NAMES = List.of(
      "USFLUX", "MEANGAM", "MEANGBT", "MEANGBZ", "MEANGBH", "MEANJZD", "TOTUSJZ", "MEANALP", "MEANJZH",
      "TOTUSJH", "ABSNJZH", "SAVNCPP", "MEANPOT", "TOTPOT", "MEANSHR", "SHRGT45", "R_VALUE", "AREA_ACR");

  // Double.parseDouble would also accept hex floats, "Infinity" and a trailing 'd'; none is a JSOC value.
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private SharpKeywords() {}

  /**
   * A keyword value as JSOC and SWAN-SF write it: {@code MISSING}, {@code NaN}, empty, null or
   * anything that is not a finite decimal number reads as {@code Double.NaN} (missing), never as an
   * error, because a missing keyword is normal for a HARP at the limb.
   */
  public static double parseNumber(String text) {
    if (text == null) {
      return Double.NaN;
    }
    String value = text.strip();
    if (value.isEmpty() || !DECIMAL.matcher(value).matches()) {
      return Double.NaN;
    }
    double parsed = Double.parseDouble(value);
    return Double.isFinite(parsed) ? parsed : Double.NaN;
  }

  /**
   * The keyword map in {@link #NAMES} order from fields keyed by upper-case name; a keyword the
   * source did not carry is {@code NaN}.
   */
  static Map<String, Double> fromFields(Map<String, String> fieldsUpperCase) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String name : NAMES) {
      values.put(name, parseNumber(fieldsUpperCase.get(name)));
    }
    return Collections.unmodifiableMap(values);
  }

  /** Normalizes a column name for lookup: JSOC is upper case, hand-made headers may not be. */
  static String key(String columnName) {
    return columnName == null ? "" : columnName.strip().toUpperCase(Locale.ROOT);
  }
}
