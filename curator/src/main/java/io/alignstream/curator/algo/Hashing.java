package io.alignstream.curator.algo;

import java.nio.charset.StandardCharsets;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * Seeded, platform-independent hashing shared by the package. Every random decision here is a pure
 * function of (id, seed) so that a record replayed after a failure is decided exactly as before.
 * These functions are part of the serialised meaning of the states: changing them changes which
 * samples were selected, so they are pinned by known-answer tests.
 */
final class Hashing {

  static final long DOMAIN_GUMBEL = 0x47756d62656c4b31L; // "GumbelK1"
  static final long DOMAIN_CONTROL = 0x436f6e74726f6c31L; // "Control1"
  static final long DOMAIN_SHINGLE = 0x5368696e676c6531L; // "Shingle1"

  private Hashing() {}

  /** MurmurHash3 x64 128 of {@code bytes}; defined for empty input (which the library rejects). */
  static long[] murmur128(byte[] bytes, long seed) {
    if (bytes.length == 0) {
      // The reference algorithm with no blocks and no tail: only the finalisation runs.
      long h1 = seed;
      long h2 = seed;
      h1 += h2;
      h2 += h1;
      h1 = fmix64(h1);
      h2 = fmix64(h2);
      h1 += h2;
      h2 += h1;
      return new long[] {h1, h2};
    }
    return MurmurHash3.hash(bytes, seed);
  }

  static long hash64(String s, long seed) {
    return murmur128(s.getBytes(StandardCharsets.UTF_8), seed)[0];
  }

  /**
   * Separates the random streams of different uses of one user seed (Gumbel keys, control coins,
   * shingle hashes), so that, say, a control and a top-k sharing a seed are still independent.
   */
  static long domainSeed(long seed, long domain) {
    return fmix64(seed ^ domain);
  }

  /** A double uniform on the open interval (0, 1) from the top 53 bits of {@code h}. */
  static double unitInterval(long h) {
    return ((h >>> 11) + 0.5) * 0x1.0p-53;
  }

  /** MurmurHash3's 64-bit finaliser: a bijection with full avalanche. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** The i-th output of a SplitMix64 stream started at {@code seed} (used to derive salts). */
  static long splitMix(long seed, int i) {
    long z = seed + (i + 1L) * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
