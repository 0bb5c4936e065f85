package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4's meaning check: on synthetic families with a known alignment knob, the Spearman rank
 * correlation between the knob and the scorer's Task2Vec alignment is at least 0.8 for every probe
 * kind. Each family's alignment is the batch formula of DESIGN §4 (1 − distance between the
 * family's batch embedding and f(T)), averaged over six batches of 32.
 */
class Task2VecKnobTest {
  private static final double[] SHIFTS = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6};
  private static final int BATCHES = 6;

  @ParameterizedTest
  @EnumSource(ProbeKind.class)
  void shouldRankFamiliesByTheirAlignmentKnob(ProbeKind kind) {
    ProbeConfig config = ProbeConfig.ciSized();
    int n = kind == ProbeKind.IMAGE ? 128 : 160;
    try (Probe probe = new ProbeTrainer().train(kind, SyntheticPayloads.of(kind, n, 11, 0), config)) {
      float[] target = probe.embedBatch(SyntheticPayloads.of(kind, 64, 12, 0));
      double[] knob = new double[SHIFTS.length];
      double[] alignment = new double[SHIFTS.length];
      for (int i = 0; i < SHIFTS.length; i++) {
        knob[i] = -SHIFTS[i]; // alignment knob: larger = closer to the target
        double sum = 0;
        for (int b = 0; b < BATCHES; b++) {
          sum += Task2Vec.alignment(probe.embedBatch(SyntheticPayloads.of(kind, 32, 100 + 10L * i + b, SHIFTS[i])), target);
        }
        alignment[i] = sum / BATCHES;
      }
      double rho = spearman(knob, alignment);
      System.out.printf("task2vec knob %s: spearman %.3f, alignments %s%n", kind, rho, Arrays.toString(alignment));
      assertThat(rho).as("Spearman rho between knob and alignment for %s", kind).isGreaterThanOrEqualTo(0.8);
    }
  }

  static double spearman(double[] x, double[] y) {
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    double mx = Arrays.stream(rx).average().orElse(0);
    double my = Arrays.stream(ry).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static double[] ranks(double[] v) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    for (int i = 0; i < order.size(); i++) {
      r[order.get(i)] = i + 1;
    }
    return r;
  }
}
