package io.alignstream.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** JSON-lines import (full samples and mapped flat objects) into samples-raw, against the real broker. */
@ExtendWith(AlignStreamExtension.class)
class JsonLinesImportTest {
  private static final String FULL = """
      {"task":"mt.en-fr","role":"TARGET","source":"my-app","domain":"git","eventTime":"2026-11-22T10:00:00Z",\
      "payload":{"type":"TextPair","src":"Open","tgt":"Ouvrir","srcLang":"en","tgtLang":"fr"},"metadata":{"file":"git.po"}}""";
  private static final String FLAT = """
      {"en":"Save","fr":"Enregistrer","domain":"ui"}""";
  private static final String NOT_JSON = "this is not JSON";
  private static final String INVALID = """
      {"task":"mt.en-fr","payload":{"type":"TextPair","src":"","tgt":"Vide","srcLang":"en","tgtLang":"fr"}}""";
  private static final String FLAT_2 = """
      {"en":"Quit","fr":"Quitter","eventTime":"2026-01-02T03:04:05Z"}""";

  @TempDir Path dir;
  private String bootstrap;
  private TopicCatalogue topics;
  private ImportRun importer;
  private final ImportOptions options = ImportRun.options("mt.en-fr", Map.of("src", "en", "tgt", "fr"), List.of());

