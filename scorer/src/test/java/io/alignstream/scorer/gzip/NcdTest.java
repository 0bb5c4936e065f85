package io.alignstream.scorer.gzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NcdTest {
  private static final String LOREM = "the database server refused the connection because the password was wrong; "
      + "check the database server log and the connection settings of the client";

  @Test
  void shouldFollowTheFormulaFromLengths() {
    assertThat(Ncd.ncd(10, 20, 25)).isCloseTo(0.75, within(1e-12));
    assertThat(Ncd.ncd(20, 10, 20)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldBeSmallForATextWithItselfAndLargeForUnrelatedNoise() {
    String noise = randomLetters(LOREM.length(), 7);
    assertThat(Ncd.ncd(LOREM, LOREM)).isLessThan(0.2);
    assertThat(Ncd.ncd(LOREM, noise)).isGreaterThan(0.7);
    assertThat(Ncd.ncd(LOREM, noise)).isGreaterThan(Ncd.ncd(LOREM, LOREM.replace("client", "server")));
  }

  @Test
  void shouldScoreTextsLikeTheReferenceHigher() {
    GzipReference ref = new GzipReference(8, 1, List.of(LOREM, "the server closed the database connection"), 2);
    assertThat(ref.alignment("could not open a connection to the database server"))
        .isGreaterThan(ref.alignment("preheat the oven and butter the baking tin"));
  }

  @Test
  void shouldKeepAtMostCapacityReferencesSampledUniformly() {
    GzipReference ref = new GzipReference(4, 3);
    for (int i = 0; i < 1000; i++) {
      ref.add("text " + i);
    }
    assertThat(ref.texts()).hasSize(4);
    assertThat(ref.seen()).isEqualTo(1000);
    assertThat(new GzipReference(4, 3).alignment("x")).isNaN();
  }

  private static String randomLetters(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }
}
