package io.alignstream.schemas.streams;

import org.apache.kafka.common.serialization.Serializer;

/** Helpers for Processor API sinks. */
public final class Sinks {
  private Sinks() {}

  /** Sinks of the Processor API take one value type; catalogue serializers are typed per topic. */
  @SuppressWarnings("unchecked")
  public static Serializer<Object> untyped(Serializer<?> serializer) {
    return (Serializer<Object>) serializer;
  }
}
