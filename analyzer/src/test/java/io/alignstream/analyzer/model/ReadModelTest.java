package io.alignstream.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.analyzer.SyntheticResults;
import io.alignstream.schemas.training.TrainingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadModelTest {
  private final ReadModel model = new ReadModel(10);
  private final SyntheticResults mt = new SyntheticResults("mt.en-fr", "fam1");

  @Test
  void shouldKeepOneResultPerDatasetRunAndStepSoRedeliveriesDoNotCountTwice() {
    TrainingResult first = mt.result("mt-a", "run-1", 3, 1000, Map.of("task2vec", 0.9), 2.5, Map.of("BLEU", 10.0));

    boolean added = model.addResult(ResultPoint.from(first), 1);
    boolean again = model.addResult(ResultPoint.from(first), 2);

    assertThat(added).isTrue();
    assertThat(again).isFalse();
    assertThat(model.resultCount()).isEqualTo(1);
    assertThat(model.results(null, null, null)).hasSize(1);
  }

  @Test
  void shouldReplaceAResultThatWasCorrectedUnderTheSameRunAndStep() {
    model.addResult(ResultPoint.from(mt.result("mt-a", "run-1", 3, 1000, Map.of(), 2.5, Map.of())), 1);

    boolean changed = model.addResult(ResultPoint.from(mt.result("mt-a", "run-1", 3, 1000, Map.of(), 2.4, Map.of())), 2);

    assertThat(changed).isTrue();
    assertThat(model.results(null, null, "mt-a")).singleElement()
        .satisfies(p -> assertThat(p.downstreamCrossEntropy()).isEqualTo(2.4));
  }

  @Test
  void shouldGroupResultsByTaskAndFamily() {
    model.addResult(ResultPoint.from(mt.result("mt-a", "r", 1, 1000, Map.of(), 2.5, Map.of())), 1);
    model.addResult(ResultPoint.from(mt.result("mt-b", "r", 1, 1000, Map.of(), 2.6, Map.of())), 1);
    model.addResult(ResultPoint.from(new SyntheticResults("mt.en-fr", "fam2")
        .result("mt-c", "r", 1, 1000, Map.of(), 2.7, Map.of())), 1);
    model.addResult(ResultPoint.from(new SyntheticResults("solar.flare24h", null)
        .result("solar-a", "r", 1, 1000, Map.of(), 0.7, Map.of())), 1);

    assertThat(model.groups()).containsExactly(new GroupKey("mt.en-fr", "fam1"), new GroupKey("mt.en-fr", "fam2"),
        new GroupKey("solar.flare24h", "-"));
    assertThat(model.takeSnapshot(new GroupKey("mt.en-fr", "fam1")).points())
        .extracting(ResultPoint::datasetId).containsExactly("mt-a", "mt-b");
    assertThat(model.results("solar.flare24h", "-", null)).extracting(ResultPoint::datasetId)
        .containsExactly("solar-a");
  }

  @Test
  void shouldReportTheEarliestArrivalSinceTheLastSnapshot() {
    GroupKey key = new GroupKey("mt.en-fr", "fam1");
    model.addResult(ResultPoint.from(mt.result("mt-a", "r", 1, 1000, Map.of(), 2.5, Map.of())), 500);
    model.addResult(ResultPoint.from(mt.result("mt-a", "r", 2, 2000, Map.of(), 2.4, Map.of())), 700);

    assertThat(model.takeSnapshot(key).pendingSince()).contains(500L);
    assertThat(model.takeSnapshot(key).pendingSince()).isEmpty();
  }

  @Test
  void shouldRefuseAResultThatCannotBeFitted() {
    TrainingResult zeroSize = mt.result("mt-a", "r", 1, 0, Map.of(), Double.NaN, Map.of());

    assertThatThrownBy(() -> ResultPoint.from(zeroSize)).isInstanceOf(ResultPoint.InvalidResultException.class)
        .hasMessageContaining("size D must be > 0").hasMessageContaining("downstreamCrossEntropy");
  }

  @Test
  void shouldParseTheFitIdsItWrites() {
    FitId dataset = FitId.ofDataset(new GroupKey("mt.en-fr", null), "power", "downstreamCrossEntropy", "mt-a");
    FitId family = FitId.ofFamily(new GroupKey("mt.en-fr", "fam1"), "alignment-aware", "downstreamCrossEntropy",
        "task2vec");

    assertThat(dataset.toString()).isEqualTo("mt.en-fr|-|power|downstreamCrossEntropy|mt-a");
    assertThat(FitId.parse(dataset.toString())).isEqualTo(dataset);
    assertThat(FitId.parse(family.toString()).method()).isEqualTo("task2vec");
    assertThat(FitId.parse(family.toString()).dataset()).isNull();
  }

  @Test
  void fitsWithTheDatasetsPublishedCoefficientInPlaceOfThePerSampleMean() {
    model.addResult(ResultPoint.from(mt.result("mt-a", "r", 1, 512, Map.of("task2vec", 0.01, "dsir", -0.5), 2.5,
        Map.of())), 1);
    GroupKey group = new GroupKey("mt.en-fr", "fam1");

    boolean changed = model.putCoefficient(coefficient("mt-a", "mt.en-fr/default", "task2vec", "OK", 0.91, 512));
    boolean tooSmall = model.putCoefficient(coefficient("mt-a", "mt.en-fr/default", "dsir", "TOO_SMALL", null, 100));
    boolean otherTarget = model.putCoefficient(coefficient("mt-a", "mt.en-fr/other", "dsir", "OK", 0.5, 512));

    assertThat(changed).isTrue();
    assertThat(tooSmall).isFalse();
    assertThat(otherTarget).isFalse();
    assertThat(model.takeSnapshot(group).points()).singleElement().satisfies(p -> {
      assertThat(p.alignment()).containsEntry("task2vec", 0.91); // the coefficient
      assertThat(p.alignment()).containsEntry("dsir", -0.5); // no coefficient: the trainer's mean stays
    });
    assertThat(model.results(null, null, "mt-a").get(0).alignment()).containsEntry("task2vec", 0.01);
  }

  @Test
  void dropsAMethodsPerSampleMeanFromADatasetWithoutCoefficientOnceAnotherDatasetOfTheGroupHasOne() {
    // the demo's case: the sealed buckets got the batch coefficient (~0.9), the small ones only their
    // contrast-score means (~-15); one correlation over both kinds was meaningless
    model.addResult(ResultPoint.from(mt.result("mt-big", "r", 1, 512, Map.of("task2vec", 0.4, "dsir", -0.5), 2.5,
        Map.of())), 1);
    model.addResult(ResultPoint.from(mt.result("mt-small", "r", 1, 64, Map.of("task2vec", -15.0, "dsir", -0.9), 3.5,
        Map.of())), 1);
    model.putCoefficient(coefficient("mt-big", "mt.en-fr/default", "task2vec", "OK", 0.91, 512));

    List<ResultPoint> points = model.takeSnapshot(new GroupKey("mt.en-fr", "fam1")).points();

    assertThat(points).filteredOn(p -> p.datasetId().equals("mt-big")).singleElement()
        .satisfies(p -> assertThat(p.alignment()).containsEntry("task2vec", 0.91).containsEntry("dsir", -0.5));
    assertThat(points).filteredOn(p -> p.datasetId().equals("mt-small")).singleElement().satisfies(p -> {
      assertThat(p.alignment()).doesNotContainKey("task2vec"); // no coefficient, and no mean of another kind
      assertThat(p.alignment()).containsEntry("dsir", -0.9); // no dataset has a dsir coefficient: means throughout
    });
  }

  @Test
  void keepsTheCoefficientOfTheLargerDatasetSize() {
    model.putCoefficient(coefficient("mt-a", "mt.en-fr/default", "task2vec", "OK", 0.9, 1024));
    boolean older = model.putCoefficient(coefficient("mt-a", "mt.en-fr/default", "task2vec", "OK", 0.7, 512));
    assertThat(older).isFalse();
    assertThat(model.coefficients("mt-a").get("task2vec").getCoefficient()).isEqualTo(0.9);
  }

  private static io.alignstream.schemas.dataset.DatasetAlignment coefficient(String dataset, String target, String method,
      String status, Double value, long size) {
    return io.alignstream.schemas.dataset.DatasetAlignment.newBuilder().setDatasetId(dataset).setFamily("fam1")
        .setTask("mt.en-fr").setTargetId(target).setMethod(method).setProbeId("p").setStatus(status)
        .setCoefficient(value).setBatches(10).setBatchSize(256).setDatasetSize(size).setSamplesUsed(size)
        .setTargetSamples(300).setComputedTime(java.time.Instant.EPOCH).build();
  }
}
