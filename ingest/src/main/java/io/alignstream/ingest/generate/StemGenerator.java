package io.alignstream.ingest.generate;

import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic HAADF-STEM images of fcc nanoparticles on amorphous carbon ({@code Image}, 16-bit, label
 * = true diameter in Å), by the fast incoherent model of DESIGN §6:
 * <pre>
 *   I(r) = |ψ_probe|²(r) ⊛ O(r),   O(r) = Σ_atoms Z_j^n · g(r − r_j)   (projected along the beam)
 *   expected electrons(r) = dose · pixel² · Σ_j σ_j · K(r − r_j),   σ_j = σ_Au · (Z_j / 79)^n
 * </pre>
 * with K the probe-convolved atom image {@code |ψ_probe|² ⊛ g} of {@link ProbeKernel} (∫K = 1) and
 * σ_j the atom's HAADF cross-section, so the signal is I(r) up to the constant dose·pixel²·σ_Au/79^n. Then Poisson shot noise, Gaussian read noise and scan-line jitter ({@link StemNoise}).
 * Valid for thin specimens only: no channelling, no multiple scattering (abTEM's multislice is the
 * reference).
 *
 * <p>Pixels are stored big-endian unsigned: {@code level = round((electrons + offset) · scale)}, with
 * {@code offset} lifting negative read noise to 0 and {@code scale} mapping the brightest pixel to
 * 65535, so nothing clips; metadata {@code stem.offsetElectrons} and {@code stem.levelsPerElectron}
 * undo it: {@code electrons = level / scale − offset}.
 *
 * <p>Geometry (diameter, rotation, position, support, material choice) and noise use separate random
 * streams, so changing the dose or the noise of a seed keeps its particles.
 */
public final class StemGenerator implements SampleGenerator {
  public static final String KIND = "stem";
  private static final int GOLD_Z = 79;

  private final StemParams params;
  private final MicroscopeSettings settings;
  private final StemRenderer renderer;
  private final double wavelength;
  private final double probeFwhm;

  /** @throws IllegalArgumentException if the largest particle does not fit the field of view */
  public StemGenerator(StemParams params) {
    this.params = params.requireParticlesFit();
    this.settings = params.settings();
    this.wavelength = settings.wavelengthAngstrom();
    double alpha = settings.convergenceMrad() * 1e-3;
    double defocusSigma = alpha * Math.abs(settings.defocusAngstrom()) / 2;
    double sigma = Math.sqrt(square(params.atomSigmaAngstrom()) + square(settings.sourceSizeAngstrom())
        + square(defocusSigma));
    ProbeKernel kernel = new ProbeKernel(wavelength, alpha, sigma);
    this.probeFwhm = kernel.fwhm();
    this.renderer = new StemRenderer(kernel, params.imageSize(), params.imageSize(), settings.pixelSizeAngstrom());
  }

  public StemParams params() {
    return params;
  }

  /** The microscope at this generator's knob value (material: the target's; chosen per image). */
  public MicroscopeSettings settings() {
    return settings;
  }

