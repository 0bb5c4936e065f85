package io.alignstream.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CSV import (header row, Features for the solar family, text pairs for mt) against the real broker. */
@ExtendWith(AlignStreamExtension.class)
class CsvImportTest {
  @TempDir Path dir;
  private ImportRun importer;

  @BeforeEach
  void setUp(TestStack stack) {
    importer = new ImportRun(stack.bootstrapServers(), stack.newCatalogue());
  }

  private Path file(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static Features features(ConsumerRecord<String, Sample> r) {
    return (Features) r.value().getPayload();
  }

  @Test
  void shouldImportFeatureRowsAndDeadLetterTheRowWithTheWrongColumnCount() throws IOException {
    // given: line 4 has too few columns
    Path file = file("sharp.csv",
        "harp,usflux,meangam,flare,eventTime",
        "1,6.5e21,28.3,1,2010-05-01T00:00:00Z",
        "2,NaN,MISSING,0,2010-05-01T00:12:00Z",
        "3,1.0",
        "4,1.5e20,null,0,2010-05-01T00:36:00Z");
    ImportOptions options = ImportRun.options("solar.flare24h", Map.of("label", "flare"), List.of("usflux", "meangam"));

    // when
    ImportSummary summary = importer.run(Formats.Name.csv, options, file);

    // then
    assertThat(summary.read()).isEqualTo(4);
    assertThat(summary.accepted()).isEqualTo(3);
    assertThat(summary.rejected()).isEqualTo(1);
    List<ConsumerRecord<String, Sample>> samples = importer.samples();
    assertThat(samples).hasSize(3);
    Features first = features(samples.get(0));
    assertThat(first.getNames()).containsExactly("usflux", "meangam");
    assertThat(first.getValues()).containsExactly(6.5e21, 28.3);
    assertThat(first.getLabel()).isEqualTo(1.0);
    assertThat(samples.get(0).value().getTask()).isEqualTo("solar.flare24h");
    assertThat(samples.get(0).value().getEventTime()).isEqualTo(Instant.parse("2010-05-01T00:00:00Z"));
    assertThat(samples.get(0).value().getSource()).isEqualTo(ImportOptions.sourceOf(file));
    Features missing = features(samples.get(1));
    assertThat(missing.getValues()).hasSize(2).allSatisfy(v -> assertThat(v).isNaN());
    assertThat(missing.getLabel()).isEqualTo(0.0);
    assertThat(features(samples.get(2)).getValues().get(1)).isNaN();

    List<DeadLetter> letters = importer.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getErrorClass()).isEqualTo("RejectedRecord");
    assertThat(letters.get(0).getErrorMessage()).startsWith("bad CSV row");
    assertThat(letters.get(0).getSourceRef()).isEqualTo(file + ":4");
  }

  @Test
  void shouldTreatAnEmptyCellAsAMissingValue() throws IOException {
    // given: meangam is empty in the only row (the column is there)
    Path file = file("gap.csv", "usflux,meangam,label", "1.5e20,,0");
    ImportOptions options = ImportRun.options("solar.flare24h", Map.of(), List.of("usflux", "meangam"));

    // when
    ImportSummary summary = importer.run(Formats.Name.csv, options, file);

    // then: a NaN like "NaN" or "MISSING", not a rejected row
    assertThat(importer.deadLetters()).isEmpty();
    assertThat(summary.accepted()).isEqualTo(1);
    assertThat(importer.samples()).singleElement().satisfies(r -> {
      assertThat(features(r).getValues().get(0)).isEqualTo(1.5e20);
      assertThat(features(r).getValues().get(1)).isNaN();
    });
  }

  @Test
  void shouldDeadLetterARowWithTooManyColumnsAndGoOn() throws IOException {
    Path file = file("extra.csv",
        "usflux,meangam,label",
        "1.0,2.0,1",
        "1.0,2.0,1,surprise",
        "3.0,4.0,0");
    ImportOptions options = ImportRun.options("solar.flare24h", Map.of(), List.of("usflux", "meangam"));

    ImportSummary summary = importer.run(Formats.Name.csv, options, file);

    assertThat(summary.read()).isEqualTo(3);
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(importer.samples()).extracting(r -> features(r).getValues().get(0)).containsExactly(1.0, 3.0);
    assertThat(importer.deadLetters()).singleElement()
        .satisfies(letter -> assertThat(letter.getSourceRef()).isEqualTo(file + ":3"));
  }

