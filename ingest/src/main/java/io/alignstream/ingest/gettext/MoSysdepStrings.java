package io.alignstream.ingest.gettext;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The system-dependent strings of a .mo file (minor revision 1 and later). msgfmt stores a message whose
 * text uses {@code <inttypes.h>} macros, such as {@code "%" PRIu64}, as static pieces interleaved with
 * references to named segments, and libintl substitutes the platform's expansion at load time. Like
 * {@code msgunfmt} we write a segment back as {@code <NAME>} (a one-letter segment such as {@code I}
 * as itself), which is how the source .po spells it, so the placeholder survives verbatim.
 *
 * <p>Layout: a segment table of (length, offset) pairs pointing at NUL-terminated names, and per string a
 * descriptor (offset of its static bytes, then (static length, segment index) pairs until the index
 * {@code 0xffffffff}; the last static piece ends with the string's NUL).
 */
final class MoSysdepStrings {
  private static final int HEADER_BYTES = 48;
  private static final long SEGMENTS_END = 0xffffffffL;

  private final MoFile mo;
  private final long segments;
  private final long segmentTable;
  private final long count;
  private final long originals;
  private final long translations;

  private MoSysdepStrings(MoFile mo) {
    this.mo = mo;
    this.segments = mo.u32(28);
    this.segmentTable = mo.u32(32);
    this.count = mo.u32(36);
    this.originals = mo.u32(40);
    this.translations = mo.u32(44);
  }

  /** Reads the extended header and checks that its tables lie inside the file. */
  static MoSysdepStrings open(MoFile mo) throws CatalogFormatException {
    if (mo.size() < HEADER_BYTES) {
      throw new CatalogFormatException("truncated: revision " + (mo.revision >>> 16) + "." + (mo.revision & 0xffff)
          + " header needs " + HEADER_BYTES + " bytes, file size " + mo.size());
    }
    MoSysdepStrings sysdep = new MoSysdepStrings(mo);
    mo.requireTable("system-dependent segment", sysdep.segmentTable, sysdep.segments, 8);
    mo.requireTable("system-dependent original", sysdep.originals, sysdep.count, 4);
    mo.requireTable("system-dependent translation", sysdep.translations, sysdep.count, 4);
    return sysdep;
  }

  long count() {
    return count;
  }

  /** The expanded original of string {@code index}, without its terminating NUL. */
  byte[] original(long index) throws CatalogFormatException {
    return expand(mo.u32(originals + 4 * index));
  }

  byte[] translation(long index) throws CatalogFormatException {
    return expand(mo.u32(translations + 4 * index));
  }

  private byte[] expand(long descriptor) throws CatalogFormatException {
    long at = mo.u32(descriptor);
    if (at < 0) {
      throw new CatalogFormatException("system-dependent string descriptor at offset " + descriptor
          + " beyond file size " + mo.size());
    }
    // Static pieces only move forward through the file, but one segment may be referenced again and
    // again, so bound the expansion instead of trusting the descriptor.
    long limit = 2L * mo.size() + 16;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long pair = descriptor + 4; ; pair += 8) {
      long length = mo.u32(pair);
      long segment = mo.u32(pair + 4);
      if (length < 0 || segment < 0) {
        throw new CatalogFormatException("truncated: system-dependent string descriptor at offset " + descriptor
            + " runs past file size " + mo.size());
      }
      if (!mo.contains(at, length)) {
        throw new CatalogFormatException("system-dependent string piece at offset " + at + " (length " + length
            + ") beyond file size " + mo.size());
      }
      out.write(mo.bytes, (int) at, (int) length);
      at += length;
      if (segment == SEGMENTS_END) {
        if (length == 0 || mo.bytes[(int) at - 1] != 0) {
          throw new CatalogFormatException("system-dependent string at descriptor " + descriptor
              + " is not NUL-terminated");
        }
        byte[] text = out.toByteArray();
        return Arrays.copyOf(text, text.length - 1);
      }
      writeSegment(segment, out);
      if (out.size() > limit) {
        throw new CatalogFormatException("system-dependent string at descriptor " + descriptor
            + " expands beyond " + limit + " bytes");
      }
    }
  }

  private void writeSegment(long segment, ByteArrayOutputStream out) throws CatalogFormatException {
    if (segment >= segments) {
      throw new CatalogFormatException("system-dependent string refers to segment " + segment + " of " + segments);
    }
    long length = mo.u32(segmentTable + 8 * segment);
    long offset = mo.u32(segmentTable + 8 * segment + 4);
    if (!mo.contains(offset, length) || length == 0 || mo.bytes[(int) (offset + length - 1)] != 0) {
      throw new CatalogFormatException("system-dependent segment " + segment + " at offset " + offset + " (length "
          + length + ") is outside the file or not NUL-terminated");
    }
    int start = (int) offset;
    int end = start;
    while (mo.bytes[end] != 0) {
      end++;
    }
    boolean bracket = end - start > 1;
    if (bracket) {
      out.write('<');
    }
    out.write(mo.bytes, start, end - start);
    if (bracket) {
      out.write('>');
    }
  }
}
