package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of the state classes over generated inputs: every state survives its byte form
 * unchanged and keeps deciding the same afterwards, and the streaming structures agree with their
 * brute-force definitions. Fixed seeds keep runs reproducible.
 */
class AlgoStatePropertiesTest {

  private static final String SEED = "424242";

  record Offer(String id, double logWeight) {}

  @Property(tries = 300, seed = SEED)
  void gumbelTopKShouldHoldTheKLargestKeysOfAllDistinctIds(
      @ForAll("offers") List<Offer> offers, @ForAll @IntRange(min = 1, max = 8) int k, @ForAll long seed) {
    GumbelTopK topK = new GumbelTopK(k, seed);
    Map<String, Double> lastKey = new HashMap<>();
    for (Offer o : offers) {
      topK.offer(o.id(), o.logWeight());
      lastKey.putIfAbsent(o.id(), GumbelTopK.gumbelKey(o.id(), o.logWeight(), seed));
    }
    // offers repeat ids only with their first weight (see offers()), so the brute-force top k is well defined
    List<String> expected = lastKey.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();

    assertThat(topK.members()).extracting(GumbelTopK.Member::id).containsExactlyElementsOf(expected);
  }

  @Property(tries = 200, seed = SEED)
  void gumbelTopKShouldSurviveItsBytes(@ForAll("offers") List<Offer> offers, @ForAll @IntRange(min = 1, max = 8) int k) {
    GumbelTopK topK = new GumbelTopK(k, 5);
    offers.forEach(o -> topK.offer(o.id(), o.logWeight()));

    GumbelTopK copy = GumbelTopK.fromBytes(topK.toBytes());

    assertThat(copy.members()).isEqualTo(topK.members());
    assertThat(copy.toBytes()).isEqualTo(topK.toBytes());
    assertThat(copy.offer("probe", 0.0)).isEqualTo(topK.offer("probe", 0.0));
  }

  @Property(tries = 100, seed = SEED)
  void streamingQuantileShouldSurviveItsBytes(
      @ForAll @Size(max = 3000) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
      @ForAll @IntRange(min = 8, max = 400) int k) {
    StreamingQuantile sketch = new StreamingQuantile(k);
    values.forEach(sketch::update);

    byte[] bytes = sketch.toBytes();
    StreamingQuantile copy = StreamingQuantile.fromBytes(bytes);

    assertThat(StreamingQuantile.fromBytes(bytes).toBytes()).isEqualTo(bytes);
    assertThat(copy.count()).isEqualTo(values.size());
    assertThat(copy.k()).isEqualTo(k);
    if (!values.isEmpty()) {
      assertThat(copy.quantiles(0, 0.3, 0.5, 0.9, 1)).containsExactly(sketch.quantiles(0, 0.3, 0.5, 0.9, 1));
      assertThat(copy.isInTopFraction(values.get(0), 0.2)).isEqualTo(sketch.isInTopFraction(values.get(0), 0.2));
    }
  }

  @Property(tries = 200, seed = SEED)
  void familyGridShouldNeverOverfillAndSurviveItsBytes(
      @ForAll @Size(max = 300) List<@DoubleRange(min = 0, max = 1) Double> scores,
      @ForAll boolean nested,
      @ForAll @IntRange(min = 0, max = 4) int log2Min) {
    FamilyGrid.Layout layout = nested ? FamilyGrid.Layout.NESTED : FamilyGrid.Layout.DISJOINT;
    long[] sizes = FamilyGrid.powersOfTwo(1L << log2Min, 1L << (log2Min + 2));
    FamilyGrid grid = new FamilyGrid(new double[] {0.25, 0.5, 0.75}, sizes, layout);
    long[] arrivals = new long[grid.bucketCount()];
    for (double s : scores) {
      arrivals[grid.bucketOf(s)]++;
      grid.offer(s);
    }

    for (FamilyGrid.Member m : grid.members()) {
      long count = grid.count(m.bucket(), m.sizeIndex());
      assertThat(count).isBetween(0L, m.size());
      if (nested) {
        assertThat(count).as("a nested member holds a prefix of its bucket")
            .isEqualTo(Math.min(arrivals[m.bucket()], m.size()));
      }
    }
    FamilyGrid copy = FamilyGrid.fromBytes(grid.toBytes());
    assertThat(copy.toBytes()).isEqualTo(grid.toBytes());
    assertThat(copy.offer(0.6)).isEqualTo(grid.offer(0.6));
  }

  @Property(tries = 200, seed = SEED)
  void reservoirOrRateShouldSurviveItsBytes(
      @ForAll @DoubleRange(min = 0, max = 1) double rate,
      @ForAll @LongRange(min = 0, max = 50) long target,
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 10_000) Integer> ids,
      @ForAll long seed) {
    ReservoirOrRate control = ReservoirOrRate.sizeMatched(target, rate, seed);
    ids.forEach(i -> control.offer("s" + i));
    assertThat(control.kept()).isLessThanOrEqualTo(target);

    ReservoirOrRate copy = ReservoirOrRate.fromBytes(control.toBytes());

    assertThat(copy.toBytes()).isEqualTo(control.toBytes());
    assertThat(copy.offer("probe")).isEqualTo(control.offer("probe"));
  }

  @Property(tries = 200, seed = SEED)
  void minHashSignatureShouldSurviveItsBytesAndEstimateOneForItself(@ForAll @Size(max = 200) String text) {
    MinHashLsh lsh = new MinHashLsh(MinHashLsh.Config.defaults(1));
    MinHashSignature sig = lsh.signature(text);

    MinHashSignature copy = MinHashSignature.fromBytes(sig.toBytes());

    assertThat(copy).isEqualTo(sig);
    assertThat(copy.estimateJaccard(sig)).isEqualTo(1.0);
    assertThat(lsh.bandKeys(copy)).isEqualTo(lsh.bandKeys(sig));
  }

  @Property(tries = 500, seed = SEED)
  void normalizerShouldBeIdempotentAndLeaveNoOuterOrDoubleSpaces(@ForAll("texts") String text, @ForAll boolean lower) {
    TextNormalizer normalizer = new TextNormalizer(lower);
    String once = normalizer.normalize(text);

    assertThat(normalizer.normalize(once)).isEqualTo(once);
    assertThat(once).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
    assertThat(ContentHash.ofText(text, normalizer)).isEqualTo(ContentHash.ofText(once, normalizer));
  }

  /** Offers over a small id space, so ids repeat; a repeated id always carries its first weight. */
  @Provide
  Arbitrary<List<Offer>> offers() {
    Arbitrary<Integer> ids = Arbitraries.integers().between(0, 40);
    Arbitrary<Double> weights = Arbitraries.doubles().between(-5, 5);
    return Combinators.combine(ids, weights).as((i, w) -> new Offer("id-" + i, w)).list().ofMaxSize(120)
        .map(list -> {
          Map<String, Double> first = new HashMap<>();
          return list.stream()
              .map(o -> new Offer(o.id(), first.computeIfAbsent(o.id(), id -> o.logWeight())))
              .toList();
        });
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6),
        Arbitraries.of(" ", "\t", "\n", "\u00a0", "\u3000", "\u200b", "e\u0301", "\u212b", "\u0130", "\u00df"));
    return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
  }
}
