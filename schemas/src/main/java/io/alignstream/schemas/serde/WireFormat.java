package io.alignstream.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: byte 0 = magic 0x00, bytes 1-4 = schema id (big-endian int), then the
 * Avro binary encoding of the record.
 */
public final class WireFormat {
  public static final byte MAGIC = 0x0;
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** Reads the schema id of a framed record; fails with a message naming the topic when the frame is wrong. */
  public static int schemaId(String topic, byte[] framed) {
    if (framed.length < HEADER_LENGTH) {
      throw new SerializationException("Record on topic '" + topic + "' is not in the Confluent wire format: "
          + framed.length + " bytes, shorter than the 5-byte header");
    }
    if (framed[0] != MAGIC) {
      throw new SerializationException(String.format(
          "Record on topic '%s' is not in the Confluent wire format: magic byte 0x%02x, expected 0x00",
          topic, framed[0] & 0xff));
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
