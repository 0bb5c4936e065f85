package io.alignstream.trainer.config;

import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.service.TrainerEngine;
import io.alignstream.trainer.service.TrainerListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus metrics (at {@code /q/metrics}), prefixed {@code alignstream_trainer_}:
 * {@code samples_trained_total{dataset,task}}, {@code samples_per_second{dataset}} (training throughput
 * of the latest evaluation), {@code evaluations_total{dataset,task}}, {@code dead_letters_total{dataset,kind}},
 * {@code checkpoint_seconds} (timer), {@code datasets} and {@code last_progress_age_seconds}.
 */
@ApplicationScoped
public class TrainerMetrics implements TrainerListener {
  private static final String PREFIX = "alignstream.trainer.";

  @Inject
  MeterRegistry registry;

  private final Map<String, AtomicReference<Double>> throughput = new ConcurrentHashMap<>();
  private Timer checkpoints;

  void bind(TrainerEngine engine) {
    checkpoints = Timer.builder(PREFIX + "checkpoint").description("Time to write one dataset checkpoint")
        .register(registry);
    Gauge.builder(PREFIX + "datasets", engine, e -> e.status().datasets().size())
        .description("Datasets the trainer knows").register(registry);
    Gauge.builder(PREFIX + "last.progress.age.seconds", engine, e -> e.status().lastProgressAgeMs() / 1000.0)
        .description("Since the loop last polled or a worker finished a record").register(registry);
  }

  @Override
  public void trained(String datasetId, String task, long samples) {
    registry.counter(PREFIX + "samples.trained", "dataset", datasetId, "task", task).increment(samples);
  }

  @Override
  public void evaluated(TrainingResult result) {
    registry.counter(PREFIX + "evaluations", "dataset", result.getDatasetId(), "task", result.getTask()).increment();
    throughput.computeIfAbsent(result.getDatasetId(), id -> {
      AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
      Gauge.builder(PREFIX + "samples.per.second", ref, AtomicReference::get).tag("dataset", id)
          .description("Training samples per second of the latest evaluation").strongReference(true)
          .register(registry);
      return ref;
    }).set(result.getSamplesPerSecond());
  }

  @Override
  public void deadLettered(String datasetId, String kind) {
    registry.counter(PREFIX + "dead.letters", "dataset", datasetId, "kind", kind).increment();
  }

  @Override
  public void checkpointed(String datasetId, long millis) {
    if (checkpoints != null) {
      checkpoints.record(Duration.ofMillis(millis));
    }
  }
}
