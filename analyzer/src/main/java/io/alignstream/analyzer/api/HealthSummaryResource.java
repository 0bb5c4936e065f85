package io.alignstream.analyzer.api;

import io.alignstream.analyzer.config.AnalyzerService;
import io.alignstream.analyzer.health.HealthSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/health-summary}: pipeline throughput, consumer lag and dead letters (sampled every few seconds). */
@Path("/api/health-summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthSummaryResource {

  @Inject
  AnalyzerService service;

  @GET
  @Operation(summary = "Throughput, consumer lag (admin client), dead letters by stage, refit timings")
  public HealthSummary summary() {
    return service.health();
  }
}
