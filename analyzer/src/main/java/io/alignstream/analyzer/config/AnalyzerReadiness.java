package io.alignstream.analyzer.config;

import io.alignstream.analyzer.engine.AnalyzerEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the topics have been replayed and reading is not stuck (e.g. on an unreachable registry). */
@Readiness
@ApplicationScoped
public class AnalyzerReadiness implements HealthCheck {

  @Inject
  AnalyzerService service;

  @Override
  public HealthCheckResponse call() {
    AnalyzerEngine engine = service.engine();
    boolean replayed = engine != null && engine.replayed();
    String error = engine == null ? "not started" : engine.readError();
    return HealthCheckResponse.named("analyzer-state").status(replayed && error == null)
        .withData("replayed", replayed)
        .withData("results", engine == null ? 0 : engine.model().resultCount())
        .withData("readError", error == null ? "" : error)
        .build();
  }
}
