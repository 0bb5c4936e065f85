package io.alignstream.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.ingest.solar.SharpKeywords;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
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

/** JSOC jsoc_info JSON import: unlabelled SHARP samples go to solar-sharp for the late-label join. */
@ExtendWith(AlignStreamExtension.class)
class JsocImportTest {
  private static final Path FIXTURE = Path.of("../../shared/data/solar/jsoc-rs_list.sample.json");

  @TempDir Path dir;
  private ImportRun importer;
  private Path file;

  @BeforeEach
  void setUp(TestStack stack) throws IOException {
    assumeTrue(Files.isRegularFile(FIXTURE), "solar fixture absent: " + FIXTURE.toAbsolutePath());
    importer = new ImportRun(stack.bootstrapServers(), stack.newCatalogue());
    file = Files.copy(FIXTURE, dir.resolve("sharp-2010-05-01.json"));
  }

  private static ImportOptions options() {
    return new ImportOptions("solar.flare24h", Role.POOL, null, Map.of(), List.of(), null, null, null, null, null,
        null);
  }

  @Test
  void shouldSendSharpRecordsToSolarSharpNotSamplesRaw() {
    // when
    ImportSummary summary = importer.run(Formats.Name.jsoc_json, options(), file);

    // then
    assertThat(summary.read()).isEqualTo(2);
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.rejected()).isZero();
    assertThat(importer.samples()).isEmpty();
    List<ConsumerRecord<String, Sample>> sharp = importer.sharp();
    assertThat(sharp).extracting(ConsumerRecord::key).containsExactly("1", "1");
    Sample first = sharp.get(0).value();
    assertThat(first.getTask()).isEqualTo("solar.flare24h");
    assertThat(first.getSource()).isEqualTo(ImportOptions.sourceOf(file));
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2010-04-30T23:59:23Z"));
    assertThat(first.getMetadata()).containsEntry("HARPNUM", "1").containsEntry("NOAA_ARS", "11067");
    Features f = (Features) first.getPayload();
    assertThat(f.getNames()).containsExactlyElementsOf(SharpKeywords.NAMES);
    assertThat(f.getLabel()).isNull();
    assertThat(((Features) sharp.get(1).value().getPayload()).getValues()
        .get(SharpKeywords.NAMES.indexOf("TOTUSJH"))).isNaN();
    assertThat(importer.deadLetters()).isEmpty();
  }

  @Test
  void shouldGiveTheSameSampleIdsWhenTheSameExportIsImportedTwice() {
    importer.run(Formats.Name.jsoc_json, options(), file);
    importer.run(Formats.Name.jsoc_json, options(), file);

    List<String> ids = importer.sharp().stream().map(r -> r.value().getId()).toList();
    assertThat(ids).hasSize(4);
    assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
    assertThat(ids.subList(2, 4)).containsExactlyElementsOf(ids.subList(0, 2));
  }

  @Test
  void shouldDeadLetterAJsocErrorResponse() throws IOException {
    Path error = Files.writeString(dir.resolve("error.json"), "{\"status\":1,\"error\":\"bad series name\"}");

    ImportSummary summary = importer.run(Formats.Name.jsoc_json, options(), error);

    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(importer.sharp()).isEmpty();
    assertThat(importer.deadLetters()).singleElement()
        .satisfies(l -> assertThat(l.getErrorMessage()).contains("JSOC status", "bad series name"));
  }
}
