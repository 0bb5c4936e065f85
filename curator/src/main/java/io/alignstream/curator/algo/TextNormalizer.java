package io.alignstream.curator.algo;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Canonical form of text before hashing or shingling, so that exact-duplicate detection
 * ({@link ContentHash}) and near-duplicate detection ({@link MinHashLsh}) agree on what "the same
 * text" means.
 *
 * <p>Steps, in order: Unicode NFC; every run of whitespace (Unicode {@code White_Space}, which
 * includes no-break and ideographic spaces, tabs and line breaks, plus the invisible U+200B zero
 * width space and U+FEFF byte-order mark) becomes one ASCII space; a leading and a trailing space
 * are removed; optionally lower-cased with {@link Locale#ROOT} (never the
 * JVM's default locale, so a Turkish host hashes like any other) and re-normalised to NFC, since
 * case mapping can produce decomposed sequences. Idempotent: {@code normalize(normalize(s)) ==
 * normalize(s)}.
 */
public record TextNormalizer(boolean lowerCase) {

  /** NFC and whitespace folding, case preserved. */
  public static final TextNormalizer CASE_PRESERVING = new TextNormalizer(false);

  /** NFC, whitespace folding and root-locale lower-casing. */
  public static final TextNormalizer LOWER_CASE = new TextNormalizer(true);

  private static final Pattern WHITESPACE_RUN =
      Pattern.compile("[\\p{IsWhite_Space}\\u200B\\uFEFF]+");

  public String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFC);
    s = trimOneSpace(WHITESPACE_RUN.matcher(s).replaceAll(" "));
    if (lowerCase) {
      s = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
    return s;
  }

  private static String trimOneSpace(String s) {
    int from = !s.isEmpty() && s.charAt(0) == ' ' ? 1 : 0;
    int to = s.length() > from && s.charAt(s.length() - 1) == ' ' ? s.length() - 1 : s.length();
    return s.substring(from, to);
  }
}
