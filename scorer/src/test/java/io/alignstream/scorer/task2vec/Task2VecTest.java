package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class Task2VecTest {

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void shouldMatchHandComputedDistance() {
        // u = (1/2, 1/4), v = (1/2, 3/4): u·v = 0.4375, |u||v| = sqrt(0.3125 · 0.8125)
        double expected = 1 - 0.4375 / Math.sqrt(0.3125 * 0.8125); // 0.1317568...
        assertThat(Task2Vec.distance(new float[] {1, 1}, new float[] {1, 3})).isCloseTo(expected, within(1e-7));
        assertThat(expected).isCloseTo(0.13175686, within(1e-8));
    }

    @Test
    void shouldPutDisjointSupportsAtDistanceOne() {
        assertThat(Task2Vec.distance(new float[] {2, 0, 0}, new float[] {0, 5, 1})).isCloseTo(1.0, within(1e-12));
    }

    @RepeatedTest(20)
    void shouldBeZeroOnItselfSymmetricAndWithinUnitInterval() {
        float[] a = nonNegative(64);
        float[] b = nonNegative(64);

        assertThat(Task2Vec.distance(a, a)).isCloseTo(0.0, within(1e-12));
        assertThat(Task2Vec.distance(a, b)).isEqualTo(Task2Vec.distance(b, a));
        assertThat(Task2Vec.distance(a, b)).isBetween(0.0, 1.0);
        assertThat(Task2Vec.alignment(a, b)).isEqualTo(1 - Task2Vec.distance(a, b));
    }

    @Test
    void shouldPutAnEmbeddingAtDistanceZeroFromAPositiveMultipleOfItself() {
        float[] a = new float[16];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 3 == 0 ? 0f : 0.1f * (i + 1);
        }
        float[] scaled = a.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 10;
        }
        // e/(e+10e) is the same for every entry: the normalised vectors are parallel.
        assertThat(Task2Vec.distance(a, scaled)).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void shouldTreatAllZeroEmbeddingsByConvention() {
        float[] zero = new float[4];
        assertThat(Task2Vec.distance(zero, zero)).isZero();
        assertThat(Task2Vec.distance(zero, new float[] {1, 0, 0, 0})).isEqualTo(1.0);
    }

    @Test
    void shouldRejectEmbeddingsOfDifferentLengths() {
        assertThatThrownBy(() -> Task2Vec.distance(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAverageDistancesOverAllBatchPairsWithAnIntervalAroundTheValue() {
        List<float[]> b1 = new ArrayList<>();
        List<float[]> b2 = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            b1.add(nonNegative(32));
            b2.add(nonNegative(32));
        }
        double sum = 0;
        for (float[] x : b1) {
            for (float[] y : b2) {
                sum += Task2Vec.distance(x, y);
            }
        }

        Task2Vec.Alignment a = Task2Vec.batchAlignment(b1, b2);

        assertThat(a.value()).isCloseTo(1 - sum / 36, within(1e-12));
        assertThat(a.pairs()).isEqualTo(36);
        assertThat(a.ciLow()).isLessThanOrEqualTo(a.value());
        assertThat(a.ciHigh()).isGreaterThanOrEqualTo(a.value());
        assertThat(a.ciHigh() - a.ciLow()).isPositive();
        assertThat(Task2Vec.batchAlignment(b1, b2)).isEqualTo(a); // seeded bootstrap: reproducible
    }

    @Test
    void shouldGiveFullAlignmentOfABatchWithItself() {
        float[] e = nonNegative(8);
        Task2Vec.Alignment a = Task2Vec.batchAlignment(List.of(e), List.of(e));
        assertThat(a.value()).isCloseTo(1.0, within(1e-12));
        assertThat(a.ciLow()).isEqualTo(a.value());
    }

    @Test
    void shouldAverageEmbeddingsElementWise() {
        assertThat(Task2Vec.mean(List.of(new float[] {1, 2}, new float[] {3, 6}))).containsExactly(2f, 4f);
    }

    private float[] nonNegative(int n) {
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            e[i] = random.nextInt(5) == 0 ? 0f : (float) (random.nextDouble() * Math.pow(10, random.nextInt(-6, 1)));
        }
        return e;
    }
}
