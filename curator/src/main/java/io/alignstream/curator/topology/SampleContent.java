package io.alignstream.curator.topology;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The content of a sample that duplicate removal compares (metadata, ids and times excluded). */
final class SampleContent {
  private SampleContent() {}

  /** Text to shingle for near-duplicates, or null for payloads without text. */
  static String text(Sample s) {
    Object p = s.getPayload();
    if (p instanceof TextPair tp) {
      return tp.getSrc() + "\t" + tp.getTgt();
    }
    if (p instanceof Text t) {
      return t.getText();
    }
    return null;
  }

  /** Canonical bytes for the exact content hash. */
  static byte[] bytes(Sample s) {
    Object p = s.getPayload();
    if (p instanceof Features f) {
      return doubles(f.getValues(), f.getLabel());
    }
    if (p instanceof Image im) {
      ByteBuffer pixels = im.getPixels().duplicate();
      return ByteBuffer.allocate(8 + pixels.remaining()).putInt(im.getWidth()).putInt(im.getHeight()).put(pixels).array();
    }
    String text = text(s);
    return (text == null ? String.valueOf(p) : text).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] doubles(List<Double> values, Double label) {
    ByteBuffer b = ByteBuffer.allocate(8 * (values.size() + 1));
    values.forEach(v -> b.putDouble(v == null ? Double.NaN : v));
    b.putDouble(label == null ? Double.NaN : label);
    return b.array();
  }
}
