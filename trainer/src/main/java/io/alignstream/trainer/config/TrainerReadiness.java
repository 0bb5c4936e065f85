package io.alignstream.trainer.config;

import io.alignstream.trainer.service.TrainerEngine;
import io.alignstream.trainer.service.TrainerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the consumer loop is alive and has polled (or trained a record) within {@code max-poll-age}. */
@Readiness
@ApplicationScoped
public class TrainerReadiness implements HealthCheck {

  @Inject
  TrainerService service;

  @Override
  public HealthCheckResponse call() {
    TrainerEngine engine = service.engine();
    if (engine == null) {
      return HealthCheckResponse.named("trainer-loop").down().withData("error", "not started").build();
    }
    TrainerStatus s = engine.status();
    return HealthCheckResponse.named("trainer-loop").status(engine.ready())
        .withData("running", s.running())
        .withData("lastProgressAgeMs", s.lastProgressAgeMs())
        .withData("datasets", s.datasets().size())
        .withData("failedDatasets", s.datasets().stream().filter(d -> "failed".equals(d.state())).count())
        .withData("error", s.error() == null ? "" : s.error())
        .build();
  }
}
