package io.alignstream.trainer.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The few Python string and number behaviours sacreBLEU's results depend on, reproduced so scores and
 * their printed form match it exactly: {@code str.split()} / {@code str.rstrip()} whitespace (wider
 * than Java's: it includes U+00A0, U+2007, U+202F…), and {@code '{:.Nf}'} formatting (correctly
 * rounded, half-even on the exact binary value, where {@code String.format} rounds half-up).
 */
public final class PyText {
  private PyText() {}

  /** Whether Python's {@code str.isspace()} holds for this code point (Unicode 13+ table). */
  public static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
        || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
        || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  /** Python's {@code s.split()}: runs of whitespace separate, no empty tokens. */
  public static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isSpace(cp)) {
        if (start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  /** Python's {@code ' '.join(s.split())}. */
  public static String normalizeSpaces(String s) {
    return String.join(" ", split(s));
  }

  /** Python's {@code ''.join(s.split())}: every whitespace character removed. */
  public static String removeSpaces(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(cp -> !isSpace(cp)).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** Python's {@code s.rstrip()}. */
  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** Python's {@code f'{x:.{digits}f}'} for finite x. */
  public static String fixed(double x, int digits) {
    if (!Double.isFinite(x)) {
      return Double.isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
    }
    String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    // Python keeps the sign of a negative value that rounds to zero ("-0.0").
    return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
  }

  /**
   * What Python prints for {@code float(f'{x:.{digits}f}')} (sacreBLEU's JSON "score"): the rounded
   * value in its shortest form, always with a fractional part ({@code 48.5}, {@code 100.0}).
   */
  public static String roundedRepr(double x, int digits) {
    BigDecimal d = new BigDecimal(fixed(x, digits)).stripTrailingZeros();
    String s = d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
    return s;
  }
}
