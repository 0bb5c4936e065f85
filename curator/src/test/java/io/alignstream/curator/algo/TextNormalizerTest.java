package io.alignstream.curator.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void shouldComposeToNfc() {
    assertThat(TextNormalizer.CASE_PRESERVING.normalize("e\u0301")).isEqualTo("\u00e9");
    assertThat(TextNormalizer.CASE_PRESERVING.normalize("\u212b")).as("Angstrom sign").isEqualTo("\u00c5");
  }

  @Test
  void shouldCollapseEveryKindOfWhitespaceToOneSpaceAndTrim() {
    String messy = " \t a\u00a0\u00a0b\r\n\u3000c\u2028d\u200b\ufeff e \n";

    assertThat(TextNormalizer.CASE_PRESERVING.normalize(messy)).isEqualTo("a b c d e");
    assertThat(TextNormalizer.CASE_PRESERVING.normalize("   ")).isEmpty();
    assertThat(TextNormalizer.CASE_PRESERVING.normalize("")).isEmpty();
    assertThat(TextNormalizer.CASE_PRESERVING.normalize("x\u001cy")).as("control chars are content").isEqualTo("x\u001cy");
  }

  @Test
  void shouldLowerCaseWithTheRootLocaleWhateverTheDefault() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertThat(TextNormalizer.LOWER_CASE.normalize("TITLE")).isEqualTo("title");
      assertThat(TextNormalizer.CASE_PRESERVING.normalize("TITLE")).isEqualTo("TITLE");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void shouldBeIdempotent() {
    for (String s : new String[] {"  A\u0301 b\t\tC ", "\u0130stanbul", "\u00df  STRASSE", "\ufb01 \u2028"}) {
      for (TextNormalizer n : new TextNormalizer[] {TextNormalizer.CASE_PRESERVING, TextNormalizer.LOWER_CASE}) {
        assertThat(n.normalize(n.normalize(s))).isEqualTo(n.normalize(s));
      }
    }
  }
}
