package io.alignstream.infra.cli;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.serde.GenericAvroCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints a topic's records as JSON lines (Avro JSON encoding, decoded with each record's writer
 * schema), from the beginning up to the end offsets seen at start (committed records only). A record
 * that cannot be decoded is reported on stderr with its partition and offset, and skipped.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print a topic's Avro records as JSON lines.")
final class ConsumeCommand implements Callable<Integer> {
  @Mixin StackOptions stack;

  @Parameters(index = "0", description = "Topic name.")
  String topic;

  @Option(names = "--max", description = "Stop after this many records (default: all up to the end).")
  long max = Long.MAX_VALUE;

  @Option(names = "--meta", description = "Wrap each line with partition, offset, key and timestamp.")
  boolean meta;

  @Option(names = "--timeout", description = "Give up waiting for records after this long (ISO-8601, default PT30S).")
  Duration timeout = Duration.ofSeconds(30);

  @Override
  public Integer call() {
    GenericAvroCodec codec = new GenericAvroCodec(new RegistryClient(stack.registry()), false);
    Properties p = stack.kafka().properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    long printed = 0;
    int errors = 0;
    try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("Topic '" + topic + "' does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (printed < max && !caughtUp(consumer, end) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (printed >= max) {
            break;
          }
          try {
            String json = r.value() == null ? "null" : GenericAvroCodec.toJson(codec.decode(topic, r.value()));
            System.out.println(meta ? String.format("{\"partition\":%d,\"offset\":%d,\"timestamp\":%d,\"key\":%s,\"value\":%s}",
                r.partition(), r.offset(), r.timestamp(), r.key() == null ? "null"
                    : com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(r.key(),
                        java.nio.charset.StandardCharsets.UTF_8)).toString(), json) : json);
            printed++;
          } catch (RuntimeException e) {
            errors++;
            System.err.printf("%s-%d@%d: %s%n", topic, r.partition(), r.offset(), e.getMessage());
          }
        }
      }
    }
    System.err.printf("%d record(s) printed, %d undecodable%n", printed, errors);
    return errors == 0 ? 0 : 2;
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
