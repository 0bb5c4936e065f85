package io.alignstream.curator.algo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * Near-duplicate detection by MinHash and locality-sensitive hashing (banding).
 *
 * <p>A text is normalised ({@link TextNormalizer}), cut into shingles (overlapping runs of {@code
 * shingleSize} code points or whitespace-separated words), and summarised by {@code bands × rows}
 * minimum hashes ({@link MinHashSignature}). Two signatures agree at each position with
 * probability equal to the Jaccard similarity s of the shingle sets (for ideal min-wise hashing;
 * the tests check that these hash functions get close). The signature is cut into
 * {@code bands} bands of {@code rows} values; each band hashes to a {@link BandKey}, and two texts
 * are candidates when they share at least one band key, which happens with probability {@code
 * 1 − (1 − s^rows)^bands} (an S-curve rising around {@code (1/bands)^(1/rows)}). A state store
 * keyed by band key finds candidates in O(bands) lookups; {@link
 * MinHashSignature#estimateJaccard} then confirms them.
 *
 * <p>Hash function i maps a shingle to {@code fmix64(murmur3(shingle, seed') XOR salt_i)}, salts
 * drawn from SplitMix64(seed): one string hash per shingle, then cheap bijective remixing. Texts
 * shorter than one shingle form a single shingle (the whole text); an empty text has no shingles,
 * and all empty texts share one signature. Immutable and thread-safe.
 */
public final class MinHashLsh {

  public enum ShingleUnit {
    CHARACTER,
    WORD
  }

  /**
   * @param unit what a shingle is made of
   * @param shingleSize shingle length in code points or words (e.g. 5 characters, 3 words)
   * @param bands number of LSH bands b
   * @param rows hash values per band r; the signature has b·r values
   * @param seed seeds the shingle hash and the per-function salts
   * @param normalizer applied to text before shingling
   */
  public record Config(
      ShingleUnit unit, int shingleSize, int bands, int rows, long seed, TextNormalizer normalizer) {

    public Config {
      if (unit == null || normalizer == null) {
        throw new IllegalArgumentException("unit and normalizer are required");
      }
      if (shingleSize < 1 || bands < 1 || rows < 1) {
        throw new IllegalArgumentException("shingleSize, bands and rows must be at least 1");
      }
      if ((long) bands * rows > 4096) {
        throw new IllegalArgumentException("bands × rows must be at most 4096, got " + bands * rows);
      }
    }

    /** 5-character shingles, lower-cased, 20 bands × 5 rows (S-curve midpoint ≈ 0.55). */
    public static Config defaults(long seed) {
      return new Config(ShingleUnit.CHARACTER, 5, 20, 5, seed, TextNormalizer.LOWER_CASE);
    }

    public int numHashes() {
      return bands * rows;
    }
  }

  /**
   * A state-store key for one band of a signature. {@link #toString()} is {@code "b<band>-<16 hex
   * digits>"}; {@link #toBytes()} is the band (int) then the hash (long), big-endian, so byte-keyed
   * stores group keys by band.
   */
  public record BandKey(int band, long hash) {

    public static final int BYTES = 12;

    public byte[] toBytes() {
      return ByteBuffer.allocate(BYTES).putInt(band).putLong(hash).array();
    }

    public static BandKey fromBytes(byte[] bytes) {
      if (bytes.length != BYTES) {
        throw new IllegalArgumentException("a band key has 12 bytes, got " + bytes.length);
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      return new BandKey(buf.getInt(), buf.getLong());
    }

    @Override
    public String toString() {
      return "b" + band + "-" + HexFormat.of().toHexDigits(hash);
    }
  }

  private final Config config;
  private final long[] salts;
  private final long configId;
  private final long shingleSeed;

  public MinHashLsh(Config config) {
    this.config = config;
    this.salts = new long[config.numHashes()];
    for (int i = 0; i < salts.length; i++) {
      salts[i] = Hashing.splitMix(config.seed(), i);
    }
    String description = "minhash-v1|" + config.unit() + "|" + config.shingleSize() + "|" + config.bands()
        + "|" + config.rows() + "|" + config.seed() + "|" + config.normalizer().lowerCase();
    this.configId = Hashing.hash64(description, 0L);
    this.shingleSeed = Hashing.domainSeed(config.seed(), Hashing.DOMAIN_SHINGLE);
  }

  public Config config() {
    return config;
  }

  /** Identifies the configuration; stamped on every signature this instance makes. */
  public long configId() {
    return configId;
  }

  /** The distinct shingles of the normalised text, in order of first occurrence. */
  public Set<String> shingles(String text) {
    String norm = config.normalizer().normalize(text);
    Set<String> out = new LinkedHashSet<>();
    if (norm.isEmpty()) {
      return out;
    }
    int n = config.shingleSize();
    if (config.unit() == ShingleUnit.WORD) {
      List<String> words = Arrays.asList(norm.split(" "));
      for (int i = 0; i + n <= Math.max(words.size(), n); i++) {
        out.add(String.join(" ", words.subList(i, Math.min(i + n, words.size()))));
      }
    } else {
      int[] cps = norm.codePoints().toArray();
      for (int i = 0; i + n <= Math.max(cps.length, n); i++) {
        out.add(new String(cps, i, Math.min(n, cps.length - i)));
      }
    }
    return out;
  }

  public MinHashSignature signature(String text) {
    return signatureOfShingles(shingles(text));
  }

  /** The signature of an already-built shingle set (any strings; used as given). */
  public MinHashSignature signatureOfShingles(Collection<String> shingles) {
    long[] mins = new long[salts.length];
    Arrays.fill(mins, Long.MAX_VALUE);
    for (String shingle : shingles) {
      long base = Hashing.hash64(shingle, shingleSeed);
      for (int i = 0; i < mins.length; i++) {
        long h = Hashing.fmix64(base ^ salts[i]);
        if (h < mins[i]) {
          mins[i] = h;
        }
      }
    }
    return new MinHashSignature(configId, mins);
  }

  /** One key per band, band 0 first. */
  public List<BandKey> bandKeys(MinHashSignature signature) {
    if (signature.configId() != configId) {
      throw new IllegalArgumentException("signature comes from a different MinHash configuration");
    }
    long[] values = signature.valuesView();
    int r = config.rows();
    List<BandKey> keys = new ArrayList<>(config.bands());
    for (int b = 0; b < config.bands(); b++) {
      keys.add(new BandKey(b, MurmurHash3.hash(values, b * r, r, config.seed())[0]));
    }
    return keys;
  }

  /** Probability that two texts of Jaccard similarity s share at least one band key. */
  public double collisionProbability(double s) {
    return collisionProbability(s, config.bands(), config.rows());
  }

  /** {@code 1 − (1 − s^rows)^bands}. */
  public static double collisionProbability(double s, int bands, int rows) {
    if (!(s >= 0.0 && s <= 1.0)) {
      throw new IllegalArgumentException("similarity must be in [0, 1], got " + s);
    }
    return -Math.expm1(bands * Math.log1p(-Math.pow(s, rows)));
  }

  /** The usual approximation of the S-curve's midpoint, {@code (1/bands)^(1/rows)}. */
  public double threshold() {
    return Math.pow(1.0 / config.bands(), 1.0 / config.rows());
  }

  /** Exact Jaccard similarity |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
  public static <T> double jaccard(Set<T> a, Set<T> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1.0;
    }
    Set<T> small = a.size() <= b.size() ? a : b;
    Set<T> large = small == a ? b : a;
    long common = small.stream().filter(large::contains).count();
    return (double) common / (a.size() + b.size() - common);
  }
}