  @BeforeEach
  void setUp(TestStack stack) {
    bootstrap = stack.bootstrapServers();
    topics = stack.newCatalogue();
    importer = new ImportRun(bootstrap, topics);
  }

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, String.join("\n", lines) + "\n");
  }

  @Test
  void shouldImportGoodLinesAndDeadLetterTheBadOnesWithTheirLine() throws IOException {
    // given: line 3 is blank
    Path file = file("pairs.jsonl", FULL, FLAT, "", NOT_JSON, INVALID, FLAT_2);

    // when
    ImportSummary summary = importer.run(Formats.Name.jsonl, options, file);

    // then
    assertThat(summary.files()).isEqualTo(1);
    assertThat(summary.read()).isEqualTo(5);
    assertThat(summary.accepted()).isEqualTo(3);
    assertThat(summary.rejected()).isEqualTo(2);
    assertThat(summary.failed()).isZero();
    assertThat(summary.rejectionReasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

    List<Sample> samples = TopicReader.values(bootstrap, topics.samplesRaw(), 3, Duration.ofSeconds(20));
    assertThat(samples).hasSize(3);
    Sample full = samples.get(0);
    assertThat(full.getTask()).isEqualTo("mt.en-fr");
    assertThat(full.getRole()).isEqualTo(Role.TARGET);
    assertThat(full.getSource()).isEqualTo("my-app");
    assertThat(full.getDomain()).isEqualTo("git");
    assertThat(full.getEventTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(full.getMetadata()).containsEntry("file", "git.po");
    assertThat(full.getPayload()).isEqualTo(new TextPair("Open", "Ouvrir", "en", "fr"));

    Sample flat = samples.get(1);
    assertThat(flat.getPayload()).isEqualTo(new TextPair("Save", "Enregistrer", "en", "fr"));
    assertThat(flat.getTask()).isEqualTo("mt.en-fr");
    assertThat(flat.getRole()).isEqualTo(Role.POOL);
    assertThat(flat.getSource()).isEqualTo(ImportOptions.sourceOf(file));
    assertThat(flat.getDomain()).isEqualTo("ui");
    assertThat(samples.get(2).getPayload()).isEqualTo(new TextPair("Quit", "Quitter", "en", "fr"));
    assertThat(samples.get(2).getEventTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(importer.samples()).extracting(ConsumerRecord::key)
        .containsExactlyElementsOf(samples.stream().map(Sample::getId).toList());
    assertThat(samples).extracting(Sample::getId).doesNotHaveDuplicates();

    List<DeadLetter> letters = importer.deadLetters();
    assertThat(letters).extracting(DeadLetter::getSourceRef).containsExactly(file + ":4", file + ":5");
    assertThat(letters).extracting(DeadLetter::getErrorClass).containsOnly("RejectedRecord");
    assertThat(letters).extracting(DeadLetter::getStage).containsOnly("ingest");
    assertThat(letters.get(0).getErrorMessage()).startsWith("not JSON");
    assertThat(ImportRun.original(letters.get(0))).isEqualTo(NOT_JSON);
    assertThat(letters.get(1).getErrorMessage()).contains("payload.src");
    assertThat(ImportRun.original(letters.get(1))).isEqualTo(INVALID);
  }

  @Test
  void shouldRejectAFlatObjectWithoutTheMappedColumns() throws IOException {
    Path file = file("unmapped.jsonl", "{\"english\":\"Save\",\"french\":\"Enregistrer\"}");

    ImportSummary summary = importer.run(Formats.Name.jsonl, options, file);

    assertThat(summary.accepted()).isZero();
    assertThat(summary.rejected()).isEqualTo(1);
    assertThat(importer.samples()).isEmpty();
    assertThat(importer.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.getSourceRef()).isEqualTo(file + ":1");
      assertThat(letter.getErrorMessage()).contains("src: column 'en' is missing", "tgt: column 'fr' is missing");
    });
  }

  @Test
  void shouldGiveTheSameSampleIdsWhenTheSameFileIsImportedTwice() throws IOException {
    // given
    Path file = file("twice.jsonl", FULL, FLAT, FLAT_2);

    // when
    ImportSummary first = importer.run(Formats.Name.jsonl, options, file);
    List<String> firstIds = importer.samples().stream().map(ConsumerRecord::key).toList();
    ImportSummary second = importer.run(Formats.Name.jsonl, options, file);

    // then: the second run repeats exactly the same ids (downstream deduplicates them)
    assertThat(first.accepted()).isEqualTo(3);
    assertThat(second.accepted()).isEqualTo(3);
    assertThat(firstIds).hasSize(3).doesNotHaveDuplicates();
    List<String> all = importer.samples().stream().map(ConsumerRecord::key).toList();
    assertThat(all).hasSize(6);
    assertThat(all.subList(3, 6)).containsExactlyElementsOf(firstIds);
    assertThat(importer.samples()).allSatisfy(r -> assertThat(r.value().getId()).isEqualTo(r.key()));
  }

  @Test
  void shouldWalkADirectoryForJsonLinesFilesOnly() throws IOException {
    // given
    file("a.jsonl", FLAT);
    file("nested/deeper/b.ndjson", FLAT_2);
    file("notes.txt", FLAT);
    file("table.csv", "en,fr", "Open,Ouvrir");
    file("c.json", FLAT);

    // when
    ImportSummary summary = importer.run(Formats.Name.jsonl, options, dir);

    // then
    assertThat(summary.files()).isEqualTo(2);
    assertThat(summary.read()).isEqualTo(2);
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(importer.samples()).extracting(r -> ((TextPair) r.value().getPayload()).getSrc())
        .containsExactly("Save", "Quit");
  }

  @Test
  void shouldReportADeadLetterThatKafkaRefused() throws IOException {
    // given: a sink whose records are all too large for the producer (Kafka refuses every send)
    Path file = file("refused.jsonl", FLAT, NOT_JSON);
    ImportSummary summary;
    try (SampleSink tiny = new SampleSink(bootstrap, topics, Duration.ofSeconds(10), Map.of("max.request.size", "64"))) {
      summary = new FileImporter(tiny, FileImporter.Progress.NONE).run(List.of(file), Formats.of(Formats.Name.jsonl),
          options);
    }

    // then: the refused sample is counted as failed, and so is the rejected line whose dead letter was refused
    assertThat(importer.samples()).isEmpty();
    assertThat(importer.deadLetters()).isEmpty();
    assertThat(summary.failed()).as("sample and dead letter that Kafka did not take").isEqualTo(2);
  }

  @Test
  void shouldRefuseAnInputThatDoesNotExist() {
    Path missing = dir.resolve("missing.jsonl");

    try (SampleSink sink = new SampleSink(bootstrap, topics, Duration.ofSeconds(10), Map.of())) {
      assertThatThrownBy(() -> new FileImporter(sink, FileImporter.Progress.NONE)
          .run(List.of(missing), Formats.of(Formats.Name.jsonl), options))
          .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }
    assertThat(importer.samples()).isEmpty();
  }
}
