package io.alignstream.analyzer.config;

import io.alignstream.analyzer.api.LiveHub;
import io.alignstream.analyzer.engine.AnalyzerEngine;
import io.alignstream.analyzer.engine.EngineSettings;
import io.alignstream.analyzer.health.HealthSummary;
import io.alignstream.analyzer.health.PipelineProbe;
import io.alignstream.analyzer.refit.RefitSettings;
import io.alignstream.analyzer.refit.TaskMetric;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link AnalyzerEngine} inside Quarkus: built from configuration at start-up, which waits
 * (at most {@code alignstream.analyzer.replay-wait}) for the replay of the topics so the API answers
 * with the whole state; closed at shutdown. Samples pipeline health every
 * {@code alignstream.analyzer.health-every} and pushes it live.
 */
@ApplicationScoped
public class AnalyzerService {
  private static final Logger LOG = Logger.getLogger(AnalyzerService.class);

  @Inject
  TopicCatalogue topics;

  @Inject
  AnalyzerConfig config;

  @Inject
  LiveHub hub;

  @Inject
  AnalyzerMetrics metrics;

  @Inject
  KafkaClientProperties kafkaClient;

  @ConfigProperty(name = "alignstream.topics.prefix")
  java.util.Optional<String> prefix;

  private AnalyzerEngine engine;
  private Admin admin;
  private PipelineProbe probe;
  private ScheduledExecutorService healthLoop;
  private final AtomicReference<HealthSummary> health = new AtomicReference<>();

  void start(@Observes StartupEvent event) throws InterruptedException {
    RefitSettings refit = new RefitSettings(config.refitInterval(), config.resamples(), config.confidence(),
        config.heldOutFraction(), config.alignmentMethods(), TaskMetric.parse(config.metrics()), config.curvePoints(),
        config.curveExtension(), config.seed());
    String clientId = prefix.orElse("") + "alignstream-analyzer";
    EngineSettings settings = new EngineSettings(refit, config.maxWindows(), config.publishFits(), clientId,
        config.discoverEvery());
    Map<String, Object> kafka = kafkaClient.config();
    engine = new AnalyzerEngine(topics, kafka, settings, new CompositeListener(List.of(hub, metrics)),
        Clock.systemUTC());
    metrics.bind(engine);
    engine.start();
    if (!engine.awaitReplay(config.replayWait())) {
      LOG.warnf("Replay of %s not over after %s; serving what is read so far", AnalyzerEngine.inputTopics(topics),
          config.replayWait());
    }
    admin = Admin.create(kafkaClient.config(Map.of("client.id", clientId + "-admin",
        "request.timeout.ms", 5000, "default.api.timeout.ms", 10000)));
    probe = new PipelineProbe(admin, engine, Clock.systemUTC(), Duration.ofSeconds(5));
    healthLoop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, clientId + "-health");
      t.setDaemon(true);
      return t;
    });
    healthLoop.scheduleWithFixedDelay(this::sampleHealth, 0, config.healthEvery().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sampleHealth() {
    try {
      HealthSummary summary = probe.sample();
      health.set(summary);
      metrics.health(summary);
      hub.health(summary);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Sampling pipeline health failed");
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (healthLoop != null) {
      healthLoop.shutdownNow();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (engine != null) {
      engine.close();
    }
  }

  public AnalyzerEngine engine() {
    return engine;
  }

  /** The latest health sample, or a fresh one before the first. */
  public HealthSummary health() {
    HealthSummary latest = health.get();
    return latest != null ? latest : probe.sample();
  }
}
