package io.alignstream.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlignmentKnobTest {

  @Test
  void shouldHitTheTargetAtOneAndTheShiftedValueAtZeroExactly() {
    assertThat(AlignmentKnob.lerp(1, 25, 12)).isEqualTo(25);
    assertThat(AlignmentKnob.lerp(0, 25, 12)).isEqualTo(12);
    assertThat(AlignmentKnob.logLerp(1, 5000, 1000)).isEqualTo(5000);
    assertThat(AlignmentKnob.logLerp(0, 5000, 1000)).isEqualTo(1000);
  }

  @Test
  void shouldInterpolateScaleParametersGeometrically() {
    assertThat(AlignmentKnob.logLerp(0.5, 100, 1)).isCloseTo(10, offset(1e-9));
    assertThat(AlignmentKnob.lerp(0.25, 1, 0)).isEqualTo(0.25);
  }

  @Test
  void shouldNameTheDomainAfterTheKnobValue() {
    assertThat(AlignmentKnob.domain(0.25)).isEqualTo("synthetic-a0.25");
    assertThat(AlignmentKnob.domain(1.0)).isEqualTo("synthetic-a1");
    assertThat(AlignmentKnob.domain(0.0)).isEqualTo("synthetic-a0");
  }

  @Test
  void shouldRejectKnobValuesOutsideTheUnitInterval() {
    assertThatThrownBy(() -> AlignmentKnob.check(1.01)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlignmentKnob.check(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlignmentKnob.check(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPlaceEventsAtBasePlusIndexTimesSpacing() {
    Timeline t = new Timeline(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMinutes(12));
    assertThat(t.at(0)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(t.at(5)).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
  }
}
