package io.alignstream.ingest.sample;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.serde.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes a {@link Sample} in the Confluent wire format from an untrusted source (an HTTP body): the
 * same frame, registry lookup and schema resolution as the topic serde, but through a
 * {@link BoundedDecoder}, so lengths and counts the body cannot hold are rejected before anything is
 * allocated, and trailing bytes are an error.
 */
public final class SampleWire {
  private static final String SOURCE = "http-request";

  private final RegistryClient registry;
  private final Map<Integer, DatumReader<Sample>> readers = new ConcurrentHashMap<>();

  public SampleWire(RegistryClient registry) {
    this.registry = registry;
  }

  /**
   * @throws SerializationException when the body is not a Sample in the wire format: a bad frame, an
   *     unknown schema id, or an undecodable, oversized or trailing body (the client's fault: 400)
   * @throws RegistryException when the registry cannot be reached (transient: 503)
   */
  public Sample decode(byte[] framed) {
    if (framed == null) {
      throw new SerializationException("empty body: a Sample in the Confluent wire format needs at least "
          + WireFormat.HEADER_LENGTH + " bytes");
    }
    int id = WireFormat.schemaId(SOURCE, framed);
    DatumReader<Sample> reader = readers.computeIfAbsent(id,
        k -> new SpecificDatumReader<>(writerSchema(k), Sample.getClassSchema(), SpecificData.getForClass(Sample.class)));
    ByteArrayInputStream body = new ByteArrayInputStream(framed, WireFormat.HEADER_LENGTH,
        framed.length - WireFormat.HEADER_LENGTH);
    try {
      BoundedDecoder decoder = new BoundedDecoder(body);
      Sample sample = reader.read(null, decoder);
      if (decoder.remaining() > 0) {
        throw new IOException(decoder.remaining() + " trailing bytes after the Sample");
      }
      return sample;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode the Avro body as a Sample with writer schema id " + id + ": "
          + e, e);
    }
  }

  private Schema writerSchema(int id) {
    try {
      return registry.schemaById(id);
    } catch (RegistryException e) {
      if (e.isNotFound()) {
        throw new SerializationException("Unknown schema id " + id + " in the body: the registry has no such schema",
            e);
      }
      throw e;
    }
  }
}
