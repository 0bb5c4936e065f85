package io.alignstream.analyzer.refit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskMetricTest {
  private final Map<String, TaskMetric> metrics =
      TaskMetric.parse("mt=BLEU:higher; solar=TSS:higher;stem=MAE:lower;mt.de-en=chrF:higher");

  @Test
  void shouldPickTheMetricByTaskPrefix() {
    assertThat(TaskMetric.forTask(metrics, "mt.en-fr")).isEqualTo(new TaskMetric("BLEU", true));
    assertThat(TaskMetric.forTask(metrics, "solar.flare24h")).isEqualTo(new TaskMetric("TSS", true));
    assertThat(TaskMetric.forTask(metrics, "stem.size")).isEqualTo(new TaskMetric("MAE", false));
  }

  @Test
  void shouldPreferAnEntryForTheExactTask() {
    assertThat(TaskMetric.forTask(metrics, "mt.de-en")).isEqualTo(new TaskMetric("chrF", true));
  }

  @Test
  void shouldHaveNoMetricForAnUnknownTask() {
    assertThat(TaskMetric.forTask(metrics, "lm.wiki")).isNull();
  }

  @Test
  void shouldRejectASpecWithoutDirection() {
    assertThatThrownBy(() -> TaskMetric.parse("mt=BLEU")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task=METRIC:higher|lower");
  }

  @Test
  void shouldReadTheSmallestMeaningfulDropAndRefuseANegativeOne() {
    assertThat(TaskMetric.parse("mt=BLEU:higher:0.5").get("mt").minDrop()).isEqualTo(0.5);
    assertThat(TaskMetric.parse("stem=MAE:lower").get("stem").minDrop()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskMetric.parse("mt=BLEU:higher:-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minDrop");
  }
}
