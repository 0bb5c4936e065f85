package io.alignstream.schemas.serde;

import io.alignstream.schemas.registry.RegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

/**
 * Schema-less access to wire-format records (tools, dead-letter inspection): decode with the
 * writer's own schema, or with a given reader schema; convert to and from Avro's JSON encoding so
 * that JSON lines round-trip exactly (unions are written as {@code {"type": value}}).
 */
public final class GenericAvroCodec {
  private final AvroWire wire;

  public GenericAvroCodec(RegistryClient registry, boolean autoRegister) {
    this.wire = new AvroWire(registry, autoRegister);
  }

  /** Decodes with the writer's schema. */
  public GenericRecord decode(String topic, byte[] framed) {
    return wire.read(topic, framed, writer -> new GenericDatumReader<>(writer, writer, GenericData.get()));
  }

  /** Decodes and resolves to the given reader schema (an older or newer version of the writer's). */
  public GenericRecord decode(String topic, byte[] framed, Schema reader) {
    return wire.read(topic, framed, writer -> new GenericDatumReader<>(writer, reader, GenericData.get()));
  }

  /** Encodes a record as a value of the topic, registering or looking up its schema. */
  public byte[] encode(String topic, GenericRecord value) {
    return wire.write(topic, false, value.getSchema(), new GenericDatumWriter<>(value.getSchema()), value);
  }

  /** Avro JSON encoding of a record, on one line. */
  public static String toJson(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out, false);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses Avro JSON encoding into a record of the schema; fails with the parser's reason. */
  public static GenericRecord fromJson(Schema schema, String json) throws IOException {
    return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get().jsonDecoder(schema, json));
  }
}
