package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.nio.ByteBuffer;

/** Test-side measurements on generated STEM images. */
final class StemImages {
  private StemImages() {}

  static Image image(Sample s) {
    return (Image) s.getPayload();
  }

  /** Unsigned 16-bit levels, row-major. */
  static int[] levels(Sample s) {
    Image img = image(s);
    ByteBuffer px = img.getPixels().duplicate();
    int[] out = new int[img.getWidth() * img.getHeight()];
    for (int p = 0; p < out.length; p++) {
      out[p] = px.getShort(px.position() + 2 * p) & 0xFFFF;
    }
    return out;
  }

  /** Detected electrons per pixel, undoing the 16-bit scaling recorded in the metadata. */
  static double[] electrons(Sample s) {
    double scale = Double.parseDouble(s.getMetadata().get("stem.levelsPerElectron"));
    double offset = Double.parseDouble(s.getMetadata().get("stem.offsetElectrons"));
    int[] levels = levels(s);
    double[] out = new double[levels.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = levels[p] / scale - offset;
    }
    return out;
  }

  static double sum(double[] v) {
    double total = 0;
    for (double x : v) {
      total += x;
    }
    return total;
  }

  /**
   * Equivalent-circle diameter in Å: low-pass the image (Gaussian σ in Å, wide enough to merge the
   * resolved atomic columns into a thickness map), threshold at {@code fraction} of its maximum, and
   * convert the area above it: {@code d = 2·√(A·pixel²/π)}.
   */
  static double equivalentDiameter(Sample s, double blurSigmaAngstrom, double fraction) {
    Image img = image(s);
    int w = img.getWidth();
    int h = img.getHeight();
    double pixel = img.getPixelSizeAngstrom();
    double[] blurred = blur(electrons(s), w, h, blurSigmaAngstrom / pixel);
    double max = 0;
    for (double v : blurred) {
      max = Math.max(max, v);
    }
    int above = 0;
    for (double v : blurred) {
      if (v >= fraction * max) {
        above++;
      }
    }
    return 2 * Math.sqrt(above * pixel * pixel / Math.PI);
  }

  /** Separable Gaussian blur with zero padding. */
  static double[] blur(double[] in, int w, int h, double sigmaPx) {
    int radius = (int) Math.ceil(4 * sigmaPx);
    double[] k = new double[2 * radius + 1];
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = Math.exp(-i * i / (2 * sigmaPx * sigmaPx));
    }
    double[] tmp = new double[in.length];
    double[] out = new double[in.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double acc = 0;
        for (int i = -radius; i <= radius; i++) {
          int xx = x + i;
          if (xx >= 0 && xx < w) {
            acc += k[i + radius] * in[y * w + xx];
          }
        }
        tmp[y * w + x] = acc;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double acc = 0;
        for (int i = -radius; i <= radius; i++) {
          int yy = y + i;
          if (yy >= 0 && yy < h) {
            acc += k[i + radius] * tmp[yy * w + x];
          }
        }
        out[y * w + x] = acc;
      }
    }
    return out;
  }
}
