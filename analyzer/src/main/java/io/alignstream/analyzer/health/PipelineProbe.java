package io.alignstream.analyzer.health;

import io.alignstream.analyzer.engine.AnalyzerEngine;
import io.alignstream.analyzer.engine.RefitStats;
import io.alignstream.analyzer.model.ReadModel;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the pipeline's health with an admin client: records and rates per topic of the catalogue
 * (curated topics included), the lag of every consumer group of the stack (group ids starting with
 * the topic prefix, when there is one), the analyzer's own lag, and dead letters. Each admin call is
 * bounded by {@code timeout}; a failure leaves the Kafka part empty and says why. Not thread-safe:
 * one caller samples.
 */
public final class PipelineProbe {
  private final Admin admin;
  private final AnalyzerEngine engine;
  private final Clock clock;
  private final Duration timeout;
  private Map<String, Long> previousEnds = Map.of();
  private long previousAt;

  public PipelineProbe(Admin admin, AnalyzerEngine engine, Clock clock, Duration timeout) {
    this.admin = admin;
    this.engine = engine;
    this.clock = clock;
    this.timeout = timeout;
  }

  public HealthSummary sample() {
    ReadModel model = engine.model();
    long now = clock.millis();
    Map<String, HealthSummary.TopicStats> topics = new TreeMap<>();
    List<HealthSummary.GroupLag> groups = new ArrayList<>();
    Map<String, Long> analyzerLag = new TreeMap<>();
    String adminError = null;
    long deadLetterRecords = 0;
    try {
      Kafka kafka = offsets();
      Map<String, Long> ends = new HashMap<>();
      kafka.ends().forEach((tp, end) -> ends.merge(tp.topic(), end, Long::sum));
      for (String topic : kafka.topics()) {
        long end = ends.getOrDefault(topic, 0L);
        long records = end - kafka.starts().entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
            .mapToLong(Map.Entry::getValue).sum();
        Long before = previousEnds.get(topic);
        Double rate = before == null || now <= previousAt ? null : (end - before) * 1000.0 / (now - previousAt);
        topics.put(topic, new HealthSummary.TopicStats(records, end, rate));
      }
      deadLetterRecords = topics.getOrDefault(engine.topics().deadLetters().name(),
          new HealthSummary.TopicStats(0, 0, null)).records();
      kafka.committed().forEach((group, offsets) -> groups.add(lag(group, offsets, kafka.ends())));
      engine.positions().forEach((tp, position) -> analyzerLag.merge(tp.topic(),
          Math.max(0, kafka.ends().getOrDefault(tp, position) - position), Long::sum));
      previousEnds = ends;
      previousAt = now;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      adminError = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      adminError = "interrupted";
    }
    RefitStats stats = engine.stats();
    RefitStats.Refit last = stats.last();
    long deadLettersSeen = model.deadLetters().values().stream().mapToLong(Long::longValue).sum();
    return new HealthSummary(Instant.ofEpochMilli(now), engine.replayed(), engine.readError(), model.resultCount(),
        model.fitCount(), model.datasetCount(), model.windowCount(), model.receivedSince(now - 60_000), topics, groups,
        analyzerLag, analyzerLag.values().stream().mapToLong(Long::longValue).sum(), model.deadLetters(),
        Math.max(deadLetterRecords, deadLettersSeen), stats.refits(), stats.failures(), stats.published(),
        last == null ? null : last.wallTimeMs(), last == null ? null : last.latencyMs(),
        last == null ? null : last.group(), adminError);
  }

  private record Kafka(Set<String> topics, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts,
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {}

  private Kafka offsets() throws InterruptedException, ExecutionException, TimeoutException {
    TopicCatalogue catalogue = engine.topics();
    Set<String> names = new HashSet<>();
    catalogue.fixedTopics().stream().map(TopicSpec::name).forEach(names::add);
    Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    existing.stream().filter(t -> catalogue.curatedPattern().matcher(t).matches()).forEach(names::add);
    names.retainAll(existing);
    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Set<TopicPartition> partitions = new HashSet<>();
    described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(),
        p.partition()))));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
    String prefix = catalogue.settings().prefix();
    for (GroupListing group : admin.listGroups().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      if (!prefix.isEmpty() && !group.groupId().startsWith(prefix)) {
        continue;
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
          .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      offsets.values().removeIf(o -> o == null);
      committed.put(group.groupId(), offsets);
      partitions.addAll(offsets.keySet());
    }
    Map<TopicPartition, Long> ends = list(partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> starts = list(partitions, OffsetSpec.earliest());
    return new Kafka(names, ends, starts, committed);
  }

  private Map<TopicPartition, Long> list(Set<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request,
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    answer.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  private static HealthSummary.GroupLag lag(String group, Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, Long> ends) {
    Map<String, Long> byTopic = new TreeMap<>();
    committed.forEach((tp, offset) -> byTopic.merge(tp.topic(),
        Math.max(0, ends.getOrDefault(tp, offset.offset()) - offset.offset()), Long::sum));
    return new HealthSummary.GroupLag(group, byTopic.values().stream().mapToLong(Long::longValue).sum(), byTopic);
  }
}
