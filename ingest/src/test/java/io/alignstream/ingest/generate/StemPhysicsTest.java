package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The physics building blocks of the STEM generator, against closed forms and integrals. */
class StemPhysicsTest {

  @Test
  void shouldComputeTheRelativisticWavelengthAt200kV() {
    assertThat(Electron.wavelengthAngstrom(200)).isCloseTo(0.0251, offset(0.0001));
  }

  @Test
  void shouldComputeTheRelativisticWavelengthAtOtherVoltages() {
    assertThat(Electron.wavelengthAngstrom(300)).isCloseTo(0.01969, offset(0.00001));
    assertThat(Electron.wavelengthAngstrom(100)).isCloseTo(0.03701, offset(0.00001));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.9, 2.5, 3.0, 3.2, 7.0, 10.17, 25})
  void shouldMatchBesselIntegralRepresentations(double x) {
    // J1(x) = (1/π)∫₀^π cos(τ − x·sin τ) dτ;  I0(x)e^(−x) = (1/π)∫₀^π e^(x(cos τ − 1)) dτ
    int n = 20_000;
    double j1 = 0;
    double i0 = 0;
    for (int i = 0; i < n; i++) {
      double t = (i + 0.5) * Math.PI / n;
      j1 += Math.cos(t - x * Math.sin(t));
      i0 += Math.exp(x * (Math.cos(t) - 1));
    }
    assertThat(Bessel.j1(x)).isCloseTo(j1 / n, offset(2e-7));
    assertThat(Bessel.i0Scaled(x)).isCloseTo(i0 / n, offset(2e-6 * i0 / n));
  }

  @Test
  void shouldNormaliseTheProbeKernelToUnitIntegral() {
    for (double sigma : new double[] {0, 0.07, 0.5, 1.5}) {
      ProbeKernel k = new ProbeKernel(0.0251, 0.02, sigma);
      int n = 4000;
      double h = k.cutoff() / n;
      double integral = 0;
      for (int i = 0; i < n; i++) {
        double r = (i + 0.5) * h;
        integral += k.at(r) * 2 * Math.PI * r * h;
      }
      assertThat(integral).as("σ=%s", sigma).isCloseTo(1.0, offset(0.01));
    }
  }

  @Test
  void shouldGiveTheAiryProbeItsDiffractionLimitedWidth() {
    // Aberration-free Airy intensity: FWHM = 0.514·λ/α, first zero at 0.61·λ/α.
    double lambda = Electron.wavelengthAngstrom(200);
    double alpha = 0.025;
    ProbeKernel k = new ProbeKernel(lambda, alpha, 0);
    assertThat(k.fwhm()).isCloseTo(0.514 * lambda / alpha, offset(0.02));
    assertThat(k.at(0.61 * lambda / alpha) / k.at(0)).isLessThan(1e-3);
  }

  @Test
  void shouldWidenTheProbeWithSmallerApertureAndWithBroadening() {
    double lambda = Electron.wavelengthAngstrom(200);
    double sharp = new ProbeKernel(lambda, 0.025, 0.07).fwhm();
    assertThat(new ProbeKernel(lambda, 0.012, 0.07).fwhm()).isGreaterThan(1.8 * sharp);
    assertThat(new ProbeKernel(lambda, 0.025, 0.5).fwhm()).isGreaterThan(1.5 * sharp);
  }

  @Test
  void shouldCutCuboctahedraWithTheirMagicNumbersOfAtoms() {
    // k shells around a central atom: circumradius k·a/√2, 10k³/3 + 5k² + 11k/3 + 1 atoms.
    int[] magic = {13, 55, 147, 309};
    for (int k = 1; k <= 4; k++) {
      double diameter = 2 * k * Material.AU.latticeConstantAngstrom() / Math.sqrt(2);
      Nanoparticle p = Nanoparticle.cut(Material.AU, ParticleShape.CUBOCTAHEDRON, diameter, 0.3,
          new SplittableRandom(1));
      assertThat(p.atomCount()).as("%d shells", k).isEqualTo(magic[k - 1]);
    }
  }

  @Test
  void shouldFillSpheresAtTheFccDensity() {
    double diameter = 40;
    double a = Material.PT.latticeConstantAngstrom();
    double expected = 4 / (a * a * a) * Math.PI / 6 * diameter * diameter * diameter;
    Nanoparticle p = Nanoparticle.cut(Material.PT, ParticleShape.SPHERE, diameter, 1.0, new SplittableRandom(2));
    assertThat((double) p.atomCount()).isCloseTo(expected, offset(0.05 * expected));
    for (int i = 0; i < p.atomCount(); i++) {
      assertThat(Math.hypot(p.x()[i], p.y()[i])).isLessThanOrEqualTo(diameter / 2 + 1e-9);
    }
  }
}