  @Test
  void shouldNotDropTheRestOfAFileSilentlyWhenTheCsvCannotBeParsedFurther() throws IOException {
    // given: line 3 opens a quote that is never closed, so the parser cannot go past it
    Path file = file("quote.csv",
        "usflux,meangam,label",
        "1.0,2.0,1",
        "\"3.0,4.0,0",
        "5.0,6.0,1");
    ImportOptions options = ImportRun.options("solar.flare24h", Map.of(), List.of("usflux", "meangam"));

    // when
    ImportSummary summary = importer.run(Formats.Name.csv, options, file);

    // then: the first row is imported and what could not be read is reported, not silently left out
    assertThat(summary.accepted()).isEqualTo(1);
    assertThat(summary.rejected()).as("rows after line 2 are reported").isGreaterThanOrEqualTo(1);
    assertThat(importer.deadLetters()).isNotEmpty()
        .allSatisfy(letter -> assertThat(letter.getSourceRef()).startsWith(file.toString()));
  }

  @Test
  void shouldRejectANonNumericFeatureWithTheColumnNamed() throws IOException {
    Path file = file("words.csv", "usflux,meangam,label", "lots,2.0,1");
    ImportOptions options = ImportRun.options("solar.flare24h", Map.of(), List.of("usflux", "meangam"));

    ImportSummary summary = importer.run(Formats.Name.csv, options, file);

    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(importer.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorMessage()).contains("column 'usflux' is not a number: 'lots'");
      assertThat(letter.getSourceRef()).isEqualTo(file + ":2");
    });
  }

  @Test
  void shouldTakeEveryNumericColumnButTheLabelWhenNoFeaturesAreGiven() throws IOException {
    Path file = file("auto.csv", "name,usflux,meangam,label", "ar-1,1.0,2.0,1");
    ImportOptions options = ImportRun.options("solar.flare24h");

    importer.run(Formats.Name.csv, options, file);

    assertThat(importer.samples()).singleElement().satisfies(r -> {
      assertThat(features(r).getNames()).containsExactly("usflux", "meangam");
      assertThat(features(r).getLabel()).isEqualTo(1.0);
    });
  }

  @Test
  void shouldMapTextPairColumnsForTranslationTasks() throws IOException {
    Path file = file("pairs.tsv", "english\tfrench\tdomain", "Open\tOuvrir\tgit", "Close\tFermer\tgit");
    ImportOptions options = ImportRun.options("mt.en-fr", Map.of("src", "english", "tgt", "french"), List.of());

    ImportSummary summary = importer.run(Formats.Name.csv, options, file);

    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(importer.samples()).extracting(r -> r.value().getPayload())
        .containsExactly(new TextPair("Open", "Ouvrir", "en", "fr"), new TextPair("Close", "Fermer", "en", "fr"));
    assertThat(importer.samples()).extracting(r -> r.value().getDomain()).containsOnly("git");
  }

  @Test
  void shouldGiveTheSameSampleIdsWhenTheSameCsvIsImportedTwice() throws IOException {
    Path file = file("twice.csv", "usflux,meangam,label", "1.0,2.0,1", "3.0,NaN,0");
    ImportOptions options = ImportRun.options("solar.flare24h", Map.of(), List.of("usflux", "meangam"));

    importer.run(Formats.Name.csv, options, file);
    importer.run(Formats.Name.csv, options, file);

    List<String> ids = importer.samples().stream().map(ConsumerRecord::key).toList();
    assertThat(ids).hasSize(4);
    assertThat(ids.subList(2, 4)).containsExactlyElementsOf(ids.subList(0, 2));
    assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
  }
}
