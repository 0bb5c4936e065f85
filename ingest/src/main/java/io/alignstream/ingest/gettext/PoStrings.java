package io.alignstream.ingest.gettext;

/**
 * The quoted strings of a .po line with their C escapes ({@code \n \t \r \a \b \f \v \" \\}, octal
 * {@code \ooo}, hex {@code \xhh}), the set GNU gettext's own lexer accepts; anything else is an error
 * rather than a guess. Works on the ISO-8859-1 view of the file, so an escape yields a byte, exactly as
 * in C, and the caller decodes bytes by the catalog charset afterwards.
 */
final class PoStrings {
  private PoStrings() {}

  /** Appends the concatenation of the adjacent quoted strings that make up the rest of the line. */
  static void parse(String line, int from, StringBuilder out) throws CatalogFormatException {
    int i = skipBlanks(line, from);
    if (i >= line.length()) {
      throw new CatalogFormatException("expected a quoted string");
    }
    while (i < line.length()) {
      if (line.charAt(i) != '"') {
        throw new CatalogFormatException("unexpected text '" + line.substring(i) + "' where a quoted string belongs");
      }
      i = skipBlanks(line, quoted(line, i + 1, out));
    }
  }

  private static int quoted(String s, int start, StringBuilder out) throws CatalogFormatException {
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c != '\\') {
        out.append(c);
      } else if (i < s.length()) {
        i = escape(s, i, out);
      }
    }
    throw new CatalogFormatException("unterminated string");
  }

  /** Reads the escape whose letter is at {@code i} and returns the index after it. */
  private static int escape(String s, int i, StringBuilder out) throws CatalogFormatException {
    char e = s.charAt(i++);
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case '"', '\\' -> out.append(e);
      case 'x' -> {
        int value = 0;
        int digits = 0;
        while (digits < 2 && i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
          value = value * 16 + Character.digit(s.charAt(i++), 16);
          digits++;
        }
        if (digits == 0) {
          throw new CatalogFormatException("bad escape '\\x' without hex digits");
        }
        out.append((char) value);
      }
      default -> {
        if (e < '0' || e > '7') {
          throw new CatalogFormatException("bad escape '\\" + e + "'");
        }
        int value = e - '0';
        for (int digits = 1; digits < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; digits++) {
          value = value * 8 + s.charAt(i++) - '0';
        }
        // As in C, an escape names one byte; \777 keeps its low eight bits.
        out.append((char) (value & 0xff));
      }
    }
    return i;
  }

  static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
  }
}
