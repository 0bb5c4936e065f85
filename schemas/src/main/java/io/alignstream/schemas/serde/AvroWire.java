package io.alignstream.schemas.serde;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads and writes Avro records in the Confluent wire format against a registry. Shared by the
 * specific {@link AvroSerde} and the {@link GenericAvroCodec}: one place that knows the frame, the
 * subject naming (TopicNameStrategy) and how errors are reported.
 *
 * <p>Bodies are read through a {@link BoundedDecoder}: a length or count the body cannot hold is an error
 * before anything is allocated, and trailing bytes are an error.
 *
 * <p>Errors: a record not in the wire format or with an undecodable body is a
 * {@link SerializationException} naming the topic and schema id; an unknown schema id is a
 * {@link SerializationException} too (the record can never be read); an unreachable registry is a
 * {@link RegistryException} (transient: the caller should not dead-letter the record for it).
 */
final class AvroWire {
  private final RegistryClient registry;
  private final boolean autoRegister;
  private final Map<Integer, Object> readers = new ConcurrentHashMap<>();

  AvroWire(RegistryClient registry, boolean autoRegister) {
    this.registry = registry;
    this.autoRegister = autoRegister;
  }

  static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  <T> byte[] write(String topic, boolean isKey, Schema schema, DatumWriter<T> writer, T value) {
    String subject = subject(topic, isKey);
    int id;
    try {
      id = autoRegister ? registry.register(subject, schema) : registry.lookupId(subject, schema);
    } catch (RegistryException e) {
      if (e.isUnreachable()) {
        throw e;
      }
      throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic '" + topic
          + "': registry refused schema under subject '" + subject + "': " + e.getMessage(), e);
    }
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream(256);
      body.write(new byte[WireFormat.HEADER_LENGTH]);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
      writer.write(value, encoder);
      encoder.flush();
      byte[] out = body.toByteArray();
      out[0] = WireFormat.MAGIC;
      out[1] = (byte) (id >>> 24);
      out[2] = (byte) (id >>> 16);
      out[3] = (byte) (id >>> 8);
      out[4] = (byte) id;
      return out;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic '" + topic
          + "' with schema id " + id + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  <T> T read(String topic, byte[] framed, Function<Schema, DatumReader<T>> readerFor) {
    if (framed == null) {
      return null;
    }
    int id = WireFormat.schemaId(topic, framed);
    DatumReader<T> reader = (DatumReader<T>) readers.computeIfAbsent(id, k -> readerFor.apply(writerSchema(topic, k)));
    try {
      BoundedDecoder decoder = new BoundedDecoder(framed, WireFormat.HEADER_LENGTH,
          framed.length - WireFormat.HEADER_LENGTH);
      T value = reader.read(null, decoder);
      if (decoder.remaining() > 0) {
        throw new IOException((framed.length - WireFormat.HEADER_LENGTH) + "-byte body has " + decoder.remaining()
            + " trailing bytes");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode Avro body of record on topic '" + topic
          + "' with writer schema id " + id + ": " + e, e);
    }
  }

  private Schema writerSchema(String topic, int id) {
    try {
      return registry.schemaById(id);
    } catch (RegistryException e) {
      if (e.isNotFound()) {
        throw new SerializationException("Unknown schema id " + id + " in record on topic '" + topic
            + "': the registry at " + registry.settings().url() + " has no such schema", e);
      }
      throw e;
    }
  }
}