  @Override
  public Sample sample(long index) {
    SplittableRandom geometry = Seeds.forIndex(params.seed(), Seeds.MAIN, index);
    SplittableRandom noise = Seeds.forIndex(params.seed(), Seeds.NOISE, index);
    Material material = geometry.nextDouble() < params.alignment()
        ? params.target().material() : params.shifted().material();
    double diameter = params.minDiameterAngstrom()
        + geometry.nextDouble() * (params.maxDiameterAngstrom() - params.minDiameterAngstrom());
    double rotation = geometry.nextDouble() * 2 * Math.PI;
    int size = params.imageSize();
    double pixel = settings.pixelSizeAngstrom();
    double field = size * pixel;
    double slack = Math.max(0, field / 2 - diameter / 2 - StemParams.MARGIN_ANGSTROM);
    double cx = field / 2 + (geometry.nextDouble() - 0.5) * slack;
    double cy = field / 2 + (geometry.nextDouble() - 0.5) * slack;
    Nanoparticle particle = Nanoparticle.cut(material, params.shape(), diameter, rotation, geometry);

    double[] rowShift = rowShifts(noise, size, pixel);
    double electronsPerPixel = settings.dosePerA2() * pixel * pixel;
    double[] expected = new double[size * size];
    double n = params.zExponent();
    double[] px = translate(particle.x(), cx);
    double[] py = translate(particle.y(), cy);
    renderer.splat(expected, px, py, new double[] {electronsPerPixel * crossSection(material.atomicNumber(), n)},
        rowShift);
    int supportAtoms = (int) Math.round(params.supportAtomsPerA2() * field * field);
    if (supportAtoms > 0) {
      double[] sx = new double[supportAtoms];
      double[] sy = new double[supportAtoms];
      for (int k = 0; k < supportAtoms; k++) {
        sx[k] = geometry.nextDouble() * field;
        sy[k] = geometry.nextDouble() * field;
      }
      renderer.splatBackground(expected, sx, sy, electronsPerPixel * crossSection(Material.CARBON_Z, n));
    }
    double[] electrons = detect(expected, noise);
    Quantized q = Quantized.of(electrons);

    Map<String, String> m = GeneratorMetadata.base(KIND, params.seed(), params.alignment(), index);
    m.put("stem.material", material.name());
    m.put("stem.Z", Integer.toString(material.atomicNumber()));
    m.put("stem.latticeConstantAngstrom", GeneratorMetadata.num(material.latticeConstantAngstrom()));
    m.put("stem.shape", params.shape().name().toLowerCase(Locale.ROOT));
    m.put("stem.diameterAngstrom", GeneratorMetadata.num(diameter));
    m.put("stem.atomCount", Integer.toString(particle.atomCount()));
    m.put("stem.supportAtomCount", Integer.toString(supportAtoms));
    m.put("stem.voltageKv", GeneratorMetadata.num(settings.voltageKv()));
    m.put("stem.wavelengthAngstrom", GeneratorMetadata.num(wavelength));
    m.put("stem.convergenceMrad", GeneratorMetadata.num(settings.convergenceMrad()));
    m.put("stem.defocusAngstrom", GeneratorMetadata.num(settings.defocusAngstrom()));
    m.put("stem.sourceSizeAngstrom", GeneratorMetadata.num(settings.sourceSizeAngstrom()));
    m.put("stem.probeFwhmAngstrom", GeneratorMetadata.num(probeFwhm));
    m.put("stem.dosePerA2", GeneratorMetadata.num(settings.dosePerA2()));
    m.put("stem.pixelSizeAngstrom", GeneratorMetadata.num(pixel));
    m.put("stem.zExponent", GeneratorMetadata.num(n));
    m.put("stem.shotNoise", Boolean.toString(params.noise().shotNoise()));
    m.put("stem.readNoiseElectrons", GeneratorMetadata.num(params.noise().readNoiseElectrons()));
    m.put("stem.scanJitterPixels", GeneratorMetadata.num(params.noise().scanJitterPixels()));
    m.put("stem.levelsPerElectron", GeneratorMetadata.num(q.scale));
    m.put("stem.offsetElectrons", GeneratorMetadata.num(q.offset));
    Image image = new Image(size, size, 16, ByteBuffer.wrap(q.bytes), pixel, diameter);
    return Samples.of(params.task(), params.role(), GeneratorMetadata.source(KIND),
        AlignmentKnob.domain(params.alignment()), image, params.timeline().at(index), m);
  }

  /** σ_j = σ_Au · (Z/79)^n in Å². */
  private double crossSection(int z, double n) {
    return params.goldCrossSectionA2() * Math.pow((double) z / GOLD_Z, n);
  }

  private double[] rowShifts(SplittableRandom rng, int rows, double pixel) {
    double jitter = params.noise().scanJitterPixels();
    if (jitter == 0) {
      return null;
    }
    double[] shift = new double[rows];
    for (int j = 0; j < rows; j++) {
      shift[j] = jitter * pixel * rng.nextGaussian();
    }
    return shift;
  }

  private double[] detect(double[] expected, SplittableRandom rng) {
    StemNoise noise = params.noise();
    double[] out = new double[expected.length];
    for (int p = 0; p < expected.length; p++) {
      double e = noise.shotNoise() ? Distributions.poisson(rng, expected[p]) : expected[p];
      if (noise.readNoiseElectrons() > 0) {
        e += noise.readNoiseElectrons() * rng.nextGaussian();
      }
      out[p] = e;
    }
    return out;
  }

  private static double[] translate(double[] v, double by) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] + by;
    }
    return out;
  }

  private static double square(double v) {
    return v * v;
  }

  /** Unsigned 16-bit big-endian levels with the offset and scale that produced them. */
  private record Quantized(byte[] bytes, double offset, double scale) {
    static Quantized of(double[] electrons) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double e : electrons) {
        min = Math.min(min, e);
        max = Math.max(max, e);
      }
      double offset = Math.max(0, -min);
      double top = max + offset;
      double scale = top > 0 ? 65535 / top : 1;
      byte[] bytes = new byte[electrons.length * 2];
      for (int p = 0; p < electrons.length; p++) {
        int level = (int) Math.min(65535, Math.round((electrons[p] + offset) * scale));
        bytes[2 * p] = (byte) (level >>> 8);
        bytes[2 * p + 1] = (byte) level;
      }
      return new Quantized(bytes, offset, scale);
    }
  }
}
