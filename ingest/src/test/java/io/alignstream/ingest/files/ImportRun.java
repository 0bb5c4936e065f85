package io.alignstream.ingest.files;

import io.alignstream.ingest.feeds.CommittedRecords;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One import into a test catalogue, through the real sink, and what landed in the topics. */
final class ImportRun {
  private final String bootstrap;
  private final TopicCatalogue topics;

  ImportRun(String bootstrap, TopicCatalogue topics) {
    this.bootstrap = bootstrap;
    this.topics = topics;
  }

  static ImportOptions options(String task) {
    return options(task, Map.of(), List.of());
  }

  static ImportOptions options(String task, Map<String, String> fields, List<String> features) {
    return new ImportOptions(task, Role.POOL, null, fields, features, null, null, null, null, null, null);
  }

  /** Imports with a fresh importer, sink and format instance, as one CLI run does. */
  ImportSummary run(Formats.Name format, ImportOptions options, Path... inputs) {
    try (SampleSink sink = new SampleSink(bootstrap, topics, Duration.ofSeconds(10), Map.of())) {
      return new FileImporter(sink, FileImporter.Progress.NONE).run(List.of(inputs), Formats.of(format), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ConsumerRecord<String, Sample>> samples() {
    return CommittedRecords.records(bootstrap, topics.samplesRaw());
  }

  List<ConsumerRecord<String, Sample>> sharp() {
    return CommittedRecords.records(bootstrap, topics.solarSharp());
  }

  List<DeadLetter> deadLetters() {
    return CommittedRecords.values(bootstrap, topics.deadLetters());
  }

  static String original(DeadLetter letter) {
    return letter.getOriginalValue() == null ? null
        : StandardCharsets.UTF_8.decode(letter.getOriginalValue().duplicate()).toString();
  }
}
