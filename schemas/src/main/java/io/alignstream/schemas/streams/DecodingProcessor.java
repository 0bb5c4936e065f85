package io.alignstream.schemas.streams;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first node of every AlignStream topology: reads raw bytes, decodes the wire format, and
 * forwards the value to {@code decodedChild}; a record that cannot be decoded becomes a
 * {@link DeadLetter} (original bytes, headers, topic/partition/offset, reason) forwarded to
 * {@code deadLetterChild}. Both outputs are part of the task's transaction under exactly-once,
 * unlike a deserialization exception handler writing on the side. An unreachable registry is not
 * the record's fault: that exception propagates and the stream thread retries.
 */
public final class DecodingProcessor<V> implements Processor<byte[], byte[], String, Object> {
  private final String stage;
  private final Deserializer<V> values;
  private final String decodedChild;
  private final String deadLetterChild;
  private ProcessorContext<String, Object> context;

  public DecodingProcessor(String stage, Deserializer<V> values, String decodedChild, String deadLetterChild) {
    this.stage = stage;
    this.values = values;
    this.decodedChild = decodedChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    RecordMetadata where = context.recordMetadata().orElseThrow();
    try {
      V value = values.deserialize(where.topic(), record.value());
      if (value == null) {
        throw new SerializationException("Record on topic '" + where.topic() + "' has no value (tombstone)");
      }
      context.forward(new Record<>(key, (Object) value, record.timestamp(), record.headers()), decodedChild);
    } catch (SerializationException e) {
      DeadLetter letter = DeadLetters.fromKafka(stage, where.topic(), where.partition(), where.offset(), record.key(),
          record.value(), record.headers(), e.getClass().getName(), DeadLetters.messageOf(e));
      context.forward(new Record<>(key, (Object) letter, record.timestamp()), deadLetterChild);
    }
  }
}
