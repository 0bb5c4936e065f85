package io.alignstream.curator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.curator.policy.Policy;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorScoreTest {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  static ScoredSample sample() {
    Sample s = Sample.newBuilder().setId("a").setTask("mt.en-fr").setRole(Role.POOL).setSource("s").setEventTime(T0)
        .setIngestTime(T0).setPayload(new TextPair("x", "y", "en", "fr")).build();
    return new ScoredSample(s, List.of(new AlignmentScore("t", "dsir", "p", 1L, -0.5, -6.0),
        new AlignmentScore("t", "gzip", "p", 1L, 0.3, null)), T0);
  }

  static Policy policy(String method, Policy.Selection selection) {
    return new Policy("d", "mt.en-fr", "t", method, null, Policy.Rules.none(), selection, null);
  }

  @Test
  void importanceResamplingDrawsByDsirsLogImportanceWeight() {
    assertThat(Selector.score(policy("dsir", new Policy.Importance(10, 100, 1.0, 0)), sample())).isEqualTo(-6.0);
  }

  @Test
  void otherPoliciesAndMethodsWithoutAWeightUseTheScoreValue() {
    assertThat(Selector.score(policy("dsir", new Policy.Threshold(0.0)), sample())).isEqualTo(-0.5);
    assertThat(Selector.score(policy("gzip", new Policy.Importance(10, 100, 1.0, 0)), sample())).isEqualTo(0.3);
  }
}
