package io.alignstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

  @Test
  void shouldStandardiseFeaturesByNameAndTreatMissingValuesAsTheMean() {
    List<String> names = List.of("A", "B");
    FeatureStandardizer s = FeatureStandardizer.fit(names, List.of(
        new Features(names, List.of(0.0, -1.0), null),
        new Features(names, List.of(Math.E - 1, 1.0), null)));
    assertThat(s.mean()[0]).isCloseTo(0.5, within(1e-12)); // signed log1p: 0 and 1
    assertThat(s.mean()[1]).isCloseTo(0.0, within(1e-12)); // −log 2 and +log 2
    float[] swapped = s.encode(new Features(List.of("B", "A", "C"), List.of(1.0, Math.E - 1, 7.0), null));
    float[] ordered = s.encode(new Features(names, List.of(Math.E - 1, 1.0), null));
    assertThat(swapped).containsExactly(ordered);
    float[] missing = s.encode(new Features(List.of("A", "B"), List.of(Double.NaN, 1.0), null));
    assertThat(missing[0]).isZero();
    float[] absent = s.encode(new Features(List.of("B"), List.of(1.0), null));
    assertThat(absent[0]).isZero();
  }

  @Test
  void shouldResampleAndStandardiseEachImageOnItsOwn() {
    ImagePreprocessor p = new ImagePreprocessor(4);
    // 8×6 image, 8-bit: the centre 6×6 crop has a bright left half.
    ByteBuffer px = ByteBuffer.allocate(48);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        px.put((byte) (x >= 1 && x < 4 ? 200 : 50));
      }
    }
    px.flip();
    Image im = Image.newBuilder().setWidth(8).setHeight(6).setBitsPerPixel(8).setPixels(px)
        .setPixelSizeAngstrom(0.5).build();
    assertThat(ImagePreprocessor.rejection(im)).isEmpty();
    float[] z = p.encode(im);
    assertThat(z).hasSize(16);
    double mean = 0;
    for (float v : z) {
      mean += v;
    }
    assertThat(mean / 16).isCloseTo(0, within(1e-6));
    assertThat(z[0]).isGreaterThan(0).isEqualTo(z[1]);
    assertThat(z[3]).isLessThan(0);
    assertThat(p.inputPixelSize(im)).isCloseTo(0.5 * 6 / 4, within(1e-12));
  }

  @Test
  void shouldTurnAConstantImageIntoZerosAndRejectTruncatedPixels() {
    ImagePreprocessor p = new ImagePreprocessor(8);
    byte[] bytes = new byte[2 * 16 * 16];
    Arrays.fill(bytes, (byte) 7);
    Image flat = Image.newBuilder().setWidth(16).setHeight(16).setPixels(ByteBuffer.wrap(bytes))
        .setPixelSizeAngstrom(1).build();
    assertThat(p.encode(flat)).containsOnly(0f);
    Image truncated = Image.newBuilder(flat).setPixels(ByteBuffer.wrap(new byte[10])).build();
    assertThat(ImagePreprocessor.rejection(truncated)).hasValueSatisfying(m -> assertThat(m).contains("10"));
  }
}
