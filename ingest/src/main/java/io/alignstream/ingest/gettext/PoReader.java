package io.alignstream.ingest.gettext;

import io.alignstream.ingest.gettext.PoParser.Item;
import io.alignstream.ingest.gettext.PoParser.RawEntry;
import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads gettext {@code .po} text into one {@code Parsed<CatalogEntry>} per entry, header entry included,
 * in file order; sourceRef is {@code <source>:<line>} (the entry's first keyword, or the offending line for
 * a bad entry). Obsolete {@code #~} entries are skipped.
 *
 * <p>The file is read as bytes and decoded, string by string and strictly, by the charset its header
 * declares (UTF-8 when absent or {@code CHARSET}). Charsets whose multi-byte characters may contain ASCII
 * quote or backslash bytes (BIG5, GBK, SHIFT_JIS) are not supported; gettext discourages them too.
 *
 * <p>Never throws for bad data: a malformed entry (unterminated string, bad escape, unknown keyword,
 * msgstr before msgid, a missing msgstr, undecodable bytes) becomes a {@code Parsed.bad} whose reason starts
 * with {@code line N:}, and the other entries still come out. An unknown header charset or an unreadable
 * file gives one {@code Parsed.bad} for the whole file.
 */
public final class PoReader {
  private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  public List<Parsed<CatalogEntry>> read(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > MoReader.MAX_FILE_BYTES) {
        return List.of(Parsed.bad("too large for a .po file: " + size + " bytes", source, null));
      }
      return read(Files.readAllBytes(file), source);
    } catch (IOException e) {
      return List.of(Parsed.bad("cannot read: " + e, source, null));
    }
  }

  public List<Parsed<CatalogEntry>> read(byte[] bytes, String sourceName) {
    int start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
    String text = new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
    List<Item> items = PoParser.parse(Arrays.asList(text.split("\n", -1)));
    String declared = declaredCharset(items);
    Charset charset;
    try {
      charset = CatalogCharset.resolve(declared);
    } catch (IllegalArgumentException e) {
      return List.of(Parsed.bad("unsupported charset '" + declared + "' declared in the header", sourceName, null));
    }
    CharsetDecoder decoder = CatalogCharset.strictDecoder(charset);
    List<Parsed<CatalogEntry>> out = new ArrayList<>(items.size());
    for (Item item : items) {
      String ref = sourceName + ":" + item.line();
      if (item.entry() == null) {
        out.add(Parsed.bad(item.error(), ref, lenient(item.raw(), charset)));
        continue;
      }
      try {
        out.add(Parsed.ok(decode(item.entry(), decoder), ref));
      } catch (CharacterCodingException e) {
        out.add(Parsed.bad("line " + item.line() + ": invalid " + charset.name() + " bytes in the entry", ref,
            lenient(item.raw(), charset)));
      }
    }
    return out;
  }

  private static String declaredCharset(List<Item> items) {
    for (Item item : items) {
      RawEntry e = item.entry();
      if (e != null && e.msgctxt == null && e.msgid.length() == 0) {
        return CatalogCharset.declaredIn(e.msgstr.get(0).toString());
      }
    }
    return null;
  }

  private static CatalogEntry decode(RawEntry e, CharsetDecoder decoder) throws CharacterCodingException {
    List<String> msgstr = new ArrayList<>(e.msgstr.size());
    for (StringBuilder form : e.msgstr) {
      msgstr.add(decode(form, decoder));
    }
    return new CatalogEntry(decode(e.msgctxt, decoder), decode(e.msgid, decoder), decode(e.msgidPlural, decoder),
        msgstr, e.fuzzy, e.flags, e.line);
  }

  private static String decode(StringBuilder latin1, CharsetDecoder decoder) throws CharacterCodingException {
    if (latin1 == null) {
      return null;
    }
    byte[] bytes = latin1.toString().getBytes(StandardCharsets.ISO_8859_1);
    return CatalogCharset.decode(decoder, bytes, 0, bytes.length);
  }

  /** Dead letters carry the text as well as it can be read; strictness only matters for training data. */
  private static String lenient(String latin1, Charset charset) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), charset);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }
}
