package io.alignstream.ingest.sample;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.serde.AvroSerde;
import io.alignstream.schemas.serde.WireFormat;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes a {@link Sample} in the Confluent wire format from an untrusted source (an HTTP body) with the
 * topic serde's own reader: the same frame, registry lookup, schema resolution and bounded decoding
 * (lengths and counts the body cannot hold are rejected before anything is allocated; trailing bytes are
 * an error). What it adds: an empty body is an error, not a null sample.
 */
public final class SampleWire {
  private static final String SOURCE = "http-request";

  private final Deserializer<Sample> deserializer;

  public SampleWire(RegistryClient registry) {
    this.deserializer = AvroSerde.forValues(Sample.class, registry).deserializer();
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
    return deserializer.deserialize(SOURCE, framed);
  }
}
