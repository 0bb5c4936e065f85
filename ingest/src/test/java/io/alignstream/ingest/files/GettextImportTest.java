package io.alignstream.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** gettext .po import: translated entries become pairs, the rest is skipped and counted. */
@ExtendWith(AlignStreamExtension.class)
class GettextImportTest {
  private static final String PO = """
      # French translations for psql.
      msgid ""
      msgstr ""
      "Project-Id-Version: psql 15\\n"
      "Language: fr\\n"
      "Content-Type: text/plain; charset=UTF-8\\n"
      "Plural-Forms: nplurals=2; plural=(n > 1);\\n"

      #: help.c:10
      msgid "Open"
      msgstr "Ouvrir"

      #, fuzzy
      msgid "Close"
      msgstr "Fermer"

      msgid "Quit"
      msgstr ""

      #: describe.c:42
      #, c-format
      msgid "(%lu row)"
      msgid_plural "(%lu rows)"
      msgstr[0] "(%lu ligne)"
      msgstr[1] "(%lu lignes)"

      msgctxt "menu"
      msgid "File"
      msgstr "Fichier"
      """;

  @TempDir Path dir;
  private ImportRun importer;

  @BeforeEach
  void setUp(TestStack stack) {
    importer = new ImportRun(stack.bootstrapServers(), stack.newCatalogue());
  }

  private Path catalog() throws IOException {
    Path file = dir.resolve("fr/LC_MESSAGES/psql-15.po");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, PO);
  }

  @Test
  void shouldImportTranslatedEntriesAsPairsAndCountTheSkippedOnes() throws IOException {
    // given
    Path file = catalog();

    // when
    ImportSummary summary = importer.run(Formats.Name.gettext, ImportRun.options("mt.en-fr"), file);

    // then: Open, both plural forms and File; header, fuzzy and untranslated skipped
    assertThat(summary.read()).isEqualTo(4);
    assertThat(summary.accepted()).isEqualTo(4);
    assertThat(summary.rejected()).isZero();
    assertThat(summary.skipped()).containsOnly(
        entry("gettext header entry", 1L),
        entry("gettext fuzzy entry", 1L),
        entry("gettext untranslated entry", 1L));
    List<Sample> samples = importer.samples().stream().map(ConsumerRecord::value).toList();
    assertThat(samples).extracting(Sample::getPayload).containsExactly(
        new TextPair("Open", "Ouvrir", "en", "fr"),
        new TextPair("(%lu row)", "(%lu ligne)", "en", "fr"),
        new TextPair("(%lu rows)", "(%lu lignes)", "en", "fr"),
        new TextPair("File", "Fichier", "en", "fr"));
    assertThat(samples).extracting(Sample::getDomain).containsOnly("postgres");
    assertThat(samples).extracting(Sample::getTask).containsOnly("mt.en-fr");
    assertThat(samples).extracting(Sample::getSource).containsOnly(ImportOptions.sourceOf(file));
    assertThat(samples).allSatisfy(s -> assertThat(s.getMetadata()).containsEntry("catalog", "psql-15"));
    assertThat(samples.get(1).getMetadata()).containsEntry("plural", "0").containsEntry("flags", "c-format");
    assertThat(samples.get(2).getMetadata()).containsEntry("plural", "1");
    assertThat(samples.get(3).getMetadata()).containsEntry("msgctxt", "menu");
    assertThat(samples).extracting(Sample::getId).doesNotHaveDuplicates();
    assertThat(importer.deadLetters()).isEmpty();
  }

  @Test
  void shouldDeadLetterAMalformedEntryAndKeepTheOthers() throws IOException {
    // given: an unterminated string in the second entry
    Path file = dir.resolve("de/LC_MESSAGES/psql-15.po");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        msgid "Open"
        msgstr "Öffnen"

        msgid "Close
        msgstr "Schließen"

        msgid "Quit"
        msgstr "Beenden"
        """);

    // when
    ImportSummary summary = importer.run(Formats.Name.gettext, ImportRun.options("mt.en-de"), file);

    // then
    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(importer.samples()).extracting(r -> ((TextPair) r.value().getPayload()).getSrc())
        .contains("Open", "Quit").doesNotContain("Close");
    assertThat(importer.samples()).extracting(r -> ((TextPair) r.value().getPayload()).getTgtLang())
        .containsOnly("de");
    assertThat(importer.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorClass()).isEqualTo("RejectedRecord");
      assertThat(letter.getSourceRef()).startsWith(file + ":");
      assertThat(letter.getErrorMessage()).startsWith("line ");
    });
  }

  @Test
  void shouldGiveTheSameSampleIdsWhenTheSameCatalogIsImportedTwice() throws IOException {
    Path file = catalog();

    importer.run(Formats.Name.gettext, ImportRun.options("mt.en-fr"), file);
    importer.run(Formats.Name.gettext, ImportRun.options("mt.en-fr"), file);

    List<String> ids = importer.samples().stream().map(ConsumerRecord::key).toList();
    assertThat(ids).hasSize(8);
    assertThat(ids.subList(4, 8)).containsExactlyElementsOf(ids.subList(0, 4));
  }

  @Test
  void shouldWalkADirectoryForCatalogsOnly() throws IOException {
    catalog();
    Files.writeString(dir.resolve("fr/LC_MESSAGES/README.txt"), "msgid \"x\"\nmsgstr \"y\"\n");

    ImportSummary summary = importer.run(Formats.Name.gettext, ImportRun.options("mt.en-fr"), dir);

    assertThat(summary.files()).isEqualTo(1);
    assertThat(summary.accepted()).isEqualTo(4);
  }
}
