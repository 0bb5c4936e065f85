package io.alignstream.scorer.coefficient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentCoefficientTest {

  /** A transparent method: a batch is the mean of its numbers; alignment 1 − |difference|; negatives rejected. */
  static final class MeanMethod implements CoefficientMethod {
    @Override
    public String name() {
      return "mean";
    }

    @Override
    public String probeId() {
      return "mean-v1";
    }

    @Override
    public String rejection(Object payload) {
      return ((Double) payload) < 0 ? "negative" : null;
    }

    @Override
    public Object represent(List<?> batch) {
      return batch.stream().mapToDouble(x -> (Double) x).average().orElseThrow();
    }

    @Override
    public double alignment(Object a, Object b) {
      return 1 - Math.abs((Double) a - (Double) b);
    }
  }

  private static List<Object> numbers(int n, double offset) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(offset + (i % 7) / 70.0);
    }
    return out;
  }

  @Test
  void isTheMeanOverBatchPairsWithAStudentTInterval() {
    List<Object> t = numbers(40, 0.0);
    List<Object> d = numbers(30, 0.1);
    AlignmentCoefficient.Settings s = new AlignmentCoefficient.Settings(8, 5, 3);
    AlignmentCoefficient.Result r = AlignmentCoefficient.compute(new MeanMethod(), t, d, s);

    // plain reference: the same draws, averaged by hand
    MeanMethod m = new MeanMethod();
    double[] v = new double[5];
    for (int k = 0; k < 5; k++) {
      v[k] = m.alignment(m.represent(AlignmentCoefficient.draw(t, 8, 3, 1, k)), m.represent(AlignmentCoefficient.draw(d, 8, 3, 2, k)));
    }
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / 4);
    assertThat(r.status()).isEqualTo(AlignmentCoefficient.Status.OK);
    assertThat(r.coefficient()).isCloseTo(mean, within(1e-12));
    assertThat(r.ciLow()).isCloseTo(mean - 2.776 * sd / Math.sqrt(5), within(1e-12));
    assertThat(r.ciHigh()).isCloseTo(mean + 2.776 * sd / Math.sqrt(5), within(1e-12));
    assertThat(r.pairValues()).hasSize(5);
    assertThat(r.batches()).isEqualTo(5);
    assertThat(r.batchSize()).isEqualTo(8);
    assertThat(r.probeId()).isEqualTo("mean-v1");
  }

  @Test
  void givesNoIntervalForASingleBatchPair() {
    AlignmentCoefficient.Result r = AlignmentCoefficient.compute(new MeanMethod(), numbers(10, 0), numbers(10, 0),
        new AlignmentCoefficient.Settings(4, 1, 0));
    assertThat(r.coefficient()).isNotNull();
    assertThat(r.ciLow()).isNull();
    assertThat(r.ciHigh()).isNull();
  }

  @Test
  void saysSoInsteadOfGivingANumberWhenADatasetIsSmallerThanOneBatch() {
    AlignmentCoefficient.Result r = AlignmentCoefficient.compute(new MeanMethod(), numbers(300, 0), numbers(255, 0),
        AlignmentCoefficient.Settings.defaults());
    assertThat(r.status()).isEqualTo(AlignmentCoefficient.Status.TOO_SMALL);
    assertThat(r.coefficient()).isNull();
    assertThat(r.message()).contains("255 usable samples, fewer than one batch of 256");
  }

  @Test
  void countsOnlyUsableSamplesAndSaysWhenTheTargetsAreTooSmall() {
    List<Object> targets = new ArrayList<>(numbers(5, 0));
    targets.add(-1.0);
    List<Object> dataset = new ArrayList<>(numbers(20, 0));
    dataset.add(-1.0);
    AlignmentCoefficient.Result r = AlignmentCoefficient.compute(new MeanMethod(), targets, dataset,
        new AlignmentCoefficient.Settings(6, 2, 0));
    assertThat(r.status()).isEqualTo(AlignmentCoefficient.Status.TOO_SMALL);
    assertThat(r.message()).contains("the targets have 5 usable samples");
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(r.datasetSamples()).isEqualTo(20);
  }

  @Test
  void drawsBatchesWithoutReplacementAndWithDistinctSeeds() {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add((double) i);
    }
    List<Object> b0 = AlignmentCoefficient.draw(items, 50, 7, 1, 0);
    List<Object> b1 = AlignmentCoefficient.draw(items, 50, 7, 1, 1);
    assertThat(new HashSet<>(b0)).hasSize(50);
    assertThat(b0).isNotEqualTo(b1);
    assertThat(AlignmentCoefficient.draw(items, 50, 7, 1, 0)).isEqualTo(b0);
    assertThat(AlignmentCoefficient.draw(items, 50, 7, 2, 0)).isNotEqualTo(b0);
  }

  @Test
  void usesStudentTQuantiles() {
    assertThat(AlignmentCoefficient.tQuantile975(9)).isEqualTo(2.262);
    assertThat(AlignmentCoefficient.tQuantile975(1)).isEqualTo(12.706);
    assertThat(AlignmentCoefficient.tQuantile975(120)).isCloseTo(1.980, within(0.001));
    assertThatThrownBy(() -> AlignmentCoefficient.tQuantile975(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesImpossibleSettings() {
    assertThatThrownBy(() -> new AlignmentCoefficient.Settings(0, 10, 0)).hasMessageContaining("batch size");
    assertThatThrownBy(() -> new AlignmentCoefficient.Settings(256, 0, 0)).hasMessageContaining("batches");
  }
}
