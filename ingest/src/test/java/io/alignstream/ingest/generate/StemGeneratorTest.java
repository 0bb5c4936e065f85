package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StemGeneratorTest {

  private static StemGenerator noiseless(MicroscopeSettings settings, int size) {
    return new StemGenerator(StemParams.defaults().withImageSize(size).withFixedSettings(settings).noiseless());
  }

  @Test
  void shouldProduceIdenticalImagesAndIdsForTheSameSeed() {
    StemParams p = StemParams.defaults().withSeed(8).withAlignment(0.5);
    assertThat(GeneratedSamples.contents(new StemGenerator(p), 20))
        .isEqualTo(GeneratedSamples.contents(new StemGenerator(p), 20));
  }

  @Test
  void shouldProduceDifferentImagesForDifferentSeeds() {
    var a = GeneratedSamples.ids(new StemGenerator(StemParams.defaults().withSeed(8)), 20);
    var b = GeneratedSamples.ids(new StemGenerator(StemParams.defaults().withSeed(9)), 20);
    assertThat(a).doesNotContainAnyElementsOf(b);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.5})
  void shouldMeasureTheLabelDiameterInANoiselessTargetImage(double pixel) {
    int size = pixel == 1.0 ? 64 : 128;
    StemGenerator g = noiseless(MicroscopeSettings.target().withPixelSize(pixel), size);
    for (int i = 0; i < 30; i++) {
      Sample s = g.sample(i);
      double label = StemImages.image(s).getLabel();
      // Blur merges the resolved columns (spacing a/2 ≈ 2 Å) into a projected-thickness map first.
      double measured = StemImages.equivalentDiameter(s, 1.5, 0.2);
      assertThat(measured).as("image %d, label %.1f Å", i, label)
          .isCloseTo(label, offset(Math.max(0.12 * label, pixel)));
    }
  }

  @Test
  void shouldMeasureTheLabelDiameterInANoiselessShiftedImage() {
    StemGenerator g = noiseless(MicroscopeSettings.shifted(), 64);
    for (int i = 0; i < 30; i++) {
      Sample s = g.sample(i);
      double label = StemImages.image(s).getLabel();
      double measured = StemImages.equivalentDiameter(s, 1.5, 0.2);
      assertThat(measured).as("image %d, label %.1f Å", i, label)
          .isCloseTo(label, offset(Math.max(0.12 * label, 1.5)));
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.7, 2.0})
  void shouldScaleIntegratedIntensityWithZToThePowerN(double n) {
    // Same lattice constant, so the same seed cuts the same atoms: only Z differs.
    Material heavy = new Material("Au", 79, 4.08);
    Material light = new Material("light-Au", 46, 4.08);
    StemParams base = StemParams.defaults().noiseless().withZExponent(n);
    Sample s1 = new StemGenerator(base.withFixedSettings(MicroscopeSettings.target().withMaterial(heavy))).sample(3);
    Sample s2 = new StemGenerator(base.withFixedSettings(MicroscopeSettings.target().withMaterial(light))).sample(3);
    assertThat(s1.getMetadata().get("stem.atomCount")).isEqualTo(s2.getMetadata().get("stem.atomCount"));
    double ratio = StemImages.sum(StemImages.electrons(s1)) / StemImages.sum(StemImages.electrons(s2));
    assertThat(ratio).isCloseTo(Math.pow(79.0 / 46.0, n), offset(0.02 * Math.pow(79.0 / 46.0, n)));
  }

  @Test
  void shouldScaleMeanCountsWithDose() {
    StemParams base = StemParams.defaults();
    double[] means = new double[2];
    double[] doses = {1_000, 4_000};
    for (int d = 0; d < 2; d++) {
      StemGenerator g = new StemGenerator(base.withFixedSettings(MicroscopeSettings.target().withDose(doses[d])));
      means[d] = IntStream.range(0, 10).mapToDouble(i -> GeneratedSamples.mean(StemImages.electrons(g.sample(i))))
          .sum();
    }
    assertThat(means[1] / means[0]).isCloseTo(4.0, offset(0.08));
  }

  @Test
  void shouldStoreBigEndian16BitPixelsWithTheBrightestAtFullScaleAndNothingClipped() {
    Sample s = new StemGenerator(StemParams.defaults()).sample(0);
    Image img = StemImages.image(s);
    assertThat(img.getBitsPerPixel()).isEqualTo(16);
    assertThat(img.getWidth()).isEqualTo(64);
    assertThat(img.getHeight()).isEqualTo(64);
    assertThat(img.getPixels().remaining()).isEqualTo(64 * 64 * 2);
    int[] levels = StemImages.levels(s);
    assertThat(Arrays.stream(levels).max().orElseThrow()).isEqualTo(65535);
    assertThat(Arrays.stream(levels).filter(v -> v == 65535).count()).isEqualTo(1);
    assertThat(Arrays.stream(levels).min().orElseThrow()).isZero();
  }

  @Test
  void shouldMoveTheMicroscopeTowardTheShiftedSettingsAsTheKnobDecreases() {
    double[] knob = {1.0, 0.75, 0.5, 0.25, 0.0};
    double previousDose = Double.POSITIVE_INFINITY;
    double previousAlpha = Double.POSITIVE_INFINITY;
    double previousPixel = 0;
    double previousTargetMaterial = 2;
    for (double a : knob) {
      List<Sample> samples = new StemGenerator(StemParams.defaults().withAlignment(a)).stream(200).toList();
      var m = samples.get(0).getMetadata();
      double dose = Double.parseDouble(m.get("stem.dosePerA2"));
      double alpha = Double.parseDouble(m.get("stem.convergenceMrad"));
      double pixel = Double.parseDouble(m.get("stem.pixelSizeAngstrom"));
      double gold = samples.stream().filter(s -> s.getMetadata().get("stem.material").equals("Au")).count() / 200.0;
      assertThat(dose).isLessThan(previousDose);
      assertThat(alpha).isLessThan(previousAlpha);
      assertThat(pixel).isGreaterThan(previousPixel);
      assertThat(gold).isLessThan(previousTargetMaterial).isCloseTo(a, offset(0.1));
      assertThat(samples.get(0).getDomain()).isEqualTo(AlignmentKnob.domain(a));
      previousDose = dose;
      previousAlpha = alpha;
      previousPixel = pixel;
      previousTargetMaterial = gold;
    }
  }

  @Test
  void shouldRecordLabelSettingsAndNoiseInMetadata() {
    Sample s = new StemGenerator(StemParams.defaults().withSeed(4)).sample(2);
    Image img = StemImages.image(s);
    assertThat(img.getLabel()).isBetween(15.0, 50.0);
    assertThat(img.getPixelSizeAngstrom()).isEqualTo(1.0);
    assertThat(Double.parseDouble(s.getMetadata().get("stem.diameterAngstrom"))).isEqualTo(img.getLabel());
    assertThat(s.getMetadata()).containsEntry("stem.material", "Au").containsEntry("stem.Z", "79")
        .containsEntry("stem.convergenceMrad", "25").containsEntry("stem.dosePerA2", "5000")
        .containsEntry("stem.pixelSizeAngstrom", "1").containsEntry("stem.defocusAngstrom", "0")
        .containsEntry("stem.shotNoise", "true").containsEntry("stem.readNoiseElectrons", "2")
        .containsEntry("gen.kind", "stem").containsEntry("gen.seed", "4").containsEntry("gen.index", "2")
        .containsKeys("stem.atomCount", "stem.levelsPerElectron", "stem.offsetElectrons",
            "stem.wavelengthAngstrom", "stem.probeFwhmAngstrom", "stem.supportAtomCount");
    assertThat(Integer.parseInt(s.getMetadata().get("stem.atomCount"))).isPositive();
    assertThat(s.getSource()).isEqualTo("generator:stem");
    assertThat(s.getTask()).isEqualTo("stem.size");
  }

  @Test
  void shouldKeepTheParticlesGeometryWhenOnlyTheNoiseChanges() {
    StemParams p = StemParams.defaults();
    Sample noisy = new StemGenerator(p).sample(5);
    Sample clean = new StemGenerator(p.withNoise(StemNoise.NONE)).sample(5);
    assertThat(clean.getMetadata().get("stem.atomCount")).isEqualTo(noisy.getMetadata().get("stem.atomCount"));
    assertThat(StemImages.image(clean).getLabel()).isEqualTo(StemImages.image(noisy).getLabel());
  }

  @Test
  void shouldRejectParticlesThatDoNotFitTheFieldOfView() {
    StemParams tooLarge = StemParams.defaults().withDiameters(20, 62);
    assertThatThrownBy(() -> new StemGenerator(tooLarge))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
  }
}
