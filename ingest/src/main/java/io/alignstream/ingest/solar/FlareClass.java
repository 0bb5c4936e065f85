package io.alignstream.ingest.solar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GOES soft X-ray flare classes: the letter of the decade of peak 0.1–0.8 nm flux and a multiplier,
 * e.g. {@code M1.2} = 1.2×10⁻⁵ W m⁻². A &lt; 10⁻⁷ ≤ B &lt; 10⁻⁶ ≤ C &lt; 10⁻⁵ ≤ M &lt; 10⁻⁴ ≤ X.
 */
public final class FlareClass {
  private static final String LETTERS = "ABCMX";
  private static final Pattern CLASS = Pattern.compile("^([ABCMX])(\\d+(?:\\.\\d+)?)?$");

  private FlareClass() {}

  /**
   * The class of a flux, with the multiplier truncated (not rounded) to one decimal so the letter
   * always agrees with the thresholds: 9.96e-6 is {@code C9.9}, never {@code C10.0} or {@code M1.0}.
   * X has no upper bound ({@code X28.0}).
   *
   * @return the class, or null for a flux that is not a positive finite number
   */
  public static String of(double fluxWm2) {
    if (!(fluxWm2 > 0) || Double.isInfinite(fluxWm2)) {
      return null;
    }
    int decade = fluxWm2 < 1e-7 ? 0 : fluxWm2 < 1e-6 ? 1 : fluxWm2 < 1e-5 ? 2 : fluxWm2 < 1e-4 ? 3 : 4;
    // BigDecimal of the shortest decimal form avoids binary artefacts such as 1.2e-5/1e-5 = 1.1999….
    BigDecimal multiplier = BigDecimal.valueOf(fluxWm2).movePointRight(8 - decade).setScale(1, RoundingMode.DOWN);
    return LETTERS.charAt(decade) + multiplier.toPlainString();
  }

  /** The letter of a class string ({@code "M1.2"} → 'M', {@code "X"} → 'X'), or null if not a class. */
  public static Character magnitude(String classType) {
    Matcher m = match(classType);
    return m == null ? null : m.group(1).charAt(0);
  }

  /** The peak flux a class stands for ({@code "M1.2"} → 1.2e-5; a bare letter is ×1.0), or NaN. */
  public static double flux(String classType) {
    Matcher m = match(classType);
    if (m == null) {
      return Double.NaN;
    }
    double multiplier = m.group(2) == null ? 1.0 : Double.parseDouble(m.group(2));
    return multiplier * Math.pow(10, LETTERS.indexOf(m.group(1).charAt(0)) - 8);
  }

  /** Whether the text is a class string such as {@code C4.7}, {@code X10} or {@code M}. */
  public static boolean isValid(String classType) {
    return match(classType) != null;
  }

  /** M and X flares are the "major" ones the forecast targets. */
  public static boolean isMajor(char magnitude) {
    return magnitude == 'M' || magnitude == 'X';
  }

  static String normalize(String classType) {
    return classType == null ? null : classType.strip().toUpperCase(Locale.ROOT);
  }

  private static Matcher match(String classType) {
    if (classType == null) {
      return null;
    }
    Matcher m = CLASS.matcher(normalize(classType));
    return m.matches() ? m : null;
  }
}
