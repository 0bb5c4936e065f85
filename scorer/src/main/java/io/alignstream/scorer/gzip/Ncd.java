package io.alignstream.scorer.gzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Normalized compression distance with gzip (ZIP-FIT, Obbad et al. 2024):
 * {@code NCD(x,y) = (C(xy) − min(C(x),C(y))) / max(C(x),C(y))}, C = gzip length in bytes.
 */
public final class Ncd {
  private Ncd() {}

  /** gzip length of the UTF-8 bytes of a text. */
  public static int compressedLength(String text) {
    return compressedLength(text.getBytes(StandardCharsets.UTF_8));
  }

  public static int compressedLength(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip cannot fail", e);
    }
    return out.size();
  }

  public static double ncd(String x, String y) {
    return ncd(compressedLength(x), compressedLength(y), compressedLength(x + y));
  }

  /** NCD from precomputed lengths C(x), C(y), C(xy). */
  public static double ncd(int cx, int cy, int cxy) {
    return (cxy - (double) Math.min(cx, cy)) / Math.max(cx, cy);
  }
}
