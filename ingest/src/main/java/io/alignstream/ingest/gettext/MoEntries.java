package io.alignstream.ingest.gettext;

import io.alignstream.ingest.gettext.MoReader.Slice;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a stored .mo message into its parts. Splitting happens on bytes before decoding: EOT and NUL
 * never occur inside a multi-byte character of the ASCII-compatible charsets gettext supports. It follows
 * libintl and msgunfmt exactly, which read the original as C strings: the context separator only counts
 * before the first NUL, the plural ends at the next NUL, and a non-plural translation ends at its first NUL.
 */
final class MoEntries {
  private static final byte EOT = 4;
  private static final byte NUL = 0;

  private MoEntries() {}

  static CatalogEntry toEntry(Slice original, Slice translation, Set<String> flags, CharsetDecoder decoder)
      throws CharacterCodingException {
    byte[] b = original.bytes();
    int nul = indexOf(b, original.offset(), original.end(), NUL);
    int idEnd = nul < 0 ? original.end() : nul;
    int eot = indexOf(b, original.offset(), idEnd, EOT);
    int idStart = eot < 0 ? original.offset() : eot + 1;
    String msgctxt = eot < 0 ? null : text(decoder, b, original.offset(), eot);
    String msgid = text(decoder, b, idStart, idEnd);
    String plural = null;
    if (nul >= 0) {
      int pluralEnd = indexOf(b, nul + 1, original.end(), NUL);
      plural = text(decoder, b, nul + 1, pluralEnd < 0 ? original.end() : pluralEnd);
    }
    return new CatalogEntry(msgctxt, msgid, plural, forms(translation, plural != null, decoder), false, flags, 0);
  }

  private static List<String> forms(Slice translation, boolean plural, CharsetDecoder decoder)
      throws CharacterCodingException {
    byte[] b = translation.bytes();
    List<String> forms = new ArrayList<>(plural ? 3 : 1);
    int from = translation.offset();
    while (true) {
      int nul = indexOf(b, from, translation.end(), NUL);
      forms.add(text(decoder, b, from, nul < 0 ? translation.end() : nul));
      if (nul < 0 || !plural) {
        return forms;
      }
      from = nul + 1;
    }
  }

  private static String text(CharsetDecoder decoder, byte[] b, int from, int to) throws CharacterCodingException {
    return CatalogCharset.decode(decoder, b, from, to - from);
  }

  private static int indexOf(byte[] b, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
