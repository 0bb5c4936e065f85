package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Sample;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolarGeneratorTest {

  private static final int N = 10_000;

  private static List<Sample> samples(SolarParams params, int n) {
    return new SolarGenerator(params).stream(n).toList();
  }

  private static Features features(Sample s) {
    return (Features) s.getPayload();
  }

  /** Column of a keyword, optionally log10-transformed, over the samples. */
  private static double[] column(List<Sample> samples, String keyword, boolean log) {
    int k = SolarGenerator.KEYWORDS.indexOf(keyword);
    return samples.stream().mapToDouble(s -> {
      double v = features(s).getValues().get(k);
      return log ? Math.log10(v) : v;
    }).toArray();
  }

  private static void assertRange(double[] v, double lo, double hi, String what) {
    var stats = Arrays.stream(v).summaryStatistics();
    assertThat(stats.getMin()).as(what + " min").isGreaterThanOrEqualTo(lo);
    assertThat(stats.getMax()).as(what + " max").isLessThanOrEqualTo(hi);
  }

  private static double labelRate(List<Sample> samples) {
    return samples.stream().mapToDouble(s -> features(s).getLabel()).average().orElseThrow();
  }

  @Test
  void shouldProduceIdenticalSamplesAndIdsForTheSameSeed() {
    SolarParams p = SolarParams.defaults().withSeed(5).withAlignment(0.3);
    assertThat(GeneratedSamples.contents(new SolarGenerator(p), 300))
        .isEqualTo(GeneratedSamples.contents(new SolarGenerator(p), 300));
  }

  @Test
  void shouldProduceDifferentSamplesForDifferentSeeds() {
    var a = GeneratedSamples.ids(new SolarGenerator(SolarParams.defaults().withSeed(5)), 300);
    var b = GeneratedSamples.ids(new SolarGenerator(SolarParams.defaults().withSeed(6)), 300);
    assertThat(a).doesNotContainAnyElementsOf(b);
  }

  @Test
  void shouldEmitTheEighteenSharpKeywordsInDesignOrder() {
    Features f = features(new SolarGenerator(SolarParams.defaults()).sample(0));
    assertThat(f.getNames()).containsExactly("USFLUX", "MEANGAM", "MEANGBT", "MEANGBZ", "MEANGBH", "MEANJZD",
        "TOTUSJZ", "MEANALP", "MEANJZH", "TOTUSJH", "ABSNJZH", "SAVNCPP", "MEANPOT", "TOTPOT", "MEANSHR",
        "SHRGT45", "R_VALUE", "AREA_ACR");
    assertThat(f.getValues()).hasSize(18);
  }

  @Test
  void shouldHitTheConfiguredPositiveRateWithinToleranceOverTenThousandSamples() {
    assertThat(labelRate(samples(SolarParams.defaults(), N))).isBetween(0.04, 0.06);
    assertThat(labelRate(samples(SolarParams.defaults().withPositiveRates(0.2, 0.2), N))).isBetween(0.18, 0.22);
  }

  @Test
  void shouldNeverEmitNanOrValuesOutsideTheKeywordsPhysicalRanges() {
    List<Sample> all = samples(SolarParams.defaults().withAlignment(0), N);
    for (Sample s : all) {
      assertThat(features(s).getValues()).allSatisfy(v -> assertThat(v).isFinite());
    }
    assertRange(column(all, "MEANSHR", false), 0, 90, "MEANSHR");
    assertRange(column(all, "MEANGAM", false), 0, 90, "MEANGAM");
    assertRange(column(all, "SHRGT45", false), 0, 100, "SHRGT45");
    assertRange(column(all, "R_VALUE", false), 0, 7, "R_VALUE");
    for (String extensive : List.of("USFLUX", "TOTUSJZ", "TOTPOT", "AREA_ACR", "TOTUSJH", "SAVNCPP")) {
      assertThat(Arrays.stream(column(all, extensive, false)).min().orElseThrow()).as(extensive).isPositive();
    }
    // Active-region unsigned flux spans about 1e21–1e23 Mx, even in the drifted, flare-rich pool.
    double[] flux = column(all, "USFLUX", true);
    Arrays.sort(flux);
    assertThat(flux[flux.length / 100]).isGreaterThan(20.5);
    assertThat(flux[flux.length - flux.length / 100]).isLessThan(23.3);
  }

  @Test
  void shouldCorrelateKeywordsThatShareTheActivityFactorPositively() {
    List<Sample> all = samples(SolarParams.defaults(), N);
    double[] flux = column(all, "USFLUX", true);
    for (String k : List.of("TOTUSJZ", "TOTUSJH", "TOTPOT", "AREA_ACR", "SAVNCPP", "ABSNJZH")) {
      assertThat(GeneratedSamples.pearson(flux, column(all, k, true))).as("log USFLUX vs log " + k)
          .isGreaterThan(0.5);
    }
    assertThat(GeneratedSamples.pearson(column(all, "MEANSHR", false), column(all, "SHRGT45", false)))
        .isGreaterThan(0.5);
    assertThat(GeneratedSamples.pearson(flux, column(all, "R_VALUE", false))).isGreaterThan(0.3);
  }

  @Test
  void shouldGiveFlaringRegionsLargerMoreShearedAndMoreComplexValues() {
    List<Sample> all = samples(SolarParams.defaults().withPositiveRates(0.3, 0.3), N);
    for (String k : List.of("USFLUX", "TOTPOT", "MEANSHR", "SHRGT45", "R_VALUE", "ABSNJZH")) {
      boolean log = !List.of("MEANSHR", "SHRGT45", "R_VALUE").contains(k);
      double[] v = column(all, k, log);
      double flaring = 0;
      double quiet = 0;
      int nf = 0;
      for (int i = 0; i < all.size(); i++) {
        if (features(all.get(i)).getLabel() == 1.0) {
          flaring += v[i];
          nf++;
        } else {
          quiet += v[i];
        }
      }
      assertThat(flaring / nf).as(k).isGreaterThan(quiet / (all.size() - nf));
    }
  }

  @Test
  void shouldShiftDriftAndClassBalanceMonotonicallyAsTheKnobDecreases() {
    double[] knob = {1.0, 0.75, 0.5, 0.25, 0.0};
    double previousFlux = Double.NEGATIVE_INFINITY;
    double previousPot = Double.NEGATIVE_INFINITY;
    double previousRate = -1;
    for (double a : knob) {
      List<Sample> all = samples(SolarParams.defaults().withAlignment(a), N);
      double flux = GeneratedSamples.mean(column(all, "USFLUX", true));
      double pot = GeneratedSamples.mean(column(all, "TOTPOT", true));
      double rate = labelRate(all);
      assertThat(flux).as("mean log USFLUX at a=%s", a).isGreaterThan(previousFlux);
      assertThat(pot).as("mean log TOTPOT at a=%s", a).isGreaterThan(previousPot);
      assertThat(rate).as("flaring rate at a=%s", a).isGreaterThan(previousRate);
      assertThat(all.get(0).getMetadata()).containsEntry("solar.epoch", AlignmentKnob.format(1 - a));
      previousFlux = flux;
      previousPot = pot;
      previousRate = rate;
    }
  }

  @Test
  void shouldMarkMultiRegionPatchesAtTheConfiguredRate() {
    SolarParams p = SolarParams.defaults().withMultiArRate(0.2);
    List<Sample> firsts = new SolarGenerator(p).stream(30_000).filter(s -> s.getMetadata().get("gen.index")
        .endsWith("0")).toList(); // one record per 10-record patch
    double multi = firsts.stream().filter(s -> Integer.parseInt(s.getMetadata().get("NOAA_NUM")) > 1).count()
        / (double) firsts.size();
    assertThat(multi).isBetween(0.17, 0.23);
    assertThat(firsts).allSatisfy(s -> assertThat(s.getMetadata().get("NOAA_ARS").split(","))
        .hasSize(Integer.parseInt(s.getMetadata().get("NOAA_NUM"))));
  }

  @Test
  void shouldWriteHarpIdentityAndTRecInTaiOnTheTwelveMinuteCadence() {
    SolarGenerator g = new SolarGenerator(SolarParams.defaults());
    Sample first = g.sample(0);
    Sample second = g.sample(1);
    Sample nextPatch = g.sample(10);
    assertThat(first.getMetadata()).containsEntry("T_REC", "2014.01.01_00:00:00_TAI")
        .containsEntry("HARPNUM", "1000").containsKeys("NOAA_AR", "NOAA_NUM", "NOAA_ARS");
    assertThat(second.getMetadata()).containsEntry("T_REC", "2014.01.01_00:12:00_TAI")
        .containsEntry("HARPNUM", "1000");
    assertThat(nextPatch.getMetadata()).containsEntry("HARPNUM", "1001");
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2013-12-31T23:59:23Z"));
    assertThat(first.getSource()).isEqualTo("generator:solar");
    assertThat(first.getDomain()).isEqualTo("synthetic-a1");
    assertThat(first.getTask()).isEqualTo("solar.flare24h");
  }
}
