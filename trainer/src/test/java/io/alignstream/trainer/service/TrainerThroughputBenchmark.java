package io.alignstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.model.SyntheticSamples;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training throughput through the whole service (curated topic → engine → training-results), not a
 * timed test: run with {@code -Dtest=TrainerThroughputBenchmark -Dalignstream.bench=true}. Logs samples
 * per second end to end (records taken over wall time, evaluations and checkpoints included) and the
 * trainer's own training-only figure from the last result.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "alignstream.bench", matches = "true")
@ExtendWith(AlignStreamExtension.class)
class TrainerThroughputBenchmark {
  private static final Logger LOG = Logger.getLogger(TrainerThroughputBenchmark.class);

  @TempDir
  Path dir;

  @Test
  void solarAtDefaultSize(TestStack stack) throws Exception {
    int n = Integer.getInteger("alignstream.bench.samples", 20_000);
    measure(stack, "solar", n, ModelSize.DEFAULT, SyntheticSamples.flareFeatures(n, 7, 0.2),
        TrainerTestData.targets(200, 5));
  }

  @Test
  void mtAtCiSize(TestStack stack) throws Exception {
    int n = Integer.getInteger("alignstream.bench.samples", 20_000) / 10;
    List<Sample> targets = SyntheticSamples.translationPairs(200, 99).stream()
        .map(s -> Sample.newBuilder(s).setId("t-" + s.getId()).setRole(Role.TARGET).build()).toList();
    measure(stack, "mt", n, ModelSize.CI, SyntheticSamples.translationPairs(n, 8), targets);
  }

  private void measure(TestStack stack, String name, int n, ModelSize size, List<Sample> pool, List<Sample> targets)
      throws Exception {
    TopicCatalogue topics = stack.newCatalogue(TestStack.uniquePrefix(), 1);
    String dataset = name + "-bench";
    TrainerTestData.createCurated(stack.admin(), topics, dataset, 3);
    TrainerTestData.sendTargets(stack.bootstrapServers(), topics, targets);
    TrainerTestData.sendCurated(stack.bootstrapServers(), topics, dataset, TrainerTestData.scoredAll(pool, 0.5), 0, 3);
    TrainerTestData.sendManifest(stack.bootstrapServers(), topics,
        TrainerTestData.manifest(topics, dataset, pool.get(0).getTask(), null, n, true));
    TrainerSettings settings = TrainerSettings.builder("bench", dir.resolve(name)).clientId("bench-" + name)
        .modelSize(size).batchSize(32).evaluationSizes(64, 1L << 20, 2).targets(0.5, 0.25, 50, 2000)
        .datasets(Pattern.compile(".*"), TrainerSettings.DatasetSelection.PATTERN)
        .discoverEvery(Duration.ofMillis(200)).build();
    AtomicLong firstTrained = new AtomicLong();
    TrainerListener timing = new TrainerListener() {
      @Override
      public void trained(String datasetId, String task, long samples) {
        firstTrained.compareAndSet(0, System.nanoTime());
      }
    };
    long end;
    int testSamples;
    try (TrainerEngine engine = new TrainerEngine(topics, Map.of("bootstrap.servers", stack.bootstrapServers()),
        settings, timing, Clock.systemUTC())) {
      engine.start();
      await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() ->
          engine.status().datasets().stream().anyMatch(d -> "complete".equals(d.state())));
      end = System.nanoTime();
      testSamples = engine.status().tasks().get(0).test();
    }
    List<TrainingResult> results = TopicReader.values(stack.bootstrapServers(), topics.trainingResults(), 1,
        Duration.ofSeconds(5));
    TrainingResult last = results.get(results.size() - 1);
    assertThat(last.getSize()).isEqualTo(n);
    double seconds = (end - firstTrained.get()) / 1e9;
    LOG.infof("BENCH %s (%s, %s, %d evaluations on %d test samples): %d samples in %.1f s = %.0f samples/s end to end;"
        + " training only %.0f samples/s; wall %d ms", name, size, last.getDevice(), results.size(),
        testSamples, n, seconds, n / seconds, last.getSamplesPerSecond(), last.getWallTimeMs());
  }
}
