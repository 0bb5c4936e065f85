package io.alignstream.schemas.service;

import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the schema registry answers. (Kafka readiness comes from quarkus.kafka.health.) */
@Readiness
@ApplicationScoped
public class SchemaRegistryHealthCheck implements HealthCheck {
  @Inject RegistryClient registry;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("schema-registry")
        .withData("url", registry.settings().url().toString());
    try {
      registry.ping();
      return response.up().build();
    } catch (RegistryException e) {
      return response.down().withData("error", e.getMessage()).build();
    }
  }
}
