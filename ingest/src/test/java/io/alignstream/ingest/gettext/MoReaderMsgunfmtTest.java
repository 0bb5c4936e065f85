package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alignstream.ingest.sample.Parsed;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the .mo reader against GNU gettext on the catalogs installed here: {@code msgunfmt} decodes
 * each file to .po, our {@link PoReader} parses that, and both readers must yield the same entries. Two
 * independent paths (their binary reader plus our .po parser, our binary reader) agreeing on thousands of
 * real messages is what makes the binary reader trustworthy.
 */
class MoReaderMsgunfmtTest {
  /** Identity of an entry as both formats keep it; .mo files have no flags, lines or fuzzy marks. */
  record Key(String msgctxt, String msgid, String msgidPlural, List<String> msgstr) {
    static Key of(CatalogEntry e) {
      return new Key(e.msgctxt(), e.msgid(), e.msgidPlural(), e.msgstr());
    }
  }

  @TempDir
  Path work;

  @TestFactory
  Stream<DynamicTest> shouldReadRealCatalogsExactlyAsMsgunfmtDoes() {
    assumeTrue(RealCatalogs.msgunfmtAvailable(), "msgunfmt (GNU gettext) is not at " + RealCatalogs.MSGUNFMT);
    List<Path> catalogs = RealCatalogs.sample(24);
    assumeTrue(!catalogs.isEmpty(), "no .mo catalogs under " + RealCatalogs.LOCALE_ROOT);
    return catalogs.stream().map(mo -> DynamicTest.dynamicTest(mo.toString(), () -> crossCheck(mo)));
  }

  private void crossCheck(Path mo) throws Exception {
    List<Parsed<CatalogEntry>> ours = new MoReader().read(mo);
    List<Parsed<CatalogEntry>> theirs = new PoReader().read(RealCatalogs.msgunfmt(mo, work), "msgunfmt " + mo);

    assertThat(ours).as("bad entries read from %s", mo).allMatch(Parsed::isOk);
    if (theirs.isEmpty()) {
      // msgunfmt prints nothing at all for a catalog that holds only its header entry.
      assertThat(ours).as("msgunfmt printed nothing for %s", mo).singleElement()
          .satisfies(p -> assertThat(p.value().isHeader()).isTrue());
      return;
    }
    assertThat(theirs).as("bad entries in msgunfmt's output for %s", mo).allMatch(Parsed::isOk);
    Map<Key, Integer> difference = new HashMap<>();
    ours.forEach(p -> difference.merge(Key.of(p.value()), 1, Integer::sum));
    theirs.forEach(p -> difference.merge(Key.of(p.value()), -1, Integer::sum));
    difference.values().removeIf(n -> n == 0);
    assertThat(difference).as("entries only ours (+) or only msgunfmt's (-) in %s", mo).isEmpty();
    assertThat(ours).hasSameSizeAs(theirs).isNotEmpty();
  }
}
