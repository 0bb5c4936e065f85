package io.alignstream.ingest.generate;

/**
 * Detector and scan imperfections applied after the noiseless image.
 *
 * @param shotNoise draw each pixel's electron count from Poisson(expected count)
 * @param readNoiseElectrons σ of additive Gaussian read-out noise, in electrons
 * @param scanJitterPixels σ of a per-scan-line horizontal displacement, in pixels (fly-back and
 *     environmental instabilities shift whole lines)
 */
public record StemNoise(boolean shotNoise, double readNoiseElectrons, double scanJitterPixels) {
  /** A perfect detector and scan: the image is the expected count. */
  public static final StemNoise NONE = new StemNoise(false, 0, 0);

  public StemNoise {
    if (!(readNoiseElectrons >= 0) || !(scanJitterPixels >= 0)) {
      throw new IllegalArgumentException("noise levels must be ≥ 0");
    }
  }

  /** Shot noise, 2 e⁻ read noise, 0.3 px line jitter. */
  public static StemNoise defaults() {
    return new StemNoise(true, 2.0, 0.3);
  }
}
