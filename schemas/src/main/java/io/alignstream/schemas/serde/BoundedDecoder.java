package io.alignstream.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over an in-memory body that never believes a length it cannot hold: a string
 * or bytes length, or an array or map block count, larger than the bytes left in the body is an
 * {@link EOFException} before anything is allocated. Avro's own decoder allocates first (up to 2 GiB
 * for one string), so a 10-byte record (an HTTP body, or a corrupt or hostile record on a topic) could
 * make a service run out of memory.
 *
 * <p>Counting items against bytes is exact for every schema whose array and map items take at least
 * one byte each, which holds for every AlignStream contract (strings, doubles, records of them).
 *
 * <p>It wraps Avro's buffered decoder over the array, whose byte source knows exactly how many bytes
 * are left, so the checks cost a subtraction each (measured in {@code bench}: {@code AvroDecodeBenchmark}).
 */
final class BoundedDecoder extends Decoder {
  private final BinaryDecoder in;
  private final java.io.InputStream source;

  BoundedDecoder(byte[] bytes, int offset, int length) {
    this.in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
    this.source = in.inputStream(); // over an array: available() is exactly what is left
  }

  /** Bytes of the body not read yet. */
  long remaining() throws IOException {
    return source.available();
  }

  private int length(String what) throws IOException {
    long n = in.readLong();
    if (n < 0) {
      throw new IOException("malformed Avro body: " + what + " length is negative (" + n + ")");
    }
    if (n > remaining()) {
      throw new EOFException("malformed Avro body: a " + what + " of " + n + " bytes, but only " + remaining()
          + " bytes are left");
    }
    return (int) n;
  }

  /** An item count of an array or map block; a negative count is followed by the block's byte size. */
  private long count(String what) throws IOException {
    long n = in.readLong();
    if (n < 0) {
      if (n == Long.MIN_VALUE) {
        throw new IOException("malformed Avro body: " + what + " block count " + n);
      }
      n = -n;
      long size = in.readLong();
      if (size < 0 || size > remaining()) {
        throw new EOFException("malformed Avro body: a " + what + " block of " + size + " bytes, but only "
            + remaining() + " bytes are left");
      }
    }
    if (n > remaining()) {
      throw new EOFException("malformed Avro body: a " + what + " of " + n + " items, but only " + remaining()
          + " bytes are left");
    }
    return n;
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int n = length("string");
    Utf8 out = old != null ? old : new Utf8();
    out.setByteLength(n);
    in.readFixed(out.getBytes(), 0, n);
    return out;
  }

  @Override
  public String readString() throws IOException {
    int n = length("string");
    byte[] b = new byte[n];
    in.readFixed(b, 0, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(length("string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int n = length("bytes value");
    ByteBuffer out;
    if (old != null && old.hasArray() && !old.isReadOnly() && n <= old.capacity()) {
      out = old;
      out.clear();
    } else {
      out = ByteBuffer.allocate(n);
    }
    in.readFixed(out.array(), out.arrayOffset() + out.position(), n);
    out.limit(n);
    return out;
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(length("bytes value"));
  }

  @Override
  public void readFixed(byte[] target, int start, int length) throws IOException {
    in.readFixed(target, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return count("array");
  }

  @Override
  public long arrayNext() throws IOException {
    return count("array");
  }

  @Override
  public long skipArray() throws IOException {
    return skipItems("array");
  }

  @Override
  public long readMapStart() throws IOException {
    return count("map");
  }

  @Override
  public long mapNext() throws IOException {
    return count("map");
  }

  @Override
  public long skipMap() throws IOException {
    return skipItems("map");
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }

  /** Skips whole blocks that carry their byte size; returns the items of the next block to skip one by one. */
  private long skipItems(String what) throws IOException {
    while (true) {
      long n = in.readLong();
      if (n >= 0) {
        if (n > remaining()) {
          throw new EOFException("malformed Avro body: a " + what + " of " + n + " items, but only " + remaining()
              + " bytes are left");
        }
        return n;
      }
      long size = in.readLong();
      if (n == Long.MIN_VALUE || size < 0 || size > remaining()) {
        throw new EOFException("malformed Avro body: a " + what + " block of " + size + " bytes, but only "
            + remaining() + " bytes are left");
      }
      in.skipFixed((int) size);
    }
  }
}
