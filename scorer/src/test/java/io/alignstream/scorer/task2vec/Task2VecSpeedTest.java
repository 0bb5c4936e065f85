package io.alignstream.scorer.task2vec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Prints batched vs loop throughput (DESIGN §8 wants the ratio); asserts no timing. */
@org.junit.jupiter.api.Tag("slow")
class Task2VecSpeedTest {

    @ParameterizedTest
    @EnumSource(ProbeKind.class)
    void shouldReportBatchedAndLoopThroughputOfTheSameProbe(ProbeKind kind) {
        Task2VecSpeed.Result result = Task2VecSpeed.measure(kind, 64);

        System.out.println("task2vec speed " + result);
        assertThat(result.samples()).isEqualTo(64);
        assertThat(result.batchedSamplesPerSecond()).isPositive();
        assertThat(result.loopSamplesPerSecond()).isPositive();
    }
}
