package io.alignstream.scorer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PoolReferenceTest {

  @Test
  void isThePlainMeanUpToItsWindowAndLeavesASampleOutExactly() {
    PoolReference p = new PoolReference(2, 4);
    assertThat(p.add(new float[] {1, 0})).isTrue();
    p.add(new float[] {3, 2});
    p.add(new float[] {5, 4});

    assertThat(p.mean()).containsExactly(3f, 2f);
    assertThat(p.meanWithout(new float[] {5, 4})).containsExactly(2f, 1f);
  }

  @Test
  void staysTheMeanOfItsFirstWindowOfSamplesSoScoresKeepOneScale() {
    PoolReference fixed = new PoolReference(1, 8);
    PoolReference running = new PoolReference(1, 0);
    for (int i = 0; i < 8; i++) {
      fixed.add(new float[] {2});
      running.add(new float[] {2});
    }
    assertThat(fixed.add(new float[] {10})).as("after the window: not in the mean").isFalse();
    assertThat(running.add(new float[] {10})).isTrue();

    assertThat(fixed.mean()).containsExactly(2f);
    assertThat(fixed.count()).isEqualTo(9);
    assertThat(running.mean()).containsExactly(26f / 9);
  }

  @Test
  void roundTripsAndFixesAStoredRunningMeanAtItsWindow() {
    PoolReference p = new PoolReference(2, 4);
    for (int i = 0; i < 6; i++) {
      p.add(new float[] {i, 1});
    }
    PoolReference back = PoolReference.fromBytes(p.toBytes(), 4);
    assertThat(back.count()).isEqualTo(6);
    assertThat(back.mean()).containsExactly(p.mean());

    // stored without a window: a running sum of 10 samples of value 2
    ByteBuffer old = ByteBuffer.allocate(1 + 4 + 8 + 8).put((byte) 1).putInt(1).putLong(10).putDouble(20);
    PoolReference fixed = PoolReference.fromBytes(old.array(), 4);
    assertThat(fixed.mean()).containsExactly(2f);
    assertThat(fixed.add(new float[] {100})).isFalse();
  }
}
