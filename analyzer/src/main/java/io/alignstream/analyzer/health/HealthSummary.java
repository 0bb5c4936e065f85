package io.alignstream.analyzer.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of pipeline health, as {@code /api/health-summary} and the dashboard show it.
 *
 * @param replayed the analyzer has read its topics up to where they were at start
 * @param readError why the analyzer's reading is stuck, null while it progresses
 * @param resultsPerMinute training results received in the last minute
 * @param topics per topic: records held (end offset minus start) and the rate since the previous sample
 * @param consumerGroups lag of every consumer group of this stack (committed offsets vs end offsets)
 * @param analyzerLag records of each input topic the analyzer has not read yet
 * @param deadLetters dead letters read from the dead-letter topic, by stage
 * @param lastRefitMs wall time of the latest refit, null before the first
 * @param lastRefitLatencyMs from the arrival of a result to its fits acknowledged, null when unknown
 * @param adminError why the offsets could not be sampled, null when they were
 */
public record HealthSummary(Instant at, boolean replayed, String readError, long results, long fits, long datasets,
    long windows, double resultsPerMinute, Map<String, TopicStats> topics, List<GroupLag> consumerGroups,
    Map<String, Long> analyzerLag, long analyzerLagTotal, Map<String, Long> deadLetters, long deadLettersTotal,
    long refits, long refitFailures, long fitsPublished, Long lastRefitMs, Long lastRefitLatencyMs,
    String lastRefitGroup, String adminError) {

  /** @param recordsPerSecond null on the first sample */
  public record TopicStats(long records, long endOffset, Double recordsPerSecond) {}

  /** @param lagByTopic records behind per topic */
  public record GroupLag(String group, long lag, Map<String, Long> lagByTopic) {}
}
