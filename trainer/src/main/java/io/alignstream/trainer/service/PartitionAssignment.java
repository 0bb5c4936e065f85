package io.alignstream.trainer.service;

import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions the loop's consumer reads, assigned by hand (no consumer group, so no rebalances):
 * {@code target-samples} and {@code datasets} from the beginning, and the curated topics of the
 * selected datasets as {@link #discoverCurated} finds them. Used on the loop's thread only.
 */
final class PartitionAssignment {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final long TARGET_END_REFRESH_MS = 1000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicCatalogue topics;
  private final TrainerSettings settings;
  private final Clock clock;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private List<TopicPartition> targetPartitions = List.of();
  private Map<TopicPartition, Long> manifestsEnd = Map.of();
  private boolean manifestsReplayed;
  private Map<TopicPartition, Long> targetsEnd = Map.of();
  private long targetsEndAt = Long.MIN_VALUE;

  PartitionAssignment(KafkaConsumer<byte[], byte[]> consumer, TopicCatalogue topics, TrainerSettings settings,
      Clock clock) {
    this.consumer = consumer;
    this.topics = topics;
    this.settings = settings;
    this.clock = clock;
  }

  /** Assigns {@code target-samples} and {@code datasets}, both from the beginning. */
  void assignContextTopics() {
    targetPartitions = partitions(topics.targetSamples().name());
    List<TopicPartition> manifests = partitions(topics.datasets().name());
    assigned.addAll(targetPartitions);
    assigned.addAll(manifests);
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    manifestsEnd = consumer.endOffsets(manifests);
  }

  /** Whether the manifests present at start have all been read (curated topics wait for it). */
  boolean manifestsReplayed() {
    if (!manifestsReplayed) {
      manifestsReplayed = manifestsEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
    return manifestsReplayed;
  }

  /**
   * Adds the partitions of curated topics whose dataset id matches {@code datasetInclude} and, in
   * {@code MANIFEST} selection, is {@code announced}. The caller positions them.
   *
   * @return the partitions added, in topic and partition order
   */
  List<TopicPartition> discoverCurated(Predicate<String> announced) {
    List<TopicPartition> added = new ArrayList<>();
    for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics(METADATA_TIMEOUT).entrySet()) {
      String datasetId = topics.datasetIdOf(e.getKey());
      if (datasetId == null || !settings.datasetInclude().matcher(datasetId).matches()
          || settings.selection() == TrainerSettings.DatasetSelection.MANIFEST && !announced.test(datasetId)) {
        continue;
      }
      for (PartitionInfo p : e.getValue()) {
        TopicPartition tp = new TopicPartition(p.topic(), p.partition());
        if (!assigned.contains(tp)) {
          added.add(tp);
        }
      }
    }
    if (!added.isEmpty()) {
      added.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
          : a.topic().compareTo(b.topic()));
      assigned.addAll(added);
      consumer.assign(assigned); // partitions already assigned keep their positions and pauses
    }
    return added;
  }

  /** Whether {@code target-samples} has been read up to its end offsets (looked up at most once a second). */
  boolean targetsReadToEnd() {
    long now = clock.millis();
    if (now - targetsEndAt >= TARGET_END_REFRESH_MS) {
      targetsEnd = consumer.endOffsets(targetPartitions);
      targetsEndAt = now;
    }
    return targetsEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Pauses the assigned curated partitions of the datasets {@code stopped} selects that are not paused yet. */
  void pauseDatasets(Predicate<String> stopped) {
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> stop = assigned.stream().filter(tp -> !paused.contains(tp)).filter(tp -> {
      String id = topics.datasetIdOf(tp.topic());
      return id != null && stopped.test(id);
    }).toList();
    if (!stop.isEmpty()) {
      consumer.pause(stop);
    }
  }

  private List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }
}
