package io.alignstream.curator.algo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * One-pass weighted sampling of k items without replacement, with probability proportional to
 * {@code exp(logWeight)}: keep the k items with the largest key {@code logWeight + G}, G a standard
 * Gumbel variable (the Gumbel-top-k trick; equivalent in distribution to drawing k times in
 * sequence without replacement). With {@code logWeight = score / T} this samples ∝ {@code
 * exp(score / T)}; with DSIR's {@code log w(x)} it is DSIR importance resampling (DESIGN §4).
 *
 * <p>Replay safety: G is a pure function of (sample id, seed), so a record replayed after a
 * failure gets the same key and the same decision. Items of one stream must therefore have
 * distinct ids, and independent samples (say, one per dataset) need distinct seeds.
 *
 * <p>{@link #offer} answers whether the item is <em>currently</em> in the top k; a later, stronger
 * item may evict it, and the evicted id is reported so the caller can retract or tombstone it.
 * Re-offering a current member is idempotent when its weight is unchanged; a changed weight
 * replaces its key in place (evicted items are gone, so nothing else is reconsidered), and a
 * change to weight 0 removes it (reported as evicting itself). Items with {@code logWeight = −∞}
 * (weight 0) are never kept. Equal keys are broken by the smaller id.
 *
 * <p>Mutable, not thread-safe; memory and serialised size are O(k · id length).
 */
public final class GumbelTopK {

  /** A retained item: its id, the log-weight it was offered with, and its Gumbel-perturbed key. */
  public record Member(String id, double logWeight, double key) {}

  /**
   * The outcome of an offer: whether the item is now among the top k, the id it displaced (if
   * any), and its key (comparable with {@link #threshold()}).
   */
  public record Offer(boolean inTopK, Optional<String> evicted, double key) {}

  private static final String TYPE = "GumbelTopK";
  private static final byte TAG = 'G';
  private static final byte V1 = 1;

  /** Weakest first: smaller key, then (for equal keys) the larger id. */
  private static final Comparator<Member> WEAKEST_FIRST =
      Comparator.comparingDouble(Member::key).thenComparing(Member::id, Comparator.reverseOrder());

  private final int k;
  private final long seed;
  private final TreeSet<Member> heap = new TreeSet<>(WEAKEST_FIRST);
  private final Map<String, Member> byId = new HashMap<>();

  public GumbelTopK(int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    this.k = k;
    this.seed = seed;
  }

  /** {@code score / temperature}: the log-weight of a softmax at temperature T > 0. */
  public static double logWeight(double score, double temperature) {
    if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
    }
    return score / temperature;
  }

  /** The Gumbel-perturbed key of an item: {@code logWeight − ln(−ln U)}, U = hash(id, seed). */
  public static double gumbelKey(String id, double logWeight, long seed) {
    double u = Hashing.unitInterval(Hashing.hash64(id, Hashing.domainSeed(seed, Hashing.DOMAIN_GUMBEL)));
    return logWeight - Math.log(-Math.log(u));
  }

  public Offer offer(String id, double logWeight) {
    if (id == null) {
      throw new IllegalArgumentException("id must not be null");
    }
    if (Double.isNaN(logWeight) || logWeight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("logWeight must be finite or -Infinity, got " + logWeight);
    }
    double key = gumbelKey(id, logWeight, seed);
    Member candidate = new Member(id, logWeight, key);
    Member existing = byId.get(id);
    if (existing != null) {
      if (existing.equals(candidate)) {
        return new Offer(true, Optional.empty(), key);
      }
      heap.remove(existing);
      byId.remove(id);
      if (key == Double.NEGATIVE_INFINITY) {
        return new Offer(false, Optional.of(id), key);
      }
      put(candidate);
      return new Offer(true, Optional.empty(), key);
    }
    if (key == Double.NEGATIVE_INFINITY) {
      return new Offer(false, Optional.empty(), key);
    }
    return admit(candidate);
  }

  private Offer admit(Member candidate) {
    if (heap.size() < k) {
      put(candidate);
      return new Offer(true, Optional.empty(), candidate.key());
    }
    Member weakest = heap.first();
    if (WEAKEST_FIRST.compare(candidate, weakest) <= 0) {
      return new Offer(false, Optional.empty(), candidate.key());
    }
    heap.pollFirst();
    byId.remove(weakest.id());
    put(candidate);
    return new Offer(true, Optional.of(weakest.id()), candidate.key());
  }

  private void put(Member m) {
    heap.add(m);
    byId.put(m.id(), m);
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  public int size() {
    return heap.size();
  }

  public int k() {
    return k;
  }

  public long seed() {
    return seed;
  }

  /** The key an item must beat to enter, once k items are held; empty while filling up. */
  public OptionalDouble threshold() {
    return heap.size() < k ? OptionalDouble.empty() : OptionalDouble.of(heap.first().key());
  }

  /** The members, strongest (largest key) first. */
  public List<Member> members() {
    List<Member> out = new ArrayList<>(heap.descendingSet());
    return Collections.unmodifiableList(out);
  }

  /**
   * Folds {@code other} in: afterwards this holds the top k of the union, as if one instance had
   * seen both streams (keys depend only on id and seed). Both must share k and seed. An id held by
   * both keeps this instance's entry.
   */
  public void merge(GumbelTopK other) {
    if (other.k != k || other.seed != seed) {
      throw new IllegalArgumentException("merge needs equal k and seed: (" + k + ", " + seed
          + ") vs (" + other.k + ", " + other.seed + ")");
    }
    for (Member m : other.heap) {
      if (!byId.containsKey(m.id())) {
        admit(m);
      }
    }
  }

  /**
   * Tag 'G', version 1, then k (int), seed (long), member count (int), and per member: key
   * (double), logWeight (double), id (int length + UTF-8 bytes). Big-endian.
   */
  public byte[] toBytes() {
    List<byte[]> ids = new ArrayList<>(heap.size());
    int body = 4 + 8 + 4;
    for (Member m : heap) {
      byte[] id = Wire.utf8(m.id());
      ids.add(id);
      body += 8 + 8 + 4 + id.length;
    }
    ByteBuffer buf = Wire.allocate(TAG, V1, body).putInt(k).putLong(seed).putInt(heap.size());
    int i = 0;
    for (Member m : heap) {
      byte[] id = ids.get(i++);
      buf.putDouble(m.key()).putDouble(m.logWeight()).putInt(id.length).put(id);
    }
    return buf.array();
  }

  public static GumbelTopK fromBytes(byte[] bytes) {
    return Wire.decode(TYPE, () -> {
      ByteBuffer buf = Wire.open(bytes, TAG, V1, TYPE);
      int k = buf.getInt();
      if (k < 1) {
        throw new IllegalArgumentException(TYPE + ": corrupt k " + k);
      }
      GumbelTopK topK = new GumbelTopK(k, buf.getLong());
      int n = buf.getInt();
      if (n < 0 || n > k) {
        throw new IllegalArgumentException(TYPE + ": corrupt member count " + n);
      }
      for (int i = 0; i < n; i++) {
        double key = buf.getDouble();
        double logWeight = buf.getDouble();
        topK.put(new Member(Wire.readUtf8(buf, TYPE), logWeight, key));
      }
      Wire.requireFullyRead(buf, TYPE);
      return topK;
    });
  }

  @Override
  public String toString() {
    return "GumbelTopK[k=" + k + ", seed=" + seed + ", size=" + heap.size() + "]";
  }
}
