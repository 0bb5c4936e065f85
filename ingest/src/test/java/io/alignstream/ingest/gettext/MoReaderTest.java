package io.alignstream.ingest.gettext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alignstream.ingest.gettext.MoWriter.Message;
import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoReaderTest {
  private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

  private final MoReader reader = new MoReader();

  private static final List<Message> MESSAGES = List.of(
      MoWriter.header("ISO-8859-1"),
      new Message(null, "%d file", "%d files", List.of("%d fichier", "%d fichiers")),
      new Message("menu", "Open", null, List.of("Ouvrir")),
      new Message("verb", "Save %s", "Save %s (all)", List.of("Enregistrer %s", "Tout enregistrer : %s")),
      Message.of("Coffee", "Café à l'œil"),
      Message.of("Untranslated", ""));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void shouldReadPluralFormsContextAndNonUtf8TextFromMoFile(String byteOrder) {
    ByteOrder order = byteOrder.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    // ISO-8859-15 has œ, ISO-8859-1 does not: write 15, declare 15.
    List<Message> messages = MESSAGES.stream()
        .map(m -> m.msgid().isEmpty() ? MoWriter.header("ISO-8859-15") : m).toList();
    byte[] mo = MoWriter.write(messages, Charset.forName("ISO-8859-15"), order);

    List<Parsed<CatalogEntry>> items = reader.read(mo, "/l/fr/LC_MESSAGES/x.mo");

    assertThat(items).allMatch(Parsed::isOk);
    assertThat(items).extracting(p -> p.value().msgctxt(), p -> p.value().msgid(), p -> p.value().msgidPlural(),
        p -> p.value().msgstr()).containsExactly(
        tuple(null, "", null, List.of(messages.get(0).msgstr().get(0))),
        tuple(null, "%d file", "%d files", List.of("%d fichier", "%d fichiers")),
        tuple("menu", "Open", null, List.of("Ouvrir")),
        tuple("verb", "Save %s", "Save %s (all)", List.of("Enregistrer %s", "Tout enregistrer : %s")),
        tuple(null, "Coffee", null, List.of("Café à l'œil")),
        tuple(null, "Untranslated", null, List.of("")));
    assertThat(items.get(0).value().isHeader()).isTrue();
    assertThat(items).extracting(p -> p.value().line(), p -> p.value().fuzzy()).containsOnly(tuple(0, false));
  }

  @Test
  void shouldReadBothByteOrdersToTheSameEntries() {
    List<Parsed<CatalogEntry>> little = reader.read(MoWriter.write(MESSAGES, LATIN1, ByteOrder.LITTLE_ENDIAN), "x");
    List<Parsed<CatalogEntry>> big = reader.read(MoWriter.write(MESSAGES, LATIN1, ByteOrder.BIG_ENDIAN), "x");

    assertThat(big).isEqualTo(little);
    assertThat(little.get(4).value().msgstr()).containsExactly("Caf\u00e9 \u00e0 l'?il");
  }

  @Test
  void shouldNameEachEntryByItsIndexInSourceRef() {
    List<Parsed<CatalogEntry>> items = reader.read(MoWriter.write(MESSAGES, LATIN1, ByteOrder.LITTLE_ENDIAN), "/a.mo");

    assertThat(items).extracting(Parsed::sourceRef).containsExactly("/a.mo#0", "/a.mo#1", "/a.mo#2", "/a.mo#3",
        "/a.mo#4", "/a.mo#5");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void shouldExpandSystemDependentStringsAsInThePoSource(String byteOrder) {
    ByteOrder order = byteOrder.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    List<Message> sysdep = List.of(
        new Message(null, "%<PRIu64> byte", "%<PRIu64> bytes", List.of("%<PRIu64> octet", "%<PRIu64> octets")),
        new Message("size", "%<PRIdMAX> of %<PRIuMAX>", null, List.of("%<PRIdMAX> sur %<PRIuMAX>")));
    byte[] mo = MoWriter.write(List.of(MoWriter.header("UTF-8"), Message.of("a", "b")), sysdep,
        StandardCharsets.UTF_8, order, 1);

    List<Parsed<CatalogEntry>> items = reader.read(mo, "s.mo");

    assertThat(items).allMatch(Parsed::isOk);
    assertThat(items).extracting(Parsed::sourceRef).containsExactly("s.mo#0", "s.mo#1", "s.mo#2", "s.mo#3");
    assertThat(items.get(2).value()).isEqualTo(new CatalogEntry(null, "%<PRIu64> byte", "%<PRIu64> bytes",
        List.of("%<PRIu64> octet", "%<PRIu64> octets"), false, Set.of("c-format"), 0));
    assertThat(items.get(3).value()).isEqualTo(new CatalogEntry("size", "%<PRIdMAX> of %<PRIuMAX>", null,
        List.of("%<PRIdMAX> sur %<PRIuMAX>"), false, Set.of("c-format"), 0));
  }

  @Test
  void shouldAcceptMajorRevisionOne() {
    byte[] mo = MoWriter.write(MESSAGES, List.of(), LATIN1, ByteOrder.LITTLE_ENDIAN, 0x10000);

    assertThat(reader.read(mo, "x")).hasSize(MESSAGES.size()).allMatch(Parsed::isOk);
  }

  @Test
  void shouldRejectAnUnknownMajorRevision() {
    byte[] mo = MoWriter.write(MESSAGES, List.of(), LATIN1, ByteOrder.LITTLE_ENDIAN, 0x20000);

    assertThat(reader.read(mo, "x")).singleElement()
        .satisfies(p -> assertThat(p.error()).isEqualTo("unsupported .mo revision 2.0"));
  }

  @Test
  void shouldRejectBadMagicForTheWholeFile() {
    byte[] po = "msgid \"\"\nmsgstr \"\"\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(reader.read(po, "x.po")).singleElement().satisfies(p -> {
      assertThat(p.error()).isEqualTo("not a .mo file: bad magic 0x6967736d");
      assertThat(p.sourceRef()).isEqualTo("x.po");
    });
  }

  @Test
  void shouldReportFilesTooShortForAHeader() {
    assertThat(reader.read(new byte[0], "x")).extracting(Parsed::error)
        .containsExactly("not a .mo file: only 0 bytes");
    byte[] magicOnly = Arrays.copyOf(MoWriter.write(MESSAGES, LATIN1, ByteOrder.BIG_ENDIAN), 12);
    assertThat(reader.read(magicOnly, "x")).extracting(Parsed::error)
        .containsExactly("truncated: header needs 28 bytes, file size 12");
  }

  @Test
  void shouldReportStringTablesBeyondTheEndOfTheFile() {
    byte[] mo = MoWriter.write(MESSAGES, LATIN1, ByteOrder.LITTLE_ENDIAN);
    byte[] truncated = Arrays.copyOf(mo, 40);

    assertThat(reader.read(truncated, "x")).extracting(Parsed::error).containsExactly(
        "truncated: original string table at offset 28 (6 entries of 8 bytes) beyond file size 40");
  }

  @Test
  void shouldNotAllocateForAHugeBogusCount() {
    byte[] mo = MoWriter.write(MESSAGES, LATIN1, ByteOrder.LITTLE_ENDIAN);
    ByteBuffer.wrap(mo).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0xffffffff);

    assertThat(reader.read(mo, "x")).extracting(Parsed::error).containsExactly("truncated: original string table at"
        + " offset 28 (4294967295 entries of 8 bytes) beyond file size " + mo.length);
  }

  @Test
  void shouldReportOneStringBeyondTheFileAndKeepTheOthers() {
    byte[] mo = MoWriter.write(MESSAGES, LATIN1, ByteOrder.LITTLE_ENDIAN);
    ByteBuffer buffer = ByteBuffer.wrap(mo).order(ByteOrder.LITTLE_ENDIAN);
    int translations = buffer.getInt(16);
    buffer.putInt(translations + 8 * 2 + 4, Integer.MAX_VALUE);

    List<Parsed<CatalogEntry>> items = reader.read(mo, "x.mo");

    assertThat(items).extracting(Parsed::isOk).containsExactly(true, true, false, true, true, true);
    assertThat(items.get(2).error()).isEqualTo(
        "translation string #2 at offset 2147483647 (length 6) beyond file size " + mo.length);
    assertThat(items.get(2).sourceRef()).isEqualTo("x.mo#2");
  }

  @Test
  void shouldReportOneUndecodableStringAndKeepTheOthers() {
    List<Message> messages = List.of(MoWriter.header("UTF-8"), Message.of("bad", "caf\u00e9"), Message.of("ok", "bon"));
    // Writing UTF-8-declared text as ISO-8859-1 leaves a lone 0xE9, which is not UTF-8.
    byte[] mo = MoWriter.write(messages, LATIN1, ByteOrder.LITTLE_ENDIAN);

    List<Parsed<CatalogEntry>> items = reader.read(mo, "x.mo");

    assertThat(items).extracting(Parsed::error).containsExactly(null, "invalid UTF-8 bytes in the entry", null);
    assertThat(items.get(1).raw()).isEqualTo("bad\ncaf\u00e9");
  }

  @Test
  void shouldRejectAnUnknownCharsetForTheWholeFile() {
    byte[] mo = MoWriter.write(List.of(MoWriter.header("KLINGON-8"), Message.of("a", "b")), LATIN1,
        ByteOrder.LITTLE_ENDIAN);

    assertThat(reader.read(mo, "x.mo")).extracting(Parsed::error)
        .containsExactly("unsupported charset 'KLINGON-8' declared in the header");
  }

  @Test
  void shouldTreatTheCharsetPlaceholderAsUtf8() {
    byte[] mo = MoWriter.write(List.of(MoWriter.header("CHARSET"), Message.of("Coffee", "Café")),
        StandardCharsets.UTF_8, ByteOrder.LITTLE_ENDIAN);

    assertThat(reader.read(mo, "x.mo").get(1).value().msgstr()).containsExactly("Café");
  }

  @Test
  void shouldReportABrokenSystemDependentTableAndKeepTheStaticEntries() {
    byte[] mo = MoWriter.write(List.of(MoWriter.header("UTF-8"), Message.of("a", "b")),
        List.of(Message.of("%<PRIu64>", "%<PRIu64>")), StandardCharsets.UTF_8, ByteOrder.LITTLE_ENDIAN, 1);
    ByteBuffer.wrap(mo).order(ByteOrder.LITTLE_ENDIAN).putInt(36, 0x7fffffff);

    List<Parsed<CatalogEntry>> items = reader.read(mo, "x.mo");

    assertThat(items).extracting(Parsed::isOk).containsExactly(true, true, false);
    assertThat(items.get(2).error()).startsWith("truncated: system-dependent original string table at offset ")
        .endsWith("(2147483647 entries of 4 bytes) beyond file size " + mo.length);
  }

  @Test
  void shouldReportASystemDependentStringReferringToAMissingSegment() {
    byte[] mo = MoWriter.write(List.of(MoWriter.header("UTF-8")),
        List.of(Message.of("%<PRIu64>", "%<PRIu64>")), StandardCharsets.UTF_8, ByteOrder.LITTLE_ENDIAN, 1);
    ByteBuffer.wrap(mo).order(ByteOrder.LITTLE_ENDIAN).putInt(28, 0);

    List<Parsed<CatalogEntry>> items = reader.read(mo, "x.mo");

    assertThat(items).extracting(Parsed::error)
        .containsExactly(null, "system-dependent string refers to segment 0 of 0");
  }

  @Test
  void shouldStopWhenEveryEntryPointsAtTheSameHugeRegion() {
    int size = 1 << 20;
    byte[] mo = new byte[size];
    Arrays.fill(mo, (byte) 'a');
    int count = (size - 28) / 16;
    ByteBuffer b = ByteBuffer.wrap(mo).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, MoFile.MAGIC).putInt(4, 0).putInt(8, count).putInt(12, 28).putInt(16, 28 + 8 * count);
    for (int i = 0; i < 2 * count; i++) {
      b.putInt(28 + 8 * i, size - 1).putInt(32 + 8 * i, 0);
    }

    long start = System.nanoTime();
    List<Parsed<CatalogEntry>> items = reader.read(mo, "bomb.mo");

    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    assertThat(items.size()).isLessThan(20);
    assertThat(items.get(items.size() - 1).error()).startsWith("strings overlap far beyond the file size");
  }

  @Test
  void shouldNeverThrowOnAnyTruncationOfACatalog() {
    byte[] mo = MoWriter.write(MESSAGES, List.of(Message.of("%<PRIu64> x", "%<PRIu64> y")), LATIN1,
        ByteOrder.BIG_ENDIAN, 1);

    for (int length = 0; length < mo.length; length++) {
      List<Parsed<CatalogEntry>> items = reader.read(Arrays.copyOf(mo, length), "cut.mo");
      assertThat(items).as("cut at %d", length).isNotEmpty().anyMatch(p -> !p.isOk());
    }
    assertThat(reader.read(mo, "whole.mo")).allMatch(Parsed::isOk);
  }

  @Test
  void shouldReadAFileAndReportAMissingOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x.mo");
    Files.write(file, MoWriter.write(MESSAGES, LATIN1, ByteOrder.LITTLE_ENDIAN));

    assertThat(reader.read(file)).hasSize(MESSAGES.size()).allMatch(Parsed::isOk);
    assertThat(reader.read(dir.resolve("missing.mo"))).singleElement()
        .satisfies(p -> assertThat(p.error()).startsWith("cannot read:"));
  }
}
