package io.alignstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.schemas.sample.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskTargetsTest {

  static final List<Sample> TARGETS = TrainerTestData.targets(400, 9);

  @Test
  void shouldSplitByIdHashIndependentlyOfArrivalOrder() {
    List<Sample> shuffled = new ArrayList<>(TARGETS);
    Collections.shuffle(shuffled, new Random(1));

    TaskTargets a = TaskTargets.split("solar.flare24h", TARGETS, 0.5, 0.25);
    TaskTargets b = TaskTargets.split("solar.flare24h", shuffled, 0.5, 0.25);

    assertThat(b).isEqualTo(a);
    assertThat(a.test().size()).isBetween(160, 240);
    assertThat(a.fineTune().size()).isBetween(70, 130);
    assertThat(a.reference()).containsAll(a.fineTune()).doesNotContainAnyElementsOf(a.test());
    assertThat(a.reference().size() + a.test().size()).isEqualTo(400);
  }

  @Test
  void shouldUseTheTestSplitAsReferenceWhenNothingElseIsLeft() {
    TaskTargets all = TaskTargets.split("solar.flare24h", TARGETS, 1.0, 0);
    assertThat(all.test()).hasSize(400);
    assertThat(all.reference()).isEqualTo(all.test());
    assertThat(all.fineTune()).isEmpty();
  }

  @Test
  void shouldRefuseATestSplitWithoutSamples() {
    assertThatThrownBy(() -> TaskTargets.split("solar.flare24h", TARGETS.subList(0, 1), 1e-9, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test split");
  }

  @Test
  void shouldPlaceIdsInTheUnitIntervalStably() {
    assertThat(TaskTargets.position("a")).isEqualTo(TaskTargets.position("a")).isBetween(0.0, 1.0);
    assertThat(TaskTargets.position("a")).isNotEqualTo(TaskTargets.position("b"));
  }

  @Test
  void shouldKeepTheSmallestHashesUpToTheBoundWhateverTheArrivalOrder() {
    List<Sample> shuffled = new ArrayList<>(TARGETS);
    Collections.shuffle(shuffled, new Random(2));
    TargetCollector inOrder = new TargetCollector(50);
    TargetCollector outOfOrder = new TargetCollector(50);
    TARGETS.forEach(inOrder::add);
    shuffled.forEach(outOfOrder::add);
    TARGETS.subList(0, 100).forEach(outOfOrder::add); // repeats replace, they do not add

    assertThat(inOrder.size()).isEqualTo(50);
    assertThat(outOfOrder.samples()).isEqualTo(inOrder.samples());
    assertThat(outOfOrder.seen()).isEqualTo(500);
    double largestKept = TaskTargets.position(inOrder.samples().get(49).getId());
    assertThat(TARGETS).filteredOn(s -> TaskTargets.position(s.getId()) <= largestKept).hasSize(50);
  }
}
