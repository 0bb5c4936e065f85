package io.alignstream.ingest.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlareClassTest {

  @ParameterizedTest
  @CsvSource({
      "5e-9, A0.5", "9.99e-8, A9.9", "1e-7, B1.0", "2.578931912466942e-7, B2.5", "1e-6, C1.0",
      "4.7267981244658586e-06, C4.7", "9.96e-6, C9.9", "1e-5, M1.0", "1.2e-5, M1.2", "9.99e-5, M9.9",
      "1e-4, X1.0", "2.8e-3, X28.0"})
  void shouldNameTheClassWithATruncatedMultiplier(double flux, String expected) {
    assertThat(FlareClass.of(flux)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1e-6, Double.NaN, Double.POSITIVE_INFINITY})
  void shouldHaveNoClassForNonPositiveOrNonFiniteFlux(double flux) {
    assertThat(FlareClass.of(flux)).isNull();
  }

  @Test
  void shouldReadClassStringsBackIntoMagnitudeAndFlux() {
    assertThat(FlareClass.magnitude("m1.2")).isEqualTo('M');
    assertThat(FlareClass.magnitude(" X ")).isEqualTo('X');
    assertThat(FlareClass.magnitude("FQ")).isNull();
    assertThat(FlareClass.magnitude(null)).isNull();
    assertThat(FlareClass.flux("M1.2")).isCloseTo(1.2e-5, within(1e-18));
    assertThat(FlareClass.flux("X")).isCloseTo(1e-4, within(1e-18));
    assertThat(FlareClass.flux("Z1")).isNaN();
    assertThat(FlareClass.isValid("C4.7")).isTrue();
    assertThat(FlareClass.isValid("C4.")).isFalse();
    assertThat(FlareClass.isMajor('M')).isTrue();
    assertThat(FlareClass.isMajor('C')).isFalse();
  }
}
