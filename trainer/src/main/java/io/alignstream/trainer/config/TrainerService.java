package io.alignstream.trainer.config;

import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.trainer.model.SolarHyperParameters;
import io.alignstream.trainer.service.ModelSize;
import io.alignstream.trainer.service.TrainerEngine;
import io.alignstream.trainer.service.TrainerSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the {@link TrainerEngine} inside Quarkus: built from configuration at start-up, closed (with
 * final checkpoints) at shutdown.
 */
@ApplicationScoped
public class TrainerService {

  @Inject
  TopicCatalogue topics;

  @Inject
  TrainerConfig config;

  @Inject
  TrainerMetrics metrics;

  @Inject
  KafkaClientProperties kafka;

  @ConfigProperty(name = "alignstream.topics.prefix")
  Optional<String> prefix;

  private TrainerEngine engine;

  void start(@Observes StartupEvent event) {
    engine = new TrainerEngine(topics, kafka.config(), settings(), metrics,
        Clock.systemUTC());
    metrics.bind(engine);
    engine.start();
  }

  TrainerSettings settings() {
    return TrainerSettings.builder(config.runId(), Path.of(config.checkpointDir()))
        .clientId(prefix.orElse("") + "alignstream-trainer")
        .modelSize(ModelSize.parse(config.modelSize()))
        .seed(config.seed())
        .solarFeatures(config.solarFeatures().orElse(SolarHyperParameters.SHARP_FEATURES))
        .batchSize(config.batchSize())
        .evaluationSizes(config.evaluation().minSize(), config.evaluation().maxSize(), config.evaluation().factor())
        .fineTune(config.fineTune().steps(), config.fineTune().batchSize())
        .targets(config.targets().testFraction(), config.targets().fineTuneFraction(), config.targets().minSamples(),
            config.targets().maxSamples())
        .datasets(Pattern.compile(config.datasets().include()),
            TrainerSettings.DatasetSelection.valueOf(config.datasets().selection().toUpperCase(Locale.ROOT)))
        .manifestWait(config.datasets().manifestWait())
        .checkpointEvery(config.checkpointEverySamples(), config.checkpointEvery())
        .workers(config.workers())
        .maxPollRecords(config.maxPollRecords())
        .discoverEvery(config.discoverEvery())
        .maxPollAge(config.maxPollAge())
        .build();
  }

  void stop(@Observes ShutdownEvent event) {
    if (engine != null) {
      engine.close();
    }
  }

  /** The running engine, null before start-up. */
  public TrainerEngine engine() {
    return engine;
  }
}
