package io.alignstream.curator.algo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The shared envelope of every state this package serialises: byte 0 is a type tag (one ASCII
 * letter per class), byte 1 the format version, then the class's big-endian body. The tag makes a
 * store wired to the wrong serde fail loudly instead of decoding garbage; the version lets a
 * later format read an earlier one during a rolling upgrade.
 */
final class Wire {

  static final int HEADER_BYTES = 2;

  private Wire() {}

  static ByteBuffer allocate(byte tag, byte version, int bodyBytes) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + bodyBytes);
    buf.put(tag).put(version);
    return buf;
  }

  /** Returns a buffer positioned after a checked header; rejects foreign or newer bytes. */
  static ByteBuffer open(byte[] bytes, byte tag, byte version, String type) {
    if (bytes == null || bytes.length < HEADER_BYTES) {
      throw new IllegalArgumentException(type + ": too few bytes for a header");
    }
    if (bytes[0] != tag) {
      throw new IllegalArgumentException(
          type + ": type tag " + bytes[0] + " is not " + tag + " (bytes of another type?)");
    }
    if (bytes[1] != version) {
      throw new IllegalArgumentException(
          type + ": unsupported format version " + bytes[1] + ", this build reads " + version);
    }
    return ByteBuffer.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES).slice();
  }

  static void requireFullyRead(ByteBuffer buf, String type) {
    if (buf.hasRemaining()) {
      throw new IllegalArgumentException(type + ": " + buf.remaining() + " trailing bytes");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String readUtf8(ByteBuffer buf, String type) {
    int len = buf.getInt();
    if (len < 0 || len > buf.remaining()) {
      throw new IllegalArgumentException(type + ": corrupt string length " + len);
    }
    byte[] b = new byte[len];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Runs a decoder, turning a short buffer into the same exception type as a bad header. */
  static <T> T decode(String type, Supplier<T> body) {
    try {
      return body.get();
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(type + ": truncated bytes", e);
    }
  }
}
