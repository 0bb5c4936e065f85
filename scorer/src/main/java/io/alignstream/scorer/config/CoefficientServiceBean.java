package io.alignstream.scorer.config;

import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import io.alignstream.scorer.coefficient.service.CoefficientService;
import io.alignstream.scorer.coefficient.service.CoefficientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Runs the {@link CoefficientService} beside the Kafka Streams topology: window and dataset
 * coefficients (alignment-windows, dataset-alignment), with metrics and a readiness check.
 */
@ApplicationScoped
@Readiness
public class CoefficientServiceBean implements HealthCheck {

  @Inject KafkaClientProperties kafka;
  @Inject TopicCatalogue topics;
  @Inject MeterRegistry metrics;

  @ConfigProperty(name = "alignstream.scorer.coefficients.enabled", defaultValue = "true") boolean enabled;
  @ConfigProperty(name = "alignstream.scorer.coefficients.windows", defaultValue = "true") boolean windows;
  @ConfigProperty(name = "alignstream.scorer.coefficients.datasets", defaultValue = "true") boolean datasets;
  @ConfigProperty(name = "alignstream.scorer.coefficients.batch-size", defaultValue = "256") int batchSize;
  @ConfigProperty(name = "alignstream.scorer.coefficients.batches", defaultValue = "10") int batches;
  @ConfigProperty(name = "alignstream.scorer.coefficients.seed", defaultValue = "0") long seed;
  @ConfigProperty(name = "alignstream.scorer.coefficients.window-reservoir", defaultValue = "2560") int windowReservoir;
  @ConfigProperty(name = "alignstream.scorer.coefficients.target-reservoir", defaultValue = "2560") int targetReservoir;
  @ConfigProperty(name = "alignstream.scorer.coefficients.max-queued", defaultValue = "8") int maxQueued;
  @ConfigProperty(name = "alignstream.scorer.window", defaultValue = "PT1M") Duration window;
  @ConfigProperty(name = "alignstream.scorer.window-grace", defaultValue = "PT10S") Duration grace;
  @ConfigProperty(name = "alignstream.scorer.probe-dir", defaultValue = ".alignstream/probes") Path cacheDir;
  @ConfigProperty(name = "alignstream.scorer.methods",
      defaultValue = "mt=task2vec+embedding+dsir+gzip;lm=task2vec+embedding+dsir+gzip") String methods;
  @ConfigProperty(name = "alignstream.scorer.default-methods", defaultValue = "task2vec") String defaultMethods;

  private CoefficientService service;

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      return;
    }
    var byFamily = ScorerTopologyProducer.parseMethods(methods);
    Set<String> fallback = ScorerTopologyProducer.parseMethods("x=" + defaultMethods.replace(',', '+')).get("x");
    CoefficientSettings settings = new CoefficientSettings(new AlignmentCoefficient.Settings(batchSize, batches, seed),
        window, grace, windowReservoir, targetReservoir, maxQueued, windows, datasets);
    service = new CoefficientService(kafka, topics, task -> byFamily.getOrDefault(task.split("\\.", 2)[0], fallback),
        settings, cacheDir, new CoefficientService.Listener() {
          @Override
          public void windows(String status, int records) {
            metrics.counter("alignstream.scorer.coefficient.windows", "status", status).increment(records);
          }

          @Override
          public void datasets(int records) {
            metrics.counter("alignstream.scorer.coefficient.datasets").increment(records);
          }

          @Override
          public void failed(String what, Exception e) {
            metrics.counter("alignstream.scorer.coefficient.failures").increment();
          }
        });
    metrics.gauge("alignstream.scorer.coefficient.queued", service, CoefficientService::queuedJobs);
    service.start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (service != null) {
      service.close();
    }
  }

  @Override
  public HealthCheckResponse call() {
    if (!enabled) {
      return HealthCheckResponse.named("coefficient-service").up().withData("enabled", false).build();
    }
    boolean up = service != null && service.healthy();
    var b = HealthCheckResponse.named("coefficient-service").status(up).withData("queued", service == null ? 0
        : service.queuedJobs());
    if (service != null && service.lastError() != null) {
      b.withData("lastError", String.valueOf(service.lastError().getMessage()));
    }
    return b.build();
  }
}
