package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alignstream.ingest.gettext.GettextPairs.Counts;
import io.alignstream.ingest.gettext.GettextPairs.Pair;
import io.alignstream.ingest.gettext.GettextPairs.Result;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.schemas.sample.TextPair;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GettextPairsTest {
  private static final CatalogEntry HEADER = CatalogEntry.of(null, "", "Content-Type: text/plain; charset=UTF-8\n");

  @Test
  void shouldSkipAndCountHeaderFuzzyAndUntranslatedEntries() {
    List<CatalogEntry> entries = List.of(
        HEADER,
        CatalogEntry.of(null, "Open", "Ouvrir"),
        new CatalogEntry(null, "Close", null, List.of("Fermer"), true, Set.of(), 0),
        new CatalogEntry(null, "Empty fuzzy", null, List.of(""), true, Set.of(), 0),
        CatalogEntry.of(null, "Quit", ""),
        new CatalogEntry(null, "%d file", "%d files", List.of("%d fichier", ""), false, Set.of(), 0),
        new CatalogEntry(null, "%d dir", "%d dirs", List.of("%d dossier", "%d dossiers"), false, Set.of(), 0));

    Result result = GettextPairs.toPairs(entries, "fr");

    assertThat(result.counts()).isEqualTo(new Counts(2, 2, 2, 1, 1));
    assertThat(result.counts().total()).isEqualTo(entries.size());
    assertThat(result.pairs()).extracting(p -> p.pair().getSrc(), p -> p.pair().getTgt()).containsExactly(
        tuple("Open", "Ouvrir"), tuple("%d dir", "%d dossier"), tuple("%d dirs", "%d dossiers"));
  }

  @Test
  void shouldEmitSingularAndPluralPairsWithTheFormInMetadata() {
    CatalogEntry plural = new CatalogEntry(null, "%d file", "%d files", List.of("%d plik", "%d pliki", "%d plików"),
        false, Set.of("c-format"), 0);

    List<Pair> pairs = GettextPairs.toPairs(List.of(plural), "pl").pairs();

    assertThat(pairs).extracting(Pair::pair).containsExactly(
        new TextPair("%d file", "%d plik", "en", "pl"), new TextPair("%d files", "%d pliki", "en", "pl"));
    assertThat(pairs).extracting(Pair::metadata).containsExactly(
        Map.of("plural", "0", "flags", "c-format"), Map.of("plural", "1", "flags", "c-format"));
  }

  @Test
  void shouldEmitOnlyTheSingularPairForALanguageWithOnePluralForm() {
    CatalogEntry plural =
        new CatalogEntry(null, "%d file", "%d files", List.of("%d 個のファイル"), false, Set.of(), 0);

    Result result = GettextPairs.toPairs(List.of(plural), "ja");

    assertThat(result.pairs()).extracting(Pair::pair).containsExactly(
        new TextPair("%d file", "%d 個のファイル", "en", "ja"));
    assertThat(result.counts().plural()).isEqualTo(1);
  }

  @Test
  void shouldReturnContextInMetadataNotInTheText() {
    Result result = GettextPairs.toPairs(List.of(CatalogEntry.of("menu", "File", "Fichier")), "fr");

    assertThat(result.pairs()).singleElement().satisfies(p -> {
      assertThat(p.pair()).isEqualTo(new TextPair("File", "Fichier", "en", "fr"));
      assertThat(p.metadata()).isEqualTo(Map.of("msgctxt", "menu"));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "%s", "%1$d of %2$d", "%-10.3f", "100%%", "%ld", "%<PRIu64>", "{0} and {1}", "%(name)s", "%1 / %2",
      "<b>bold</b>", "&amp; &lt;", "_File", "&Open", "  leading and trailing  ", "line\nbreak\t", "%I64d"})
  void shouldKeepPlaceholdersAndMarkupVerbatim(String text) {
    CatalogEntry entry = CatalogEntry.of(null, "src " + text, "tgt " + text);

    TextPair pair = GettextPairs.toPairs(List.of(entry), "fr").pairs().get(0).pair();

    assertThat(pair.getSrc()).isEqualTo("src " + text);
    assertThat(pair.getTgt()).isEqualTo("tgt " + text);
  }

  @Test
  void shouldTurnAParsedPoFileIntoPairs() throws IOException {
    List<CatalogEntry> entries = new PoReader().read(PoReaderTest.resource("features.po"), "features.po").stream()
        .map(Parsed::value).toList();

    Result result = GettextPairs.toPairs(entries, "fr");

    assertThat(result.counts()).isEqualTo(new Counts(6, 1, 1, 1, 1));
    assertThat(result.pairs()).extracting(p -> p.pair().getSrc()).containsExactly("Hello, %s!", "File",
        "%d file copied", "%d files copied", "A long line that continues here\n",
        "Escapes: \t\"quoted\"\\ \u0007\b\f\u000b\rABé", "After obsolete");
  }
}
