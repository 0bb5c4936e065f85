package io.alignstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.scored.AlignmentScore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlignmentAccumulatorTest {

  @Test
  void shouldAverageEachMethodOverItsOwnScoresSkippingUndefinedOnes() {
    AlignmentAccumulator a = new AlignmentAccumulator();
    a.add(Map.of("task2vec", 0.2, "dsir", 4.0));
    a.add(Map.of("task2vec", 0.6));
    Map<String, Double> withNaN = new HashMap<>();
    withNaN.put("dsir", Double.NaN);
    withNaN.put("gzip", null);
    a.add(withNaN);

    assertThat(a.means()).containsOnlyKeys("task2vec", "dsir");
    assertThat(a.means().get("task2vec")).isCloseTo(0.4, within(1e-12));
    assertThat(a.means().get("dsir")).isEqualTo(4.0);
    assertThat(AlignmentAccumulator.restore(a.state()).means()).isEqualTo(a.means());
  }

  @Test
  void shouldTakeAScoredSamplesMeanPerMethodForOneTargetOrAll() {
    List<AlignmentScore> scores = List.of(
        new AlignmentScore("t1", "task2vec", "probe-a", 0L, 0.8, null),
        new AlignmentScore("t2", "task2vec", "probe-a", 0L, 0.4, null),
        new AlignmentScore("t1", "gzip", "gzip-6", 0L, 0.1, null));

    assertThat(AlignmentAccumulator.byMethod(scores, "t1")).isEqualTo(Map.of("gzip", 0.1,
        "task2vec", 0.8));
    assertThat(AlignmentAccumulator.byMethod(scores, null).get("task2vec")).isCloseTo(0.6, within(1e-12));
  }
}
