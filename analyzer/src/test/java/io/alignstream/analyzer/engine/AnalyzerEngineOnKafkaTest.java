package io.alignstream.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alignstream.analyzer.SyntheticResults;
import io.alignstream.analyzer.model.GroupKey;
import io.alignstream.analyzer.refit.FitRecords;
import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.training.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine on the real broker: fits published, state rebuilt after a restart, bad records dead-lettered once. */
@ExtendWith(AlignStreamExtension.class)
class AnalyzerEngineOnKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final GroupKey FAMILY = new GroupKey("mt.en-fr", "fam1");
  // per dataset: power (loss) + log-metric (BLEU); across the family: alignment-aware
  private static final int FITS = 2 * 2 + 1;

  @Test
  void shouldRebuildTheSameFitsAfterARestartWithoutPublishingThemAgain(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue();
    List<TrainingResult> results = family();
    send(stack, topics, results);

    List<ScalingFit> before;
    try (AnalyzerEngine first = start(stack, topics)) {
      await().atMost(WAIT).until(() -> first.model().fitCount() == FITS);
      before = first.model().fits(null, null, null, null);
      assertThat(first.model().resultCount()).isEqualTo(results.size());
    }
    List<ScalingFit> published = TopicReader.values(stack.bootstrapServers(), topics.scalingFits(), FITS, WAIT);
    assertThat(published).extracting(ScalingFit::getFitId).doesNotHaveDuplicates().hasSize(FITS);

    // the producer retried: every result arrives a second time while the analyzer is down
    send(stack, topics, results);
    try (AnalyzerEngine second = start(stack, topics)) {
      assertThat(second.awaitReplay(WAIT)).isTrue();
      assertThat(second.model().resultCount()).isEqualTo(results.size());
      await().atMost(WAIT).until(() -> second.stats().refits() >= 1);
      List<ScalingFit> after = second.model().fits(null, null, null, null);
      assertThat(after).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(FitRecords.sameContent(before.get(i), after.get(i))).as(before.get(i).getFitId()).isTrue();
      }
      assertThat(second.stats().published()).isZero();
      assertThat(second.model().analyses(FAMILY.task(), FAMILY.family())).singleElement()
          .satisfies(a -> assertThat(a.crossovers()).hasSize(1));
    }
    assertThat(TopicReader.values(stack.bootstrapServers(), topics.scalingFits(), FITS + 1, Duration.ofSeconds(3)))
        .hasSize(FITS);
  }

  @Test
  void shouldDeadLetterAnUndecodableResultOnceAcrossRestarts(TestStack stack) throws Exception {
    TopicCatalogue topics = stack.newCatalogue();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.trainingResults().name(), "mt-x",
          "not avro".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
    send(stack, topics, List.of(new SyntheticResults("mt.en-fr", "fam1")
        .result("mt-x", "r", 1, 1000, Map.of("task2vec", 0.5), 2.5, Map.of("BLEU", 3.0))));

    try (AnalyzerEngine first = start(stack, topics)) {
      await().atMost(WAIT).until(() -> first.model().resultCount() == 1);
      // the reader went on past the bad record, and said why it was refused
      List<DeadLetter> letters = TopicReader.values(stack.bootstrapServers(), topics.deadLetters(), 1, WAIT);
      assertThat(letters).singleElement().satisfies(l -> {
        assertThat(l.getStage()).isEqualTo("analyzer");
        assertThat(l.getSourceTopic()).isEqualTo(topics.trainingResults().name());
        assertThat(l.getSourceOffset()).isZero();
        assertThat(l.getErrorMessage()).contains("magic");
      });
    }
    try (AnalyzerEngine second = start(stack, topics)) {
      assertThat(second.awaitReplay(WAIT)).isTrue();
      await().atMost(WAIT).until(() -> second.model().deadLetters().getOrDefault("analyzer", 0L) == 1);
    }
    assertThat(TopicReader.values(stack.bootstrapServers(), topics.deadLetters(), 2, Duration.ofSeconds(3)))
        .hasSize(1);
  }

  private static List<TrainingResult> family() {
    SyntheticResults synthetic = new SyntheticResults(FAMILY.task(), FAMILY.family()).noise(0.005);
    List<TrainingResult> results = new ArrayList<>(synthetic.dataset("mt-a90", 0.9, 8, 1e5));
    results.addAll(synthetic.dataset("mt-a40", 0.4, 8, 1e5));
    return results;
  }

  private static AnalyzerEngine start(TestStack stack, TopicCatalogue topics) {
    AnalyzerEngine engine = new AnalyzerEngine(topics, Map.of("bootstrap.servers", stack.bootstrapServers()),
        EngineSettings.defaults().withClientId("analyzer-test-" + UUID.randomUUID()), new AnalyzerListener() {},
        Clock.systemUTC());
    engine.start();
    return engine;
  }

  private static void send(TestStack stack, TopicCatalogue topics, List<TrainingResult> results) throws Exception {
    try (KafkaProducer<String, TrainingResult> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        stack.bootstrapServers(), "acks", "all"), topics.trainingResults().keySerde().serializer(),
        topics.trainingResults().valueSerde().serializer())) {
      for (TrainingResult r : results) {
        producer.send(new ProducerRecord<>(topics.trainingResults().name(), r.getDatasetId(), r));
      }
      producer.flush();
    }
  }
}
