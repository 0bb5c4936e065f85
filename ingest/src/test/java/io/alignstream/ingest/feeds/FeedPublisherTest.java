package io.alignstream.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.errors.DeadLetters;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.solar.FeedCursor;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.solar.SolarObservation;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transactional publisher on its own: all of a batch or nothing, and cursors restored at start. */
@ExtendWith(AlignStreamExtension.class)
class FeedPublisherTest {
  private static final Instant T = Instant.parse("2022-09-26T12:30:00Z");

  private String bootstrap;
  private TopicCatalogue topics;
  private String txId;
  private FeedPublisher publisher;

  @BeforeEach
  void setUp(TestStack stack) {
    bootstrap = stack.bootstrapServers();
    topics = stack.newCatalogue();
    txId = FeedFixtures.transactionalId();
    publisher = new FeedPublisher(bootstrap, topics, txId);
  }

  @AfterEach
  void tearDown() {
    publisher.close();
  }

  private static SolarFlare flare(String id) {
    return SolarFlare.newBuilder().setId(id).setSource("swpc").setBeginTime(T).setClassType("M1.0")
        .setSatellite("16").setInProgress(false).setReceivedTime(T).build();
  }

  private static FeedCursor cursor(String feed, String position, long records) {
    return new FeedCursor(feed, position, Map.of(), records, T);
  }

  private FeedBatch goodBatch(String id, long records) {
    return new FeedBatch(List.of(new FeedBatch.Out<>(topics.solarFlares(), id, flare(id))), List.of(),
        cursor("test-feed", T.toString(), records));
  }

  @Test
  void shouldMakeNothingOfABatchVisibleWhenOneOfItsRecordsCannotBeWritten() {
    // given: a good flare, then an observation Avro cannot encode (null required field), a dead letter
    DeadLetter letter = DeadLetters.fromInput("ingest", "test-feed#9", "{}", "MalformedFeedRecord", "bad");
    FeedBatch batch = new FeedBatch(List.of(
        new FeedBatch.Out<>(topics.solarFlares(), "a", flare("a")),
        new FeedBatch.Out<>(topics.solarObservations(), "b", new SolarObservation(null, "b", T, Map.of(), Map.of()))),
        List.of(letter), cursor("test-feed", T.toString(), 2));

    // when
    assertThatThrownBy(() -> publisher.publish(batch)).isInstanceOf(RuntimeException.class);

    // then: none of it is visible to read_committed readers and the cursor did not move
    assertThat(CommittedRecords.values(bootstrap, topics.solarFlares())).isEmpty();
    assertThat(CommittedRecords.values(bootstrap, topics.deadLetters())).isEmpty();
    assertThat(CommittedRecords.values(bootstrap, topics.feedCursors())).isEmpty();
    assertThat(publisher.cursor("test-feed")).isNull();

    // and the publisher goes on with the next batch
    publisher.publish(goodBatch("c", 1));
    assertThat(CommittedRecords.values(bootstrap, topics.solarFlares())).extracting(SolarFlare::getId)
        .containsExactly("c");
    assertThat(publisher.cursor("test-feed").getRecords()).isEqualTo(1);
  }

  @Test
  void shouldStayUsableAfterAPublishFailedBecauseTheRegistryWasUnreachable() {
    // given: a topic whose serializer fails as AvroWire does when the registry cannot be reached
    Serde<SolarFlare> unreachable = Serdes.serdeFrom((Serializer<SolarFlare>) (topic, value) -> {
      throw new RegistryException("schema registry unreachable", new ConnectException("Connection refused"));
    }, (Deserializer<SolarFlare>) (topic, bytes) -> null);
    TopicSpec<String, SolarFlare> flaky = new TopicSpec<>(topics.solarFlares().name(), 1,
        topics.solarFlares().cleanupPolicy(), Map.of(), topics.solarFlares().keySerde(), unreachable);
    FeedBatch failing = new FeedBatch(List.of(
        new FeedBatch.Out<>(topics.solarFlares(), "a", flare("a")),
        new FeedBatch.Out<>(flaky, "b", flare("b"))), List.of(), cursor("test-feed", T.toString(), 2));
    assertThatThrownBy(() -> publisher.publish(failing)).isInstanceOf(RegistryException.class);

    // when: the registry is back and the next poll publishes
    publisher.publish(goodBatch("c", 1));

    // then: exactly that batch is visible; nothing of the failed one
    assertThat(CommittedRecords.values(bootstrap, topics.solarFlares())).extracting(SolarFlare::getId)
        .containsExactly("c");
    assertThat(publisher.cursor("test-feed").getRecords()).isEqualTo(1);
  }

  @Test
  void shouldRestoreTheLatestCursorOfEachFeedOnStart() {
    // given
    publisher.publish(new FeedBatch(List.of(), List.of(), cursor("feed-a", "1", 1)));
    publisher.publish(new FeedBatch(List.of(), List.of(), cursor("feed-b", "x", 5)));
    publisher.publish(new FeedBatch(List.of(), List.of(), cursor("feed-a", "2", 3)));
    publisher.close();

    // when
    publisher = new FeedPublisher(bootstrap, topics, txId);

    // then
    assertThat(publisher.cursor("feed-a")).isEqualTo(cursor("feed-a", "2", 3));
    assertThat(publisher.cursor("feed-b")).isEqualTo(cursor("feed-b", "x", 5));
    assertThat(publisher.cursor("feed-c")).isNull();
  }

  @Test
  void shouldStartWithNoCursorsOnEmptyTopics() {
    assertThat(publisher.cursor("swpc-xray-flares")).isNull();
  }
}
