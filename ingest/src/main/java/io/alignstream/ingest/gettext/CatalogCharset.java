package io.alignstream.ingest.gettext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The charset a catalog declares in its header entry ({@code Content-Type: text/plain; charset=...}),
 * and strict decoding with it: a wrongly encoded string must become a bad entry, not silently turn into
 * replacement characters inside training data.
 */
final class CatalogCharset {
  private CatalogCharset() {}

  /**
   * The charset name declared in a header msgstr, or null when there is none. The header is ASCII in
   * every charset gettext supports, so callers may pass it decoded as ISO-8859-1.
   */
  static String declaredIn(String header) {
    for (String line : header.split("\n")) {
      String lower = line.strip().toLowerCase(Locale.ROOT);
      int at = lower.indexOf("charset=");
      if (lower.startsWith("content-type:") && at >= 0) {
        String name = line.strip().substring(at + "charset=".length()).strip();
        int end = 0;
        while (end < name.length() && !Character.isWhitespace(name.charAt(end)) && name.charAt(end) != ';') {
          end++;
        }
        return name.substring(0, end);
      }
    }
    return null;
  }

  /**
   * Resolves a declared name; absent, empty and the template placeholder {@code CHARSET} mean UTF-8.
   *
   * @throws IllegalArgumentException when the JRE does not know the charset
   */
  static Charset resolve(String declared) {
    if (declared == null || declared.isEmpty() || declared.equalsIgnoreCase("CHARSET")) {
      return StandardCharsets.UTF_8;
    }
    return Charset.forName(declared);
  }

  static CharsetDecoder strictDecoder(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  static String decode(CharsetDecoder decoder, byte[] bytes, int offset, int length)
      throws CharacterCodingException {
    return decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
  }
}
