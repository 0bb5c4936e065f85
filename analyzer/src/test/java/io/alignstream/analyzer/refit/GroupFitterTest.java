package io.alignstream.analyzer.refit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.analyzer.SyntheticResults;
import io.alignstream.analyzer.fit.AlignmentAwareLaw;
import io.alignstream.analyzer.fit.Crossover;
import io.alignstream.analyzer.fit.ScalingLawFitter;
import io.alignstream.analyzer.model.CrossoverDetail;
import io.alignstream.analyzer.model.FitId;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.GroupKey;
import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.schemas.fit.FitParameter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.training.TrainingResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupFitterTest {
  private static final GroupKey MT = new GroupKey("mt.en-fr", "fam1");
  private final GroupFitter fitter = newFitter();

  private static GroupFitter newFitter() {
    return new GroupFitter(new ScalingLawFitter(), RefitSettings.defaults(), Clock.systemUTC());
  }

  @Test
  void shouldRecoverEachDatasetsPowerLawFromSyntheticResults() {
    // given one dataset at A = 1: L = 1.5 + 20·D^−0.4, 1% noise
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1");
    List<ResultPoint> points = SyntheticResults.points(synthetic.dataset("mt-aligned", 1.0, 30, 1e6));

    GroupAnalysis analysis = fitter.analyse(MT, points);

    ScalingFit loss = fit(analysis, "mt.en-fr|fam1|power|downstreamCrossEntropy|mt-aligned");
    assertThat(loss.getPoints()).isEqualTo(30);
    assertThat(value(loss, "E")).isCloseTo(1.5, within(0.15));
    assertThat(value(loss, "B")).isCloseTo(20, within(8.0));
    assertThat(value(loss, "alpha")).isCloseTo(0.4, within(0.06));
    assertThat(parameter(loss, "alpha").getCi().getLower()).isLessThan(value(loss, "alpha"));
    assertThat(parameter(loss, "alpha").getCi().getUpper()).isGreaterThan(value(loss, "alpha"));
    assertThat(loss.getGoodness()).containsKeys("rmseLog", "heldOutMeanRelativeError");
    assertThat(loss.getGoodness().get("heldOutMeanRelativeError")).isLessThan(0.05);
    // and the log-law of the task's main metric, BLEU for MT
    ScalingFit bleu = fit(analysis, "mt.en-fr|fam1|log-metric|BLEU|mt-aligned");
    assertThat(bleu.getParameters()).extracting(FitParameter::getName).containsExactly("a", "alpha", "beta");
    assertThat(bleu.getPeakSize()).isNull();
  }

  @Test
  void shouldFitTheAlignmentAwareLawAcrossTheFamilyWithCrossovers() {
    // given an aligned set trained up to D = 1e4 and three misaligned ones up to 1e6
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1").noise(0.005);
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-a95", 0.95, 12, 1e4));
    results.addAll(synthetic.dataset("mt-a75", 0.75, 15, 1e6));
    results.addAll(synthetic.dataset("mt-a55", 0.55, 15, 1e6));
    results.addAll(synthetic.dataset("mt-a35", 0.35, 15, 1e6));

    GroupAnalysis analysis = fitter.analyse(MT, SyntheticResults.points(results));

    assertThat(analysis.method()).isEqualTo("task2vec");
    ScalingFit family = fit(analysis, "mt.en-fr|fam1|alignment-aware|downstreamCrossEntropy|alignment=task2vec");
    assertThat(family.getPoints()).isEqualTo(57);
    assertThat(value(family, "E0")).isCloseTo(1.5, within(0.2));
    assertThat(value(family, "kappa")).isCloseTo(0.8, within(0.25));
    assertThat(value(family, "alpha")).isCloseTo(0.4, within(0.1));
    // crossovers from the aligned set (0.95, D_s = 1e4) to each misaligned one, as the true law has them
    AlignmentAwareLaw.Parameters truth = AlignmentAwareLaw.Parameters.of(SyntheticResults.LOSS_TRUTH);
    assertThat(analysis.crossovers()).extracting(CrossoverDetail::misalignedDataset)
        .containsExactly("mt-a35", "mt-a55", "mt-a75");
    CrossoverDetail a75 = analysis.crossovers().get(2);
    Crossover expected = Crossover.of(truth, 0.95, 1e4, 0.75);
    assertThat(a75.crossover().never()).isFalse();
    assertThat(a75.crossover().exchangeRate()).isCloseTo(expected.exchangeRate(),
        within(0.5 * expected.exchangeRate()));
    assertThat(a75.exchangeRateLow()).isLessThanOrEqualTo(a75.crossover().exchangeRate());
    assertThat(family.getCrossovers()).hasSize(3);
    // compared with the plain law on the same points by held-out error: alignment explains the spread
    assertThat(family.getGoodness()).containsKeys("heldOutMeanRelativeError", "plainHeldOutMeanRelativeError");
    assertThat(family.getGoodness().get("alignmentAwarePreferred")).isEqualTo(1.0);
    assertThat(analysis.curves()).filteredOn(c -> c.law().equals("alignment-aware")).hasSize(4)
        .allSatisfy(c -> assertThat(c.points()).hasSize(40));
  }

  @Test
  void shouldSayNeverWhenTheMisalignedFloorIsAboveTheAlignedLoss() {
    // given the aligned set reaches 1e6: L(1e6, 0.95) ≈ 1.62 < E(0.35) = 1.5 + 0.8·0.65 = 2.02
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1").noise(0.005);
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-a95", 0.95, 15, 1e6));
    results.addAll(synthetic.dataset("mt-a35", 0.35, 15, 1e6));

    GroupAnalysis analysis = fitter.analyse(MT, SyntheticResults.points(results));

    ScalingFit family = fit(analysis, "mt.en-fr|fam1|alignment-aware|downstreamCrossEntropy|alignment=task2vec");
    assertThat(family.getCrossovers()).singleElement().satisfies(c -> {
      assertThat(c.getNever()).isTrue();
      assertThat(c.getExchangeRate()).isNull();
      assertThat(c.getMisalignedSize()).isNull();
    });
  }

  @Test
  void shouldChooseGzipAlignmentWhenTask2VecIsAbsentAndSkipDsirOutsideTheUnitInterval() {
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1").noise(0.005);
    List<TrainingResult> results = new ArrayList<>();
    for (double a : new double[] {0.9, 0.5}) {
      for (TrainingResult r : synthetic.dataset("mt-g" + (int) (a * 100), a, 10, 1e6)) {
        // DSIR scores are log-ratios, not in (0, 1]: they must not become A
        results.add(TrainingResult.newBuilder(r).setAlignment(Map.of("dsir", -2.5, "gzip", a)).build());
      }
    }

    GroupAnalysis analysis = fitter.analyse(MT, SyntheticResults.points(results));

    assertThat(analysis.method()).isEqualTo("gzip");
    assertThat(analysis.fits()).extracting(ScalingFit::getFitId)
        .contains("mt.en-fr|fam1|alignment-aware|downstreamCrossEntropy|alignment=gzip");
  }

  @Test
  void shouldFitTheFallingPowerLawToALowerIsBetterMetric() {
    // given STEM: MAE = 0.2 + 50·D^−0.5 (lower is better)
    SyntheticResults synthetic = new SyntheticResults("stem.size", null);
    Random random = new Random(3);
    List<TrainingResult> results = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      long size = Math.round(Math.pow(10, 3 + 3.0 * i / 11));
      double mae = (0.2 + 50 * Math.pow(size, -0.5)) * Math.exp(0.01 * random.nextGaussian());
      results.add(synthetic.result("stem-d", "r", i, size, Map.of("task2vec", 0.8),
          1.0 + 10 * Math.pow(size, -0.3), Map.of("MAE", mae)));
    }

    GroupAnalysis analysis = fitter.analyse(new GroupKey("stem.size", null), SyntheticResults.points(results));

    ScalingFit mae = fit(analysis, "stem.size|-|power|MAE|stem-d");
    assertThat(mae.getFamily()).isNull();
    assertThat(value(mae, "E")).isCloseTo(0.2, within(0.05));
    assertThat(value(mae, "alpha")).isCloseTo(0.5, within(0.1));
    assertThat(analysis.higherIsBetter()).isFalse();
  }

  @Test
  void shouldUseTheTestLossOfARegressionTaskWithoutCrossEntropyForTheLawsAndTheCorrelations() {
    // given STEM results without cross-entropy: testLoss = 0.1 + (1 − A) + 20·D^−0.4, better aligned = lower
    SyntheticResults synthetic = new SyntheticResults("stem.size", "fam1");
    List<TrainingResult> results = new ArrayList<>();
    double[] alignments = {0.9, 0.7, 0.5, 0.3};
    for (int k = 0; k < alignments.length; k++) {
      for (int i = 0; i < 6; i++) {
        long size = 64L << i;
        double loss = 0.1 + (1 - alignments[k]) + 20 * Math.pow(size, -0.4);
        TrainingResult r = synthetic.result("stem-a" + k, "r", i, size, Map.of("task2vec", alignments[k]), 1.0,
            Map.of("MAE", 3 * loss, ResultPoint.TEST_LOSS, loss));
        r.setDownstreamCrossEntropy(null);
        results.add(r);
      }
    }

    GroupAnalysis analysis = fitter.analyse(new GroupKey("stem.size", "fam1"), SyntheticResults.points(results));

    assertThat(value(fit(analysis, "stem.size|fam1|power|testLoss|stem-a0"), "alpha")).isCloseTo(0.4, within(0.1));
    assertThat(analysis.fits()).extracting(ScalingFit::getFitId)
        .contains("stem.size|fam1|alignment-aware|testLoss|alignment=task2vec");
    assertThat(analysis.correlations()).singleElement().satisfies(row -> {
      assertThat(row.datasets()).isEqualTo(4);
      assertThat(row.r()).isLessThan(-0.95);
    });
  }

  @Test
  void shouldNotCallABleuFlickerAtTheFloorAPeak() {
    // given BLEU 0.02 at small D and 0 after, while the loss improves: noise-free, but no meaningful fall
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1");
    List<TrainingResult> results = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long size = 64L << i;
      results.add(synthetic.result("mt-floor", "r", i, size, Map.of("task2vec", 0.4), 2 + 20 * Math.pow(size, -0.4),
          Map.of("BLEU", i == 1 ? 0.02 : 0.0)));
    }

    GroupAnalysis analysis = fitter.analyse(MT, SyntheticResults.points(results));

    assertThat(analysis.nonMonotonic().get("mt-floor").detected()).isFalse();
  }

  @Test
  void shouldReportThePeakOfAMetricThatFallsWhileCrossEntropyImproves() {
    // given BLEU rising to a peak at D = 10^4.5 and then falling, while the loss keeps improving
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1");
    List<TrainingResult> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      double log = 3 + 3.0 * i / 15;
      long size = Math.round(Math.pow(10, log));
      double bleu = 30 - 6 * (log - 4.5) * (log - 4.5);
      results.add(synthetic.result("mt-off", "r", i, size, Map.of("task2vec", 0.4), 2 + 20 * Math.pow(size, -0.4),
          Map.of("BLEU", bleu)));
    }

    GroupAnalysis analysis = fitter.analyse(MT, SyntheticResults.points(results));

    assertThat(analysis.nonMonotonic().get("mt-off").detected()).isTrue();
    ScalingFit bleu = fit(analysis, "mt.en-fr|fam1|log-metric|BLEU|mt-off");
    assertThat(Math.log10(bleu.getPeakSize())).isCloseTo(4.5, within(0.25));
  }

  @Test
  void shouldCorrelateAlignmentWithLossAcrossDatasetsAtTheLargestSizeAllReached() {
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1").noise(0.005);
    List<TrainingResult> results = new ArrayList<>();
    double[] alignments = {0.95, 0.8, 0.65, 0.5, 0.35};
    for (int k = 0; k < alignments.length; k++) {
      results.addAll(synthetic.dataset("mt-c" + k, alignments[k], 8, 1e5 * (k + 1)));
    }

    GroupAnalysis analysis = fitter.analyse(MT, SyntheticResults.points(results));

    assertThat(analysis.comparableSize()).isEqualTo(1e5);
    assertThat(analysis.correlations()).singleElement().satisfies(row -> {
      assertThat(row.method()).isEqualTo("task2vec");
      assertThat(row.datasets()).isEqualTo(5);
      assertThat(row.r()).isLessThan(-0.95);
      assertThat(row.rSquared()).isGreaterThan(0.9);
      assertThat(row.rSquaredLow()).isLessThanOrEqualTo(row.rSquared());
    });
  }

  @Test
  void shouldGiveEqualFitsForTheSameResultsInAnyArrivalOrder() {
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1");
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-a95", 0.95, 10, 1e5));
    results.addAll(synthetic.dataset("mt-a50", 0.5, 10, 1e5));
    List<ResultPoint> points = SyntheticResults.points(results);
    List<ResultPoint> shuffled = new ArrayList<>(points);
    Collections.shuffle(shuffled, new Random(5));

    GroupAnalysis first = newFitter().analyse(MT, points);
    GroupAnalysis replay = newFitter().analyse(MT, shuffled);

    assertThat(first.fits()).hasSameSizeAs(replay.fits()).hasSize(5);
    for (int i = 0; i < first.fits().size(); i++) {
      assertThat(FitRecords.sameContent(first.fits().get(i), replay.fits().get(i)))
          .as("fit %s", first.fits().get(i).getFitId()).isTrue();
    }
  }

  @Test
  void shouldReuseAnUnchangedDatasetsFitWhenAnotherDatasetGrows() {
    SyntheticResults synthetic = new SyntheticResults("mt.en-fr", "fam1");
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-a95", 0.95, 10, 1e5));
    GroupAnalysis before = fitter.analyse(MT, SyntheticResults.points(results));
    results.add(synthetic.result("mt-new", "r", 0, 1000, Map.of("task2vec", 0.5), 3.0, Map.of("BLEU", 5.0)));

    GroupAnalysis after = fitter.analyse(MT, SyntheticResults.points(results));

    // the grid of D (and so the drawn curve) is the group's, unchanged here: the very same fit comes back
    ScalingFit old = fit(before, "mt.en-fr|fam1|power|downstreamCrossEntropy|mt-a95");
    ScalingFit reused = fit(after, "mt.en-fr|fam1|power|downstreamCrossEntropy|mt-a95");
    assertThat(FitRecords.sameContent(old, reused)).isTrue();
    assertThat(after.notes()).anyMatch(n -> n.contains("mt-new") && n.contains("needs 4"));
  }

  private static ScalingFit fit(GroupAnalysis analysis, String fitId) {
    assertThat(FitId.parse(fitId)).isNotNull();
    return analysis.fits().stream().filter(f -> f.getFitId().equals(fitId)).findFirst()
        .orElseThrow(() -> new AssertionError("No fit " + fitId + " among "
            + analysis.fits().stream().map(ScalingFit::getFitId).toList() + "; notes " + analysis.notes()));
  }

  private static FitParameter parameter(ScalingFit fit, String name) {
    return fit.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
  }

  private static double value(ScalingFit fit, String name) {
    return parameter(fit, name).getValue();
  }
}
