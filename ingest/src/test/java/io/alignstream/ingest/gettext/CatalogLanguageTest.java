package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CatalogLanguageTest {
  @ParameterizedTest
  @CsvSource({
      "fr, fr", "pt_BR, pt-BR", "zh_TW, zh-TW", "sr@latin, sr-Latn", "sr@cyrillic, sr-Cyrl",
      "uz@cyrillic, uz-Cyrl", "ca@valencia, ca-x-valencia", "en@quot, en-x-quot", "de_DE.UTF-8, de-DE",
      "be@latin, be-Latn", "ast, ast"})
  void shouldConvertPosixLocaleNamesToBcp47(String posix, String bcp47) {
    assertThat(CatalogLanguage.toBcp47(posix)).isEqualTo(bcp47);
  }

  @Test
  void shouldReadTheLanguageFromTheInstalledCatalogPath() {
    assertThat(CatalogLanguage.fromPath(Path.of("/usr/share/locale/pt_BR/LC_MESSAGES/sed.mo"))).hasValue("pt-BR");
    assertThat(CatalogLanguage.fromPath(Path.of("/usr/share/locale/fr/LC_MESSAGES/grep.mo"))).hasValue("fr");
  }

  @Test
  void shouldFindNoLanguageOutsideAnLcMessagesDirectory() {
    assertThat(CatalogLanguage.fromPath(Path.of("/tmp/fr/grep.mo"))).isEmpty();
    assertThat(CatalogLanguage.fromPath(Path.of("grep.mo"))).isEmpty();
  }
}
