package io.alignstream.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Python behaviours sacreBLEU's printed numbers and tokens rest on. Expected values follow the
 * Python documentation: built-in round() ("round(2.675, 2) gives 2.67 … most decimal fractions can't
 * be represented exactly as a float"), which '{:.Nf}' formatting shares, and str.split() / str.isspace()
 * (Unicode whitespace, including no-break spaces).
 */
class PyTextTest {

  @Test
  void shouldRoundOnTheExactBinaryValueLikePythonFormat() {
    assertThat(PyText.fixed(2.675, 2)).isEqualTo("2.67"); // Python docs, round()
    assertThat(PyText.fixed(0.125, 2)).isEqualTo("0.12"); // exact tie: half to even
    assertThat(PyText.fixed(0.375, 2)).isEqualTo("0.38");
    assertThat(PyText.fixed(48.530827, 2)).isEqualTo("48.53");
    assertThat(PyText.fixed(100.0, 1)).isEqualTo("100.0");
    assertThat(PyText.fixed(0.0, 3)).isEqualTo("0.000");
  }

  @Test
  void shouldPrintJsonScoresAsPythonPrintsTheRoundedFloat() {
    assertThat(PyText.roundedRepr(48.530827, 1)).isEqualTo("48.5");
    assertThat(PyText.roundedRepr(59.7309, 2)).isEqualTo("59.73");
    assertThat(PyText.roundedRepr(100.0, 1)).isEqualTo("100.0");
    assertThat(PyText.roundedRepr(20.0, 2)).isEqualTo("20.0");
    assertThat(PyText.roundedRepr(0.0, 1)).isEqualTo("0.0");
  }

  @Test
  void shouldSplitOnUnicodeWhitespaceLikePython() {
    assertThat(PyText.split("  a\u00A0b\tc\u2009d\u3000e \r\n")).containsExactly("a", "b", "c", "d", "e");
    assertThat(PyText.split(" \t ")).isEmpty();
    assertThat(PyText.removeSpaces(" a b\u202Fc ")).isEqualTo("abc");
    assertThat(PyText.rstrip("abc \u00A0\r")).isEqualTo("abc");
    assertThat(PyText.rstrip(" abc")).isEqualTo(" abc");
  }
}
