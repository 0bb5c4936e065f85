package io.alignstream.ingest.generate;

import java.util.SplittableRandom;

/**
 * Per-sample random streams. Deriving the stream of sample {@code i} from {@code (seed, stream, i)}
 * through a 64-bit mixer, rather than drawing all samples from one sequence, is what makes generators
 * random-access and lets one part of a sample (e.g. its noise) change without moving another (its
 * geometry).
 */
final class Seeds {
  private Seeds() {}

  /** Stream ids keep independent parts of one sample apart. */
  static final long MAIN = 0x5EED_0001L;
  static final long GROUP = 0x5EED_0002L;
  static final long NOISE = 0x5EED_0003L;

  static SplittableRandom forIndex(long seed, long stream, long index) {
    long h = mix64(seed ^ mix64(stream));
    h = mix64(h + 0x9E37_79B9_7F4A_7C15L * (index + 1));
    return new SplittableRandom(h);
  }

  /** Stafford's variant 13 of the SplitMix64 finaliser. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
