package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {

  @TempDir Path dir;

  @Test
  void shouldRoundTripSixteenBitSamplesExactly() throws IOException {
    Sample s = new StemGenerator(StemParams.defaults()).sample(1);
    Path file = dir.resolve("stem.png");
    PngWriter.write(file, (Image) s.getPayload());
    BufferedImage read = ImageIO.read(file.toFile());
    assertThat(read.getColorModel().getPixelSize()).isEqualTo(16);
    int[] levels = StemImages.levels(s);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        assertThat(read.getRaster().getSample(x, y, 0)).isEqualTo(levels[y * 64 + x]);
      }
    }
  }

  @Test
  void shouldWriteEightBitImages() throws IOException {
    Image img = new Image(3, 2, 8, ByteBuffer.wrap(new byte[] {0, 10, 20, (byte) 200, (byte) 255, 1}), 1.0, null);
    Path file = dir.resolve("small.png");
    PngWriter.write(file, img);
    BufferedImage read = ImageIO.read(file.toFile());
    assertThat(read.getColorModel().getPixelSize()).isEqualTo(8);
    assertThat(read.getRaster().getSample(0, 1, 0)).isEqualTo(200);
    assertThat(read.getRaster().getSample(1, 1, 0)).isEqualTo(255);
  }

  @Test
  void shouldRejectLevelsOutsideTheBitDepth() {
    assertThatThrownBy(() -> PngWriter.writeGray(dir.resolve("x.png"), 1, 1, new int[] {256}, 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldWriteEveryStemExampleAsASmallSixteenBitPng() throws IOException {
    List<Path> files = StemExamples.write(dir);
    assertThat(files).hasSameSizeAs(StemExamples.examples()).hasSizeGreaterThanOrEqualTo(6);
    for (Path f : files) {
      assertThat(Files.size(f)).as(f.toString()).isLessThan(100_000);
      assertThat(ImageIO.read(f.toFile()).getColorModel().getPixelSize()).isEqualTo(16);
    }
  }
}
