package io.alignstream.analyzer.config;

import io.alignstream.analyzer.engine.AnalyzerEngine;
import io.alignstream.analyzer.engine.AnalyzerListener;
import io.alignstream.analyzer.engine.RefitStats;
import io.alignstream.analyzer.health.HealthSummary;
import io.alignstream.analyzer.model.DatasetSummary;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus metrics (at {@code /q/metrics}) for everything the dashboard shows, prefixed
 * {@code alignstream_analyzer_}: results, fits, datasets, windows held; records read per topic; fits
 * published; refit wall time and latency (result arrival → fit acknowledged); per-dataset latest loss,
 * metric and alignment; curated dataset sizes; consumer lag per group and the analyzer's own lag; dead
 * letters by stage.
 */
@ApplicationScoped
public class AnalyzerMetrics implements AnalyzerListener {
  private static final String PREFIX = "alignstream.analyzer.";

  @Inject
  MeterRegistry registry;

  private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();
  private Timer refitTime;
  private Timer refitLatency;
  private Counter published;
  private Counter deadLettersSent;

  void bind(AnalyzerEngine engine) {
    Gauge.builder(PREFIX + "results", engine.model(), m -> m.resultCount())
        .description("Training results held (duplicates counted once)").register(registry);
    Gauge.builder(PREFIX + "fits", engine.model(), m -> m.fitCount()).description("Fits held").register(registry);
    Gauge.builder(PREFIX + "datasets", engine.model(), m -> m.datasetCount())
        .description("Curated dataset manifests held").register(registry);
    Gauge.builder(PREFIX + "windows", engine.model(), m -> m.windowCount())
        .description("Alignment windows held").register(registry);
    Gauge.builder(PREFIX + "replayed", engine, e -> e.replayed() ? 1 : 0)
        .description("1 once the start-up replay of the topics is over").register(registry);
    Gauge.builder(PREFIX + "refit.last.ms", engine.stats(), s -> s.last() == null ? Double.NaN : s.last().wallTimeMs())
        .description("Wall time of the latest refit").register(registry);
    refitTime = Timer.builder(PREFIX + "refit").description("Refit wall time per group").register(registry);
    refitLatency = Timer.builder(PREFIX + "refit.latency")
        .description("From a training result's arrival to its fits acknowledged by Kafka").register(registry);
    published = Counter.builder(PREFIX + "fits.published").register(registry);
    deadLettersSent = Counter.builder(PREFIX + "dead.letters.sent")
        .description("Records the analyzer dead-lettered").register(registry);
  }

  /** A gauge per name and tags, created on first use and then only updated. */
  private void set(String name, Tags tags, double value) {
    String key = name + tags;
    values.computeIfAbsent(key, k -> {
      AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
      Gauge.builder(PREFIX + name, ref, AtomicReference::get).tags(tags).strongReference(true).register(registry);
      return ref;
    }).set(value);
  }

  @Override
  public void recordRead(String topic, boolean replay) {
    registry.counter(PREFIX + "records.read", "topic", topic).increment();
  }

  @Override
  public void datasetChanged(String key, DatasetManifest manifest, boolean replay) {
    if (manifest != null) {
      set("curated.size", Tags.of("dataset", manifest.getDatasetId(), "task", manifest.getTask()), manifest.getSize());
    }
  }

  @Override
  public void deadLetterSent(DeadLetter letter) {
    deadLettersSent.increment();
  }

  @Override
  public void fitPublished(ScalingFit fit) {
    published.increment();
  }

  @Override
  public void refitted(GroupAnalysis analysis, RefitStats.Refit refit) {
    refitTime.record(Duration.ofMillis(refit.wallTimeMs()));
    if (refit.latencyMs() != null) {
      refitLatency.record(Duration.ofMillis(refit.latencyMs()));
    }
    for (DatasetSummary d : analysis.datasets()) {
      Tags tags = Tags.of("task", analysis.key().task(), "family", analysis.key().family(), "dataset", d.dataset());
      set("dataset.size", tags, d.maxSize());
      if (d.latestCrossEntropy() != null) {
        set("dataset.loss", tags, d.latestCrossEntropy());
      }
      if (d.latestMetric() != null && analysis.metric() != null) {
        set("dataset.metric", tags.and("metric", analysis.metric()), d.latestMetric());
      }
      d.alignment().forEach((method, a) -> set("dataset.alignment", tags.and("method", method), a));
    }
  }

  void health(HealthSummary summary) {
    set("reader.lag", Tags.empty(), summary.analyzerLagTotal());
    summary.consumerGroups().forEach(g -> set("consumer.lag", Tags.of("group", g.group()), g.lag()));
    summary.deadLetters().forEach((stage, n) -> set("dead.letters", Tags.of("stage", stage), n));
    set("results.per.minute", Tags.empty(), summary.resultsPerMinute());
    summary.topics().forEach((topic, stats) -> set("topic.records", Tags.of("topic", topic), stats.records()));
  }
}
