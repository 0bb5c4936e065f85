package io.alignstream.trainer.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * sacreBLEU's BLEU tokenizers that need no external model: {@code 13a} (the default, the rules of
 * Moses' mteval-v13a.pl that WMT uses), {@code intl} (mteval-v14 "international": Unicode
 * punctuation and symbol classes) and {@code none}. Output is the tokens joined by single spaces.
 */
public enum BleuTokenizer {
  /** mteval-v13a: unescape a few entities, split ASCII punctuation, period/comma unless by a digit. */
  THIRTEEN_A("13a") {
    @Override
    public String tokenize(String line) {
      String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
      if (s.indexOf('&') >= 0) {
        s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
      }
      // Padding with spaces, as mteval-v13a does, lets a final period split off after a digit too.
      s = " " + s + " ";
      s = ASCII_PUNCT.matcher(s).replaceAll(" $1 ");
      s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
      s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
      s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
      return PyText.normalizeSpaces(s);
    }
  },
  /** mteval-v14 international: punctuation not between digits, and every symbol, become tokens. */
  INTL("intl") {
    @Override
    public String tokenize(String line) {
      String s = PUNCT_AFTER_NON_NUMBER.matcher(line).replaceAll("$1 $2 ");
      s = PUNCT_BEFORE_NON_NUMBER.matcher(s).replaceAll(" $1 $2");
      s = SYMBOL.matcher(s).replaceAll(" $1 ");
      return PyText.normalizeSpaces(s);
    }
  },
  /** No tokenization: the line is split on whitespace as it is. */
  NONE("none") {
    @Override
    public String tokenize(String line) {
      return line;
    }
  };

  // 13a: the ASCII ranges {-~ [-` space-& (-+ :-@ and / (not the apostrophe, not . , -).
  private static final Pattern ASCII_PUNCT = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");
  // intl: general categories, as Python's `regex` module reads \p{N}, \p{P}, \p{S}.
  private static final Pattern PUNCT_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
  private static final Pattern PUNCT_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
  private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

  private final String signature;

  BleuTokenizer(String signature) {
    this.signature = signature;
  }

  /** Tokenizes one segment; the result's tokens are separated by single spaces. */
  public abstract String tokenize(String line);

  /** The name sacreBLEU uses on its command line and in the signature ({@code tok:13a}). */
  public String signature() {
    return signature;
  }

  /** The tokenizer named as on sacreBLEU's command line: {@code 13a}, {@code intl} or {@code none}. */
  public static BleuTokenizer fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(t -> t.signature.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown tokenizer '" + name + "' (expected one of 13a, intl, none)"));
  }
}
