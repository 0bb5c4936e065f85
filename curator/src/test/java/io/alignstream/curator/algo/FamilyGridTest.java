package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.curator.algo.FamilyGrid.Layout;
import io.alignstream.curator.algo.FamilyGrid.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilyGridTest {

  private static final double[] QUARTILES = {0.25, 0.5, 0.75};
  private static final long[] SIZES = {2, 4, 8};

  @Test
  void shouldMapScoresToBucketsWithBoundariesGoingUp() {
    FamilyGrid grid = new FamilyGrid(QUARTILES, SIZES, Layout.NESTED);

    assertThat(grid.bucketCount()).isEqualTo(4);
    assertThat(grid.bucketOf(-100)).isZero();
    assertThat(grid.bucketOf(0.2499)).isZero();
    assertThat(grid.bucketOf(0.25)).isEqualTo(1);
    assertThat(grid.bucketOf(0.6)).isEqualTo(2);
    assertThat(grid.bucketOf(0.75)).isEqualTo(3);
    assertThat(grid.bucketOf(Double.POSITIVE_INFINITY)).isEqualTo(3);
    assertThat(grid.accepting(Double.NaN)).isEmpty();
    assertThatThrownBy(() -> grid.bucketOf(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new FamilyGrid(new double[0], SIZES, Layout.NESTED).bucketOf(7)).isZero();
  }

  @Test
  void shouldFillNestedMembersAsPrefixesUntilEachSeals() {
    FamilyGrid grid = new FamilyGrid(QUARTILES, SIZES, Layout.NESTED);
    Map<String, List<Integer>> contents = new HashMap<>();

    for (int sample = 0; sample < 10; sample++) {
      for (Member m : grid.offer(0.9)) {
        contents.computeIfAbsent(m.id(), id -> new ArrayList<>()).add(sample);
      }
    }

    assertThat(contents.get("a3-n2")).containsExactly(0, 1);
    assertThat(contents.get("a3-n4")).containsExactly(0, 1, 2, 3);
    assertThat(contents.get("a3-n8")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(grid.isSealed(3, 0)).isTrue();
    assertThat(grid.count(3, 2)).isEqualTo(8);
    assertThat(grid.accepting(0.9)).as("the bucket is full").isEmpty();
    assertThat(grid.accepting(0.1)).as("other buckets are untouched")
        .containsExactly(new Member(0, 0, 2), new Member(0, 1, 4), new Member(0, 2, 8));
    assertThat(grid.isComplete()).isFalse();
  }

  @Test
  void shouldKeepALargerMemberAcceptingAfterASmallerOneSeals() {
    FamilyGrid grid = new FamilyGrid(QUARTILES, SIZES, Layout.NESTED);
    grid.offer(0.3);
    grid.offer(0.3);

    assertThat(grid.accepting(0.3)).extracting(Member::size).containsExactly(4L, 8L);
  }

  @Test
  void shouldFillDisjointMembersSmallestFirstWithoutSharingSamples() {
    FamilyGrid grid = new FamilyGrid(QUARTILES, SIZES, Layout.DISJOINT);
    Map<String, List<Integer>> contents = new HashMap<>();

    for (int sample = 0; sample < 16; sample++) {
      List<Member> accepted = grid.offer(0.5);
      assertThat(accepted).as("at most one member per sample").hasSizeLessThanOrEqualTo(1);
      for (Member m : accepted) {
        contents.computeIfAbsent(m.id(), id -> new ArrayList<>()).add(sample);
      }
    }

    assertThat(contents.get("a2-n2")).containsExactly(0, 1);
    assertThat(contents.get("a2-n4")).containsExactly(2, 3, 4, 5);
    assertThat(contents.get("a2-n8")).containsExactly(6, 7, 8, 9, 10, 11, 12, 13);
    assertThat(grid.accepting(0.5)).as("samples 14 and 15 found every member sealed").isEmpty();
  }

  @Test
  void shouldReportCompletionWhenEveryMemberIsSealed() {
    for (Layout layout : Layout.values()) {
      FamilyGrid grid = new FamilyGrid(new double[] {0.0}, new long[] {1, 2}, layout);
      for (double score : new double[] {-1, -1, -1, 1, 1, 1}) {
        grid.offer(score);
      }
      assertThat(grid.isComplete()).as("%s", layout).isTrue();
      assertThat(grid.members()).hasSize(4);
    }
  }

  @Test
  void shouldDeriveSizesAndEqualMassBoundaries() {
    assertThat(FamilyGrid.powersOfTwo(16, 1024)).containsExactly(16, 32, 64, 128, 256, 512, 1024);
    assertThat(FamilyGrid.powersOfTwo(1, 1)).containsExactly(1);
    assertThatThrownBy(() -> FamilyGrid.powersOfTwo(3, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FamilyGrid.powersOfTwo(8, 4)).isInstanceOf(IllegalArgumentException.class);

    StreamingQuantile scores = new StreamingQuantile();
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      scores.update(random.nextDouble());
    }
    double[] quartiles = FamilyGrid.equalMassBoundaries(scores, 4);
    double eps = scores.normalizedRankError() + 0.01; // rank error plus sampling error of uniform data
    assertThat(quartiles).hasSize(3);
    assertThat(quartiles[0]).isCloseTo(0.25, within(eps));
    assertThat(quartiles[1]).isCloseTo(0.5, within(eps));
    assertThat(quartiles[2]).isCloseTo(0.75, within(eps));
  }

  @Test
  void shouldRecutBucketsWhileKeepingCounts() {
    FamilyGrid grid = new FamilyGrid(QUARTILES, SIZES, Layout.NESTED);
    grid.offer(0.6);

    FamilyGrid recut = grid.withBoundaries(new double[] {0.1, 0.2, 0.3});

    assertThat(recut.count(2, 0)).isEqualTo(1);
    assertThat(recut.bucketOf(0.6)).isEqualTo(3);
    assertThatThrownBy(() -> grid.withBoundaries(new double[] {0.5})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectInvalidGrids() {
    assertThatThrownBy(() -> new FamilyGrid(new double[] {0.5, 0.2}, SIZES, Layout.NESTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FamilyGrid(new double[] {Double.NaN}, SIZES, Layout.NESTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FamilyGrid(QUARTILES, new long[] {4, 4}, Layout.NESTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FamilyGrid(QUARTILES, new long[0], Layout.NESTED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FamilyGrid(QUARTILES, new long[] {0, 4}, Layout.DISJOINT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripThroughBytes() {
    FamilyGrid grid = new FamilyGrid(QUARTILES, FamilyGrid.powersOfTwo(2, 64), Layout.DISJOINT);
    Random random = new Random(4);
    for (int i = 0; i < 200; i++) {
      grid.offer(random.nextDouble());
    }

    byte[] bytes = grid.toBytes();
    FamilyGrid copy = FamilyGrid.fromBytes(bytes);

    assertThat(bytes[0]).isEqualTo((byte) 'F');
    assertThat(copy.toBytes()).isEqualTo(bytes);
    assertThat(copy.layout()).isEqualTo(Layout.DISJOINT);
    assertThat(copy.boundaries()).containsExactly(QUARTILES);
    Set<String> members = new HashSet<>();
    for (Member m : grid.members()) {
      assertThat(copy.count(m.bucket(), m.sizeIndex())).isEqualTo(grid.count(m.bucket(), m.sizeIndex()));
      members.add(m.id());
    }
    assertThat(members).hasSize(4 * 6);
    assertThat(copy.offer(0.9)).isEqualTo(grid.offer(0.9));
    assertThatThrownBy(() -> FamilyGrid.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
