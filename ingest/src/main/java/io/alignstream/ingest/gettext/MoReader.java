package io.alignstream.ingest.gettext;

import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads compiled gettext catalogs ({@code .mo}) directly, without an external tool, into one {@code
 * Parsed<CatalogEntry>} per stored message, header entry included, in file order: first the N static
 * strings, then the system-dependent ones (see {@link MoSysdepStrings}). sourceRef is {@code
 * <source>#<index>}.
 *
 * <p>Both byte orders and major revisions 0 and 1 are read. An original is {@code [msgctxt EOT] msgid
 * [NUL msgid_plural]}; a translation holds one string per plural form separated by NUL. Text is decoded
 * strictly by the header's {@code charset=} (UTF-8 when absent or the template placeholder {@code
 * CHARSET}). The result matches {@code msgunfmt}: a system-dependent message carries the {@code c-format}
 * flag because msgfmt only writes such strings for C format messages.
 *
 * <p>Never throws for bad data and never reads out of bounds: a problem with the whole file (bad magic,
 * string tables beyond the end, unknown charset) gives a single {@code Parsed.bad} with the reason, a bad
 * single string gives a {@code Parsed.bad} for that entry and the other entries still come out. Work and
 * memory are bounded by the file length whatever its counts and offsets say.
 */
public final class MoReader {
  /** Real catalogs are at most a few MiB; refuse anything that could not be one before loading it. */
  static final long MAX_FILE_BYTES = 256L << 20;

  private static final Set<String> SYSDEP_FLAGS = Set.of("c-format");

  public List<Parsed<CatalogEntry>> read(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return List.of(Parsed.bad("too large for a .mo file: " + size + " bytes", source, null));
      }
      return read(Files.readAllBytes(file), source);
    } catch (IOException e) {
      return List.of(Parsed.bad("cannot read: " + e, source, null));
    }
  }

  public List<Parsed<CatalogEntry>> read(byte[] bytes, String sourceName) {
    MoFile mo;
    CharsetDecoder decoder;
    try {
      mo = MoFile.open(bytes);
      decoder = CatalogCharset.strictDecoder(charsetOf(mo));
    } catch (CatalogFormatException e) {
      return List.of(Parsed.bad(e.getMessage(), sourceName, null));
    }
    return new Run(mo, decoder, sourceName).entries();
  }

  private static Charset charsetOf(MoFile mo) throws CatalogFormatException {
    String declared = null;
    for (long i = 0; i < mo.count; i++) {
      if (mo.u32(mo.originals + 8 * i) == 0) {
        long length = mo.u32(mo.translations + 8 * i);
        long offset = mo.u32(mo.translations + 8 * i + 4);
        if (mo.contains(offset, length)) {
          // The header is ASCII in every charset gettext allows, so ISO-8859-1 reads it losslessly.
          declared = CatalogCharset.declaredIn(
              new String(mo.bytes, (int) offset, (int) length, StandardCharsets.ISO_8859_1));
        }
        break;
      }
    }
    try {
      return CatalogCharset.resolve(declared);
    } catch (IllegalArgumentException e) {
      throw new CatalogFormatException("unsupported charset '" + declared + "' declared in the header");
    }
  }

  /** One pass over one file; the budget stops tables whose entries all point at the same huge region. */
  private static final class Run {
    private final MoFile mo;
    private final CharsetDecoder decoder;
    private final String source;
    private final List<Parsed<CatalogEntry>> out = new ArrayList<>();
    private long budget;

    Run(MoFile mo, CharsetDecoder decoder, String source) {
      this.mo = mo;
      this.decoder = decoder;
      this.source = source;
      this.budget = 8L * mo.size() + (1 << 20);
    }

    List<Parsed<CatalogEntry>> entries() {
      for (long i = 0; i < mo.count; i++) {
        String ref = source + "#" + i;
        try {
          Slice original = slice("original", i, mo.originals + 8 * i);
          Slice translation = slice("translation", i, mo.translations + 8 * i);
          out.add(decode(original, translation, Set.of(), ref));
        } catch (CatalogFormatException e) {
          out.add(Parsed.bad(e.getMessage(), ref, null));
        }
        if (budget < 0) {
          out.add(Parsed.bad("strings overlap far beyond the file size: stopped after entry " + i + " of "
              + mo.count, ref, null));
          return out;
        }
      }
      if (mo.hasSysdepStrings()) {
        readSysdep();
      }
      return out;
    }

    private void readSysdep() {
      MoSysdepStrings sysdep;
      try {
        sysdep = MoSysdepStrings.open(mo);
      } catch (CatalogFormatException e) {
        out.add(Parsed.bad(e.getMessage(), source, null));
        return;
      }
      for (long j = 0; j < sysdep.count() && budget >= 0; j++) {
        String ref = source + "#" + (mo.count + j);
        try {
          byte[] original = sysdep.original(j);
          byte[] translation = sysdep.translation(j);
          budget -= original.length + translation.length;
          out.add(decode(Slice.of(original), Slice.of(translation), SYSDEP_FLAGS, ref));
        } catch (CatalogFormatException e) {
          out.add(Parsed.bad(e.getMessage(), ref, null));
        }
      }
    }

    private Slice slice(String table, long index, long descriptor) throws CatalogFormatException {
      long length = mo.u32(descriptor);
      long offset = mo.u32(descriptor + 4);
      if (!mo.contains(offset, length)) {
        throw new CatalogFormatException(table + " string #" + index + " at offset " + offset + " (length " + length
            + ") beyond file size " + mo.size());
      }
      budget -= length;
      return new Slice(mo.bytes, (int) offset, (int) length);
    }

    private Parsed<CatalogEntry> decode(Slice original, Slice translation, Set<String> flags, String ref) {
      try {
        return Parsed.ok(MoEntries.toEntry(original, translation, flags, decoder), ref);
      } catch (CharacterCodingException e) {
        return Parsed.bad("invalid " + decoder.charset().name() + " bytes in the entry", ref,
            original.latin1() + "\n" + translation.latin1());
      }
    }
  }

  /** A region of a byte array; ISO-8859-1 is the lossless view of arbitrary bytes for dead letters. */
  record Slice(byte[] bytes, int offset, int length) {
    static Slice of(byte[] bytes) {
      return new Slice(bytes, 0, bytes.length);
    }

    int end() {
      return offset + length;
    }

    String latin1() {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
  }
}
