package io.alignstream.ingest.gettext;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The bytes of a .mo file with its byte order and header fields. Every read is bounds-checked against
 * the file length, and table sizes are checked against it before anything is allocated, so a bogus
 * count or offset cannot make the reader run out of memory or out of bounds.
 *
 * <p>Layout (GNU gettext, {@code gmo.h}), all fields unsigned 32-bit in the file's byte order: magic,
 * revision, N, offset of the original table, offset of the translation table, hash size, hash offset;
 * from minor revision 1 on also: number of system-dependent segments, their table's offset, number of
 * system-dependent strings, offsets of their original and translation tables. A table entry of the
 * static tables is (length, offset), the string itself is followed by a NUL.
 */
final class MoFile {
  static final int MAGIC = 0x950412de;
  private static final int HEADER_BYTES = 28;

  final byte[] bytes;
  final ByteOrder order;
  final long revision;
  final long count;
  final long originals;
  final long translations;

  private MoFile(byte[] bytes, ByteOrder order) {
    this.bytes = bytes;
    this.order = order;
    this.revision = u32(4);
    this.count = u32(8);
    this.originals = u32(12);
    this.translations = u32(16);
  }

  /** Checks magic, revision and that both string tables lie inside the file. */
  static MoFile open(byte[] bytes) throws CatalogFormatException {
    if (bytes.length < 4) {
      throw new CatalogFormatException("not a .mo file: only " + bytes.length + " bytes");
    }
    ByteOrder order = readMagic(bytes);
    if (bytes.length < HEADER_BYTES) {
      throw new CatalogFormatException("truncated: header needs " + HEADER_BYTES + " bytes, file size " + bytes.length);
    }
    MoFile mo = new MoFile(bytes, order);
    long major = mo.revision >>> 16;
    if (major > 1) {
      throw new CatalogFormatException("unsupported .mo revision " + major + "." + (mo.revision & 0xffff));
    }
    mo.requireTable("original", mo.originals, mo.count, 8);
    mo.requireTable("translation", mo.translations, mo.count, 8);
    return mo;
  }

  private static ByteOrder readMagic(byte[] bytes) throws CatalogFormatException {
    int little = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    if (little == MAGIC) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    if (Integer.reverseBytes(little) == MAGIC) {
      return ByteOrder.BIG_ENDIAN;
    }
    throw new CatalogFormatException(String.format(Locale.ROOT, "not a .mo file: bad magic 0x%08x", little));
  }

  /** System-dependent strings exist from minor revision 1 on (msgfmt writes them for {@code <PRIu64>} etc.). */
  boolean hasSysdepStrings() {
    return (revision & 0xffff) >= 1;
  }

  void requireTable(String name, long offset, long entries, int entryBytes) throws CatalogFormatException {
    if (!contains(offset, entries * entryBytes)) {
      throw new CatalogFormatException("truncated: " + name + " string table at offset " + offset + " (" + entries
          + " entries of " + entryBytes + " bytes) beyond file size " + bytes.length);
    }
  }

  int size() {
    return bytes.length;
  }

  boolean contains(long offset, long length) {
    return offset >= 0 && length >= 0 && offset + length <= bytes.length;
  }

  /** The unsigned 32-bit value at offset, or -1 when it lies (partly) outside the file. */
  long u32(long offset) {
    if (!contains(offset, 4)) {
      return -1;
    }
    int i = (int) offset;
    long b0 = bytes[i] & 0xff;
    long b1 = bytes[i + 1] & 0xff;
    long b2 = bytes[i + 2] & 0xff;
    long b3 = bytes[i + 3] & 0xff;
    return order == ByteOrder.LITTLE_ENDIAN
        ? b0 | b1 << 8 | b2 << 16 | b3 << 24
        : b3 | b2 << 8 | b1 << 16 | b0 << 24;
  }
}
