package io.alignstream.schemas.serde;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.topics.TopicCatalogue;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Value serdes in the Confluent wire format, all sharing one registry client (and its caches). */
public final class AvroSerdes implements TopicCatalogue.SerdeFactory {
  private final RegistryClient registry;
  private final boolean autoRegister;

  public AvroSerdes(RegistryClient registry, boolean autoRegister) {
    this.registry = registry;
    this.autoRegister = autoRegister;
  }

  public RegistryClient registry() {
    return registry;
  }

  @Override
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    return new AvroSerde<>(type, registry, autoRegister, false);
  }

  /** The catalogue with wire-format serdes against this registry. */
  public TopicCatalogue catalogue(TopicCatalogue.Settings settings) {
    return new TopicCatalogue(settings, this);
  }
}
