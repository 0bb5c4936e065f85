package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoReaderTest {
  private static final String HEADER = """
      msgid ""
      msgstr "Content-Type: text/plain; charset=UTF-8\\n"

      """;

  private final PoReader reader = new PoReader();

  @Test
  void shouldReadEveryFeatureOfTheFeatureFile() throws IOException {
    List<Parsed<CatalogEntry>> items = reader.read(resource("features.po"), "/po/features.po");

    assertThat(items).allSatisfy(p -> assertThat(p.error()).isNull());
    List<CatalogEntry> entries = items.stream().map(Parsed::value).toList();
    assertThat(entries).extracting(CatalogEntry::msgid).containsExactly(
        "", "Hello, %s!", "File", "%d file copied", "A long line that continues here\n", "New %s", "Untranslated",
        "Escapes: \t\"quoted\"\\ \u0007\b\f\u000b\rABé", "After obsolete");
    assertThat(entries.get(0).isHeader()).isTrue();
    assertThat(entries.get(0).fuzzy()).isTrue();
    assertThat(entries.get(1).flags()).containsExactly("c-format");
    assertThat(entries.get(1).msgstr()).containsExactly("Bonjour, %s !");
    assertThat(entries.get(2).msgctxt()).isEqualTo("menu");
    assertThat(entries.get(3).msgidPlural()).isEqualTo("%d files copied");
    assertThat(entries.get(3).msgstr()).containsExactly("%d fichier copié", "%d fichiers copiés");
    assertThat(entries.get(3).flags()).containsExactlyInAnyOrder("c-format", "no-wrap");
    assertThat(entries.get(4).msgstr()).containsExactly("Une longue ligne qui continue ici\n");
    assertThat(entries.get(5).fuzzy()).isTrue();
    assertThat(entries.get(5).flags()).containsExactly("c-format");
    assertThat(entries.get(6).isTranslated()).isFalse();
    assertThat(entries.get(7).msgstr()).containsExactly("Échappements : \t\"cité\"\\ \u0007\b\f\u000b\rABé");
    assertThat(entries.get(8).fuzzy()).as("the obsolete entry's fuzzy flag stays with it").isFalse();
  }

  @Test
  void shouldUseTheFirstKeywordLineAsSourceRef() throws IOException {
    List<Parsed<CatalogEntry>> items = reader.read(resource("features.po"), "/po/features.po");

    assertThat(items).extracting(Parsed::sourceRef).startsWith("/po/features.po:4", "/po/features.po:16",
        "/po/features.po:20");
    assertThat(items).extracting(p -> p.value().line()).startsWith(4, 16, 20);
  }

  @Test
  void shouldReportEachBrokenEntryWithItsLineAndKeepTheGoodOnes() throws IOException {
    List<Parsed<CatalogEntry>> items = reader.read(resource("broken.po"), "/po/broken.po");

    assertThat(items.stream().filter(Parsed::isOk).map(p -> p.value().msgid()))
        .containsExactly("", "good one", "good two", "good three", "good four", "good five");
    assertThat(items.stream().filter(Parsed::isOk).filter(p -> p.value().msgid().equals("good four")))
        .singleElement().satisfies(p -> assertThat(p.value().msgstr()).containsExactly("bon quatrecontinues fine"));
    assertThat(items.stream().filter(p -> !p.isOk())).extracting(Parsed::sourceRef, Parsed::error).containsExactly(
        tuple("/po/broken.po:7", "line 7: unterminated string"),
        tuple("/po/broken.po:13", "line 13: unknown keyword 'msgfoo'"),
        tuple("/po/broken.po:16", "line 16: msgstr before msgid"),
        tuple("/po/broken.po:21", "line 21: bad escape '\\q'"),
        tuple("/po/broken.po:24", "line 24: msgid without msgstr"),
        tuple("/po/broken.po:32", "line 32: msgstr[1] out of order, expected msgstr[0]"),
        tuple("/po/broken.po:35", "line 35: string without a keyword"));
  }

  @Test
  void shouldKeepTheRawTextOfABrokenEntryForTheDeadLetter() {
    List<Parsed<CatalogEntry>> items = read(HEADER + """
        # comment
        msgid "a \\q"
        msgstr "b"
        "c"

        msgid "ok"
        msgstr "fine"
        """);

    assertThat(items.get(1).raw()).isEqualTo("# comment\nmsgid \"a \\q\"\nmsgstr \"b\"\n\"c\"");
    assertThat(items.get(2).value().msgid()).isEqualTo("ok");
  }

  @Test
  void shouldReportBadHexEscape() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgid \"\\xZZ\"\nmsgstr \"\"\n");

    assertThat(items.get(1).error()).isEqualTo("line 4: bad escape '\\x' without hex digits");
  }

  @Test
  void shouldReadOctalAndHexEscapesAsBytesOfTheCatalogCharset() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgid \"\\0\\7\\101\\1010\\x41\\x4a4\"\nmsgstr \"\\303\\251\"\n");

    assertThat(items.get(1).value().msgid()).isEqualTo("\u0000\u0007AA0AJ4");
    assertThat(items.get(1).value().msgstr()).containsExactly("é");
  }

  @Test
  void shouldReportMsgstrIndexWithoutMsgidPlural() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgid \"a\"\nmsgstr[0] \"b\"\n\nmsgid \"c\"\nmsgstr \"d\"\n");

    assertThat(items).extracting(Parsed::error).containsExactly(null, "line 5: msgstr[0] without msgid_plural", null);
  }

  @Test
  void shouldReportPlainMsgstrOnPluralEntry() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n");

    assertThat(items.get(1).error()).isEqualTo("line 6: plural entry needs msgstr[n], found msgstr");
  }

  @Test
  void shouldReportDuplicateMsgstrAndMisplacedPlural() {
    List<Parsed<CatalogEntry>> items = read(HEADER + """
        msgid "a"
        msgstr "b"
        msgstr "c"

        msgid "d"
        msgstr "e"
        msgid_plural "f"

        msgid "g"
        msgstr "h"
        """);

    assertThat(items).extracting(Parsed::error).containsExactly(null, "line 6: duplicate msgstr",
        "line 10: misplaced msgid_plural", null);
  }

  @Test
  void shouldReportTextAfterTheClosingQuote() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgid \"a\" junk\nmsgstr \"b\"\n");

    assertThat(items.get(1).error()).isEqualTo("line 4: unexpected text 'junk' where a quoted string belongs");
  }

  @Test
  void shouldReportMsgidWithoutMsgstrAtEndOfFileAndBeforeAComment() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgid \"a\"\n# next\nmsgid \"b\"\nmsgstr \"c\"\nmsgid \"d\"\n");

    assertThat(items).extracting(Parsed::error).containsExactly(null, "line 4: msgid without msgstr", null,
        "line 8: msgid without msgstr");
  }

  @Test
  void shouldReadEntriesWithoutBlankLinesBetweenThemAndBlankLinesInside() {
    List<Parsed<CatalogEntry>> items = read(HEADER + """
        msgid "a"

        msgstr "b"
        msgctxt "c"
        msgid "d"
        msgstr "e"
        #, fuzzy
        msgid "f"
        msgstr "g"
        """);

    assertThat(items).allMatch(Parsed::isOk);
    assertThat(items).extracting(p -> p.value().msgctxt(), p -> p.value().msgid(), p -> p.value().fuzzy())
        .containsExactly(tuple(null, "", false), tuple(null, "a", false), tuple("c", "d", false),
            tuple(null, "f", true));
  }

  @Test
  void shouldKeepAnEmptyContextDistinctFromNoContext() {
    List<Parsed<CatalogEntry>> items = read(HEADER + "msgctxt \"\"\nmsgid \"\"\nmsgstr \"not a header\"\n");

    assertThat(items.get(1).value().msgctxt()).isEmpty();
    assertThat(items.get(1).value().isHeader()).isFalse();
  }

  @Test
  void shouldDecodeByTheCharsetTheHeaderDeclares() {
    byte[] latin1 = """
        msgid ""
        msgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"

        msgid "coffee"
        msgstr "café"
        """.getBytes(StandardCharsets.ISO_8859_1);

    List<Parsed<CatalogEntry>> items = reader.read(latin1, "latin1.po");

    assertThat(items.get(1).value().msgstr()).containsExactly("café");
  }

  @Test
  void shouldTreatTheCharsetPlaceholderAndAMissingHeaderAsUtf8() {
    String body = "msgid \"coffee\"\nmsgstr \"café\"\n";
    String template = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=CHARSET\\n\"\n\n" + body;

    assertThat(read(template).get(1).value().msgstr()).containsExactly("café");
    assertThat(read(body).get(0).value().msgstr()).containsExactly("café");
  }

  @Test
  void shouldReportBytesThatAreInvalidInTheCatalogCharset() {
    byte[] bytes = (HEADER + "msgid \"bad\"\nmsgstr \"caf\u00e9\"\n\nmsgid \"good\"\nmsgstr \"bon\"\n")
        .getBytes(StandardCharsets.ISO_8859_1);

    List<Parsed<CatalogEntry>> items = reader.read(bytes, "x.po");

    assertThat(items).extracting(Parsed::error).containsExactly(null, "line 4: invalid UTF-8 bytes in the entry",
        null);
    assertThat(items.get(1).raw()).contains("msgid \"bad\"");
  }

  @Test
  void shouldRejectTheWholeFileForAnUnknownCharset() {
    List<Parsed<CatalogEntry>> items = read("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=KLINGON-8\\n\"\n");

    assertThat(items).singleElement().satisfies(p -> {
      assertThat(p.error()).isEqualTo("unsupported charset 'KLINGON-8' declared in the header");
      assertThat(p.sourceRef()).isEqualTo("test.po");
    });
  }

  @Test
  void shouldReadCrLfLineEndingsAndAByteOrderMark() {
    String text = (HEADER + "msgid \"a\"\nmsgstr \"b\"\n").replace("\n", "\r\n");
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);

    List<Parsed<CatalogEntry>> items = reader.read(bytes, "crlf.po");

    assertThat(items).allMatch(Parsed::isOk);
    assertThat(items.get(1).value().msgstr()).containsExactly("b");
  }

  @Test
  void shouldNotMistakePreviousMsgidCommentsForKeywords() {
    List<Parsed<CatalogEntry>> items = read(HEADER + """
        #| msgctxt "old"
        #| msgid "old"
        #. extracted
        #: ref.c:1
        msgid "new"
        msgstr "neuf"
        """);

    assertThat(items.get(1).value())
        .isEqualTo(new CatalogEntry(null, "new", null, List.of("neuf"), false, Set.of(), 8));
  }

  @Test
  void shouldReturnOneBadItemForAMissingFile() {
    List<Parsed<CatalogEntry>> items = reader.read(Path.of("/nonexistent/dir/x.po"));

    assertThat(items).singleElement().satisfies(p -> assertThat(p.error()).startsWith("cannot read:"));
  }

  @Test
  void shouldReadAnEmptyFileAsNoEntries() {
    assertThat(read("")).isEmpty();
    assertThat(read("# only a comment\n")).isEmpty();
  }

  private List<Parsed<CatalogEntry>> read(String text) {
    return reader.read(text.getBytes(StandardCharsets.UTF_8), "test.po");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = PoReaderTest.class.getResourceAsStream("/gettext/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }
}
