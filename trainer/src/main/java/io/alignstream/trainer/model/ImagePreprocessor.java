package io.alignstream.trainer.model;

import io.alignstream.schemas.sample.Image;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * STEM preprocessing: decode 8- or 16-bit big-endian unsigned pixels, centre-crop to a square,
 * resample to {@code size × size} by area averaging (an exact box filter, so shrinking does not
 * alias), then standardise per image (zero mean, unit variance; a constant image becomes zeros).
 * Per-image normalisation removes dose and detector gain, leaving shape and size.
 *
 * <p>The network sees {@code size} pixels across a crop of {@code side} image pixels, so one input
 * pixel spans {@link #inputPixelSize} = {@code pixelSizeAngstrom · side / size} Ångström: the model
 * regresses the diameter in input pixels and converts with it, which keeps predictions right when
 * images of another pixel size or resolution arrive.
 *
 * @param size side of the output in pixels
 */
public record ImagePreprocessor(int size) {

  public ImagePreprocessor {
    if (size < 1) {
      throw new IllegalArgumentException("image size must be positive, got " + size);
    }
  }

  /** Why the image cannot be decoded, if it cannot. */
  public static Optional<String> rejection(Image im) {
    int bits = im.getBitsPerPixel();
    if (bits != 8 && bits != 16) {
      return Optional.of("unsupported bitsPerPixel " + bits + " (8 or 16)");
    }
    if (im.getWidth() <= 0 || im.getHeight() <= 0) {
      return Optional.of("empty image " + im.getWidth() + "x" + im.getHeight());
    }
    long expected = (long) im.getWidth() * im.getHeight() * (bits / 8);
    int actual = im.getPixels() == null ? 0 : im.getPixels().remaining();
    if (actual != expected) {
      return Optional.of("image has " + actual + " pixel bytes, expected " + expected);
    }
    if (!(im.getPixelSizeAngstrom() > 0) || Double.isInfinite(im.getPixelSizeAngstrom())) {
      return Optional.of("pixel size " + im.getPixelSizeAngstrom() + " Å is not positive");
    }
    return Optional.empty();
  }

  /** Ångström per network input pixel. */
  public double inputPixelSize(Image im) {
    return im.getPixelSizeAngstrom() * Math.min(im.getWidth(), im.getHeight()) / size;
  }

  /** Row-major {@code size × size} standardised intensities. */
  public float[] encode(Image im) {
    int w = im.getWidth();
    int h = im.getHeight();
    int side = Math.min(w, h);
    int x0 = (w - side) / 2;
    int y0 = (h - side) / 2;
    ByteBuffer px = im.getPixels().duplicate();
    int base = px.position();
    boolean sixteen = im.getBitsPerPixel() == 16;
    double[] crop = new double[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int i = (y + y0) * w + (x + x0);
        crop[y * side + x] = sixteen
            ? ((px.get(base + 2 * i) & 0xff) << 8) | (px.get(base + 2 * i + 1) & 0xff)
            : px.get(base + i) & 0xff;
      }
    }
    double[] out = resample(crop, side);
    double sum = 0;
    double sumSq = 0;
    for (double v : out) {
      sum += v;
      sumSq += v * v;
    }
    int n = out.length;
    double mean = sum / n;
    double var = Math.max(0, sumSq / n - mean * mean);
    double std = Math.sqrt(var);
    float[] z = new float[n];
    for (int i = 0; i < n; i++) {
      z[i] = std > 1e-9 * Math.max(1, Math.abs(mean)) ? (float) ((out[i] - mean) / std) : 0f;
    }
    return z;
  }

  /** Area-average resampling of a {@code side × side} image to {@code size × size}, separably. */
  private double[] resample(double[] image, int side) {
    double[][] weights = new double[size][side];
    int[] from = new int[size];
    int[] to = new int[size];
    double scale = side / (double) size;
    for (int j = 0; j < size; j++) {
      double lo = j * scale;
      double hi = (j + 1) * scale;
      from[j] = (int) Math.floor(lo);
      to[j] = Math.min(side, (int) Math.ceil(hi));
      for (int x = from[j]; x < to[j]; x++) {
        double overlap = Math.min(hi, x + 1) - Math.max(lo, x);
        if (overlap > 0) {
          weights[j][x] = overlap / scale;
        }
      }
    }
    double[] rows = new double[side * size];
    for (int y = 0; y < side; y++) {
      for (int j = 0; j < size; j++) {
        double s = 0;
        for (int x = from[j]; x < to[j]; x++) {
          s += weights[j][x] * image[y * side + x];
        }
        rows[y * size + j] = s;
      }
    }
    double[] out = new double[size * size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        double s = 0;
        for (int y = from[i]; y < to[i]; y++) {
          s += weights[i][y] * rows[y * size + j];
        }
        out[i * size + j] = s;
      }
    }
    return out;
  }
}
