package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Alignment means something: a probe's own training distribution scores higher than a shifted one. */
class Task2VecMeaningTest {

    @Test
    void shouldAlignSamplesFromTheTrainingDistributionBetterThanShiftedSamples() {
        ProbeConfig config = ProbeConfig.ciSized().withEpochs(5);
        List<Object> target = SyntheticPayloads.features(300, 18, 1, 0);
        try (Probe probe = new ProbeTrainer().train(ProbeKind.FEATURES, target, config)) {
            float[] reference = probe.embedBatch(SyntheticPayloads.features(200, 18, 2, 0));

            double aligned = meanAlignment(probe, SyntheticPayloads.features(50, 18, 3, 0), reference);
            double shifted = meanAlignment(probe, SyntheticPayloads.features(50, 18, 4, 1.5), reference);

            System.out.printf("task2vec meaning: FEATURES mean alignment same-distribution %.4f vs shifted %.4f%n",
                    aligned, shifted);
            assertThat(aligned).isGreaterThan(shifted);
        }
    }

    private static double meanAlignment(Probe probe, List<Object> samples, float[] reference) {
        double sum = 0;
        for (float[] e : probe.embed(samples)) {
            sum += Task2Vec.alignment(e, reference);
        }
        return sum / samples.size();
    }
}
