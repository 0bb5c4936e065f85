package io.alignstream.schemas.serde;

import io.alignstream.schemas.registry.RegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for a generated Avro class in the Confluent wire format. Writes with the class's schema
 * (registered under {@code <topic>-value} or {@code <topic>-key}); reads any registered writer schema
 * and resolves it to the class's schema, so an older reader reads a newer writer's records (and the
 * other way round) as long as the schemas are compatible.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private final AvroWire wire;
  private final boolean isKey;

  public AvroSerde(Class<T> type, RegistryClient registry, boolean autoRegister, boolean isKey) {
    this.type = type;
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.wire = new AvroWire(registry, autoRegister);
    this.isKey = isKey;
  }

  /** A value serde that registers its schema on first write. */
  public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, RegistryClient registry) {
    return new AvroSerde<>(type, registry, true, false);
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null
        : wire.write(topic, isKey, value.getSchema(), new SpecificDatumWriter<T>(value.getSchema(), model), value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> wire.read(topic, bytes,
        writer -> new SpecificDatumReader<T>(writer, readerSchema, model));
  }
}
