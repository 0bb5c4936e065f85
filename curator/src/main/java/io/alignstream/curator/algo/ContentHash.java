package io.alignstream.curator.algo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable 128-bit hash of a sample's canonical content, for exact-duplicate detection keyed in a
 * state store. The caller canonicalises (for text: {@link #ofText}); this class only hashes.
 *
 * <p>The 128-bit value is MurmurHash3 x64 128 with seed 0 over the bytes (strings as UTF-8), the
 * reference algorithm, so the value is the same on every JVM, platform and release: {@link
 * #toHex()} is {@code h1} then {@code h2}, each as 16 lower-case hex digits (a known-answer test
 * pins it). It is fast but not collision-resistant against an adversary who crafts inputs; where
 * that matters (untrusted feeds deduplicated across tenants) use {@link #sha256Hex}.
 */
public record ContentHash(long high, long low) {

  public static final int BYTES = 16;

  public static ContentHash of(byte[] content) {
    long[] h = Hashing.murmur128(content, 0L);
    return new ContentHash(h[0], h[1]);
  }

  /** Hashes the UTF-8 encoding of {@code content} exactly as given. */
  public static ContentHash of(String content) {
    return of(content.getBytes(StandardCharsets.UTF_8));
  }

  /** Normalises {@code text} with {@code normalizer}, then hashes it. */
  public static ContentHash ofText(String text, TextNormalizer normalizer) {
    return of(normalizer.normalize(text));
  }

  /** SHA-256 of {@code content} as 64 lower-case hex digits. */
  public static String sha256Hex(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** SHA-256 of the UTF-8 encoding of {@code content} as 64 lower-case hex digits. */
  public static String sha256Hex(String content) {
    return sha256Hex(content.getBytes(StandardCharsets.UTF_8));
  }

  /** 32 lower-case hex digits: {@code high} then {@code low}. */
  public String toHex() {
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }

  public static ContentHash fromHex(String hex) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("a content hash has 32 hex digits, got " + hex.length());
    }
    return new ContentHash(
        HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
  }

  /**
   * 16 big-endian bytes, {@code high} then {@code low}: a compact store key whose byte order
   * matches {@link #toHex()} order. Unversioned on purpose: it is a key, not a state.
   */
  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array();
  }

  public static ContentHash fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a content hash has 16 bytes, got " + bytes.length);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    return new ContentHash(buf.getLong(), buf.getLong());
  }

  @Override
  public String toString() {
    return toHex();
  }
}
