package io.alignstream.infra.cli;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.serde.AvroSerde;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.serde.GenericAvroCodec;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads JSON lines (Avro JSON encoding, as {@code consume} prints them) and writes them as Avro in
 * the wire format. The schema is the catalogue's for its topics, else {@code --schema}, else the
 * latest registered under {@code <topic>-value}. A line that does not parse is reported with its line
 * number and skipped; the others are sent (acks=all, idempotent).
 */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Write JSON lines to a topic as Avro.")
final class ProduceCommand implements Callable<Integer> {
  @Mixin StackOptions stack;

  @Parameters(index = "0", description = "Topic name.")
  String topic;

  @Option(names = "--file", description = "Read from this file instead of standard input.")
  Path file;

  @Option(names = "--schema", description = "Avro schema file (.avsc) to encode with.")
  Path schemaFile;

  @Option(names = "--key-field", description = "Top-level string field used as the record key (default: id, when present).")
  String keyField;

  @Override
  public Integer call() throws Exception {
    RegistryClient registry = new RegistryClient(stack.registry());
    Schema schema = schema(registry);
    String key = keyField != null ? keyField : schema.getField("id") != null ? "id" : null;
    GenericAvroCodec codec = new GenericAvroCodec(registry, true);
    Properties p = stack.kafka().properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    long sent = 0;
    int rejected = 0;
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        BufferedReader in = file != null ? Files.newBufferedReader(file)
            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      int lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          GenericRecord record = GenericAvroCodec.fromJson(schema, line);
          Object k = key == null ? null : record.get(key);
          producer.send(new ProducerRecord<>(topic, k == null ? null : k.toString(), codec.encode(topic, record)));
          sent++;
        } catch (Exception e) {
          rejected++;
          System.err.printf("line %d rejected: %s%n", lineNumber, e.getMessage());
        }
      }
      producer.flush();
    }
    System.err.printf("%d record(s) sent to %s, %d rejected%n", sent, topic, rejected);
    return rejected == 0 ? 0 : 2;
  }

  private Schema schema(RegistryClient registry) throws Exception {
    if (schemaFile != null) {
      return new Schema.Parser().parse(Files.readString(schemaFile));
    }
    TopicCatalogue catalogue = new AvroSerdes(registry, true)
        .catalogue(new TopicCatalogue.Settings(prefix(), 1, (short) 1));
    Stream<TopicSpec<String, ?>> known = catalogue.fixedTopics().stream();
    if (catalogue.datasetIdOf(topic) != null) {
      known = Stream.of(catalogue.curated(catalogue.datasetIdOf(topic)));
    }
    return known.filter(t -> t.name().equals(topic) && t.valueSerde() instanceof AvroSerde<?>)
        .map(t -> SpecificData.get().getSchema(((AvroSerde<?>) t.valueSerde()).type()))
        .findFirst()
        .orElseGet(() -> registry.latest(topic + "-value").schema());
  }

  private String prefix() {
    try {
      String prefix = stack.runFile().topicPrefix();
      return prefix == null ? "" : prefix;
    } catch (IllegalStateException noRunningStack) {
      return "";
    }
  }
}
