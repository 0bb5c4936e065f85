package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batched per-sample Fisher embedding equals the straightforward per-sample autograd loop.
 *
 * <p>Metric, per sample: {@code max_i |batched_i − loop_i| / max_i |loop_i|} (the worst entry
 * error relative to the sample's largest entry, so near-zero entries cannot blow it up); the test
 * requires ≤ 1e-4 for every sample and prints the worst value per kind.
 */
class BatchedFisherMatchesReferenceLoopTest {

    private static final double TOLERANCE = 1e-4;
    private static final Map<ProbeKind, Probe> PROBES = new EnumMap<>(ProbeKind.class);

    @BeforeAll
    static void trainProbes() {
        ProbeTrainer trainer = new ProbeTrainer();
        for (ProbeKind kind : ProbeKind.values()) {
            PROBES.put(kind, trainer.train(kind, SyntheticPayloads.of(kind, 96, 11, 0), ProbeConfig.ciSized()));
        }
    }

    @AfterAll
    static void closeProbes() {
        PROBES.values().forEach(Probe::close);
    }

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldMatchPerSampleAutogradLoopWithin1e4Relative(ProbeKind kind) {
        // given
        Probe probe = PROBES.get(kind);
        List<Object> batch = SyntheticPayloads.of(kind, 12, 23, 0.4);

        // when
        float[][] batched = probe.embed(batch);
        float[][] loop = ReferenceLoop.embed(probe, batch);

        // then
        double worst = 0;
        for (int s = 0; s < batch.size(); s++) {
            assertThat(batched[s]).hasSize(probe.embeddingDimension());
            double deviation = relativeDeviation(batched[s], loop[s]);
            assertThat(deviation).as("sample %d of %s", s, kind).isLessThanOrEqualTo(TOLERANCE);
            worst = Math.max(worst, deviation);
        }
        System.out.printf("task2vec %s: batched vs loop, worst per-sample max|a-b|/max|b| = %.3g over %d samples%n",
                kind, worst, batch.size());
    }

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldGiveNonNegativeNonTrivialEmbeddings(ProbeKind kind) {
        float[][] e = PROBES.get(kind).embed(SyntheticPayloads.of(kind, 5, 3, 0));
        for (float[] row : e) {
            double sum = 0;
            for (float v : row) {
                assertThat(v).isGreaterThanOrEqualTo(0f).isFinite();
                sum += v;
            }
            assertThat(sum).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldEmbedASampleIndependentlyOfItsBatchCompanions(ProbeKind kind) {
        Probe probe = PROBES.get(kind);
        List<Object> batch = SyntheticPayloads.of(kind, 8, 5, 0.2);
        float[][] together = probe.embed(batch);
        float[][] alone = probe.embed(List.of(batch.get(3)));
        assertThat(relativeDeviation(together[3], alone[0])).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void shouldEmbedAndTrainFromFreshThreadsConcurrently() throws Exception {
        // Fresh threads start with PyTorch grad mode ON (unlike DJL's initialising thread), as
        // Kafka Streams threads do; DJL allows one gradient collector at a time.
        List<Object> batch = SyntheticPayloads.textPairs(8, 17, 0.2);
        float[][] expected = PROBES.get(ProbeKind.TEXT).embed(batch);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<float[][]>> embeddings = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                embeddings.add(pool.submit(() -> PROBES.get(ProbeKind.TEXT).embed(batch)));
            }
            java.util.concurrent.Future<String> trained = pool.submit(() -> {
                try (Probe p = new ProbeTrainer().train(ProbeKind.FEATURES, SyntheticPayloads.features(32, 18, 1, 0),
                        ProbeConfig.ciSized().withEpochs(1))) {
                    return p.id();
                }
            });
            for (java.util.concurrent.Future<float[][]> f : embeddings) {
                float[][] actual = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                for (int s = 0; s < batch.size(); s++) {
                    assertThat(relativeDeviation(actual[s], expected[s])).isLessThanOrEqualTo(1e-6);
                }
            }
            assertThat(trained.get(60, java.util.concurrent.TimeUnit.SECONDS)).startsWith("t2v-features-");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldDrawTheSameMonteCarloLabelsInTheBatchedPassAsItHandsToTheLoop() {
        TextLmProbe probe = (TextLmProbe) PROBES.get(ProbeKind.TEXT);
        List<Object> batch = SyntheticPayloads.textPairs(6, 9, 0.1);
        int[][] labels = probe.sampleLabels(batch);
        assertThat(probe.embed(batch)).isDeepEqualTo(probe.embed(batch, labels));
    }

    static double relativeDeviation(float[] actual, float[] expected) {
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - (double) expected[i]));
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
        }
        return maxDiff / Math.max(maxAbs, 1e-30);
    }
}
