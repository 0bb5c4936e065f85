package io.alignstream.schemas.errors;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.deadletter.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds {@link DeadLetter}s the same way in every stage: the original bytes and headers, where the
 * record came from, and why it failed. Stage names: ingest, scorer, curator, trainer, analyzer.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /** A record read from Kafka that could not be processed. */
  public static DeadLetter fromRecord(String stage, ConsumerRecord<byte[], byte[]> record, Throwable error) {
    return fromKafka(stage, record.topic(), record.partition(), record.offset(), record.key(), record.value(),
        record.headers(), error.getClass().getName(), messageOf(error));
  }

  /** A record read from Kafka (by topic, partition and offset) that could not be processed. */
  public static DeadLetter fromKafka(String stage, String topic, int partition, long offset, byte[] key, byte[] value,
      Headers headers, String errorClass, String message) {
    return base(stage, errorClass, message)
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setHeaders(headers(headers))
        .build();
  }

  /** Originals larger than this are cut (a whole feed payload can exceed Kafka's record size). */
  public static final int MAX_ORIGINAL_BYTES = 256 * 1024;

  /**
   * Input from outside Kafka (an HTTP request, a file line, a feed payload) that was rejected. An
   * original over {@value #MAX_ORIGINAL_BYTES} bytes is cut, and the message says so.
   */
  public static DeadLetter fromInput(String stage, String sourceRef, String original, String errorClass, String reason) {
    byte[] bytes = original == null ? null : original.getBytes(StandardCharsets.UTF_8);
    String message = reason;
    if (bytes != null && bytes.length > MAX_ORIGINAL_BYTES) {
      message = reason + " [original cut to its first " + MAX_ORIGINAL_BYTES + " of " + bytes.length + " bytes]";
      bytes = java.util.Arrays.copyOf(bytes, MAX_ORIGINAL_BYTES);
    }
    return base(stage, errorClass, message)
        .setSourceRef(sourceRef)
        .setOriginalValue(bytes == null ? null : ByteBuffer.wrap(bytes))
        .build();
  }

  /** The message of an error and its causes, so the reason survives wrapping. */
  public static String messageOf(Throwable error) {
    StringBuilder out = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable c = error.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      out.append("; caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return out.toString();
  }

  private static DeadLetter.Builder base(String stage, String errorClass, String message) {
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setErrorClass(errorClass)
        .setErrorMessage(message == null ? "" : message)
        .setFailedTime(Instant.now());
  }

  private static List<DeadLetterHeader> headers(Headers headers) {
    List<DeadLetterHeader> out = new ArrayList<>();
    if (headers != null) {
      for (Header h : headers) {
        out.add(new DeadLetterHeader(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
      }
    }
    return out;
  }
}
