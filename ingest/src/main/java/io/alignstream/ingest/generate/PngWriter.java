package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Image;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes grey-scale PNGs (8- or 16-bit) with {@code javax.imageio}, for looking at generated images.
 * 16-bit samples are written as they are; nothing is rescaled.
 */
public final class PngWriter {
  private PngWriter() {}

  /** Writes an {@code Image} payload (8- or 16-bit, row-major, 16-bit big-endian) as a PNG of the same depth. */
  public static void write(Path file, Image image) throws IOException {
    int w = image.getWidth();
    int h = image.getHeight();
    ByteBuffer px = image.getPixels().duplicate();
    int[] levels = new int[w * h];
    if (image.getBitsPerPixel() == 16) {
      for (int p = 0; p < levels.length; p++) {
        levels[p] = px.getShort(px.position() + 2 * p) & 0xFFFF;
      }
      writeGray(file, w, h, levels, 16);
    } else if (image.getBitsPerPixel() == 8) {
      for (int p = 0; p < levels.length; p++) {
        levels[p] = px.get(px.position() + p) & 0xFF;
      }
      writeGray(file, w, h, levels, 8);
    } else {
      throw new IllegalArgumentException("only 8- and 16-bit images: " + image.getBitsPerPixel());
    }
  }

  /**
   * @param levels row-major samples, each in [0, 2^bits − 1]
   * @param bits 8 or 16
   */
  public static void writeGray(Path file, int width, int height, int[] levels, int bits) throws IOException {
    if (levels.length != width * height) {
      throw new IllegalArgumentException("need width × height levels, got " + levels.length);
    }
    int type = switch (bits) {
      case 8 -> BufferedImage.TYPE_BYTE_GRAY;
      case 16 -> BufferedImage.TYPE_USHORT_GRAY;
      default -> throw new IllegalArgumentException("bits must be 8 or 16: " + bits);
    };
    int max = (1 << bits) - 1;
    BufferedImage img = new BufferedImage(width, height, type);
    WritableRaster raster = img.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = levels[y * width + x];
        if (v < 0 || v > max) {
          throw new IllegalArgumentException("level " + v + " outside [0," + max + "] at " + x + "," + y);
        }
        raster.setSample(x, y, 0, v);
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("no PNG writer for a " + bits + "-bit grey image");
    }
  }
}
