package io.alignstream.ingest.feeds;

import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.solar.FeedCursor;
import java.util.List;

/**
 * What one poll of a feed produced: records to publish, dead letters for malformed items, and the
 * cursor to store with them (published in the same Kafka transaction, so a restart resumes exactly).
 */
public record FeedBatch(List<Out<?>> records, List<DeadLetter> deadLetters, FeedCursor cursor) {

  /** One record for a catalogue topic. */
  public record Out<V>(io.alignstream.schemas.topics.TopicSpec<String, V> topic, String key, V value) {}
}
