package io.alignstream.ingest.feeds;

import static io.alignstream.ingest.feeds.FeedFixtures.FLARES;
import static io.alignstream.ingest.feeds.FeedFixtures.fixture;
import static io.alignstream.ingest.feeds.FeedFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.infra.testkit.TopicReader;
import io.alignstream.schemas.solar.FeedCursor;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SWPC X-ray flares feed (upsert on satellite + begin time) against the real broker and registry. */
@ExtendWith(AlignStreamExtension.class)
class SwpcFlaresFeedTest {
  private static final Instant NOW = Instant.parse("2022-09-26T12:30:00Z");
  private static final String DONE_ID = "16@2022-09-26T08:48:00Z";
  private static final String RUNNING_ID = "16@2022-09-26T12:02:00Z";

  private String bootstrap;
  private TopicCatalogue topics;
  private FeedServer server;
  private String txId;
  private FeedPublisher publisher;
  private Feed feed;

  @BeforeEach
  void setUp(TestStack stack) {
    bootstrap = stack.bootstrapServers();
    topics = stack.newCatalogue();
    server = FeedServer.start();
    txId = FeedFixtures.transactionalId();
    publisher = new FeedPublisher(bootstrap, topics, txId);
    feed = SolarFeeds.swpcFlares(server.url("/json/goes/primary/xray-flares-7-day.json"), topics);
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    server.close();
  }

  private FeedPoller poller(Clock clock) {
    return new FeedPoller(feed, FeedFixtures.http(), publisher, clock);
  }

  private static Clock fixedAt(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  /** The fixture with its in-progress flare (row 2) completed as an M2.3. */
  private static String completed() {
    String payload = replace(fixture(FLARES), "\"max_time\":\"Unk\",\"max_class\":null",
        "\"max_time\":\"2022-09-26T12:20:00Z\",\"max_class\":\"M2.3\"");
    return replace(payload, "\"end_time\":\"Unk\",\"end_class\":null",
        "\"end_time\":\"2022-09-26T12:41:00Z\",\"end_class\":\"M1.0\"");
  }

  private List<ConsumerRecord<String, SolarFlare>> flares() {
    return CommittedRecords.records(bootstrap, topics.solarFlares());
  }

  private List<FeedCursor> cursors() {
    return CommittedRecords.values(bootstrap, topics.feedCursors());
  }

  @Test
  void shouldPublishTheFlaresAndTheCursorOnTheFirstPoll() {
    // given
    server.serve(fixture(FLARES));

    // when
    FeedPoller poller = poller(fixedAt(NOW));
    poller.poll();

    // then
    List<SolarFlare> published = TopicReader.values(bootstrap, topics.solarFlares(), 2, Duration.ofSeconds(20));
    assertThat(published).extracting(SolarFlare::getId).containsExactly(DONE_ID, RUNNING_ID);
    SolarFlare done = published.get(0);
    assertThat(done.getSource()).isEqualTo("swpc");
    assertThat(done.getClassType()).isEqualTo("C4.7");
    assertThat(done.getBeginTime()).isEqualTo(Instant.parse("2022-09-26T08:48:00Z"));
    assertThat(done.getPeakTime()).isEqualTo(Instant.parse("2022-09-26T09:11:00Z"));
    assertThat(done.getEndTime()).isEqualTo(Instant.parse("2022-09-26T09:36:00Z"));
    assertThat(done.getSatellite()).isEqualTo("16");
    assertThat(done.getInProgress()).isFalse();
    assertThat(done.getReceivedTime()).isEqualTo(NOW);
    SolarFlare running = published.get(1);
    assertThat(running.getInProgress()).isTrue();
    assertThat(running.getClassType()).isNull();
    assertThat(running.getPeakTime()).isNull();
    assertThat(running.getEndTime()).isNull();
    assertThat(flares()).extracting(ConsumerRecord::key).containsExactly(DONE_ID, RUNNING_ID);

    List<ConsumerRecord<String, FeedCursor>> cursorRecords = CommittedRecords.records(bootstrap, topics.feedCursors());
    assertThat(cursorRecords).hasSize(1);
    assertThat(cursorRecords.get(0).key()).isEqualTo("swpc-xray-flares");
    FeedCursor cursor = cursorRecords.get(0).value();
    assertThat(cursor.getFeed()).isEqualTo("swpc-xray-flares");
    assertThat(cursor.getCursor()).isEqualTo("2022-09-26T12:02:00Z");
    assertThat(cursor.getSeen()).containsOnlyKeys(DONE_ID, RUNNING_ID);
    assertThat(cursor.getRecords()).isEqualTo(2);
    assertThat(cursor.getUpdatedTime()).isEqualTo(NOW);
    assertThat(publisher.cursor("swpc-xray-flares")).isEqualTo(cursor);
    assertThat(CommittedRecords.values(bootstrap, topics.deadLetters())).isEmpty();
    assertThat(poller.records()).isEqualTo(2);
    assertThat(poller.errors()).isZero();
    assertThat(poller.lastSuccess()).isEqualTo(NOW);
  }

  @Test
  void shouldPublishNothingNewWhenTheSamePayloadIsPolledAgain() {
    // given
    server.serve(fixture(FLARES));
    FeedPoller poller = poller(fixedAt(NOW));
    poller.poll();

    // when
    poller.poll();

    // then
    assertThat(flares()).hasSize(2);
    assertThat(cursors()).hasSize(2).last().extracting(FeedCursor::getRecords).isEqualTo(2L);
    assertThat(poller.records()).isEqualTo(2);
    assertThat(poller.errors()).isZero();
  }

  @Test
  void shouldPublishNothingNewWhenTheSamePayloadIsPolledAgainAMinuteLater() {
    // given: polls a minute apart, as the scheduler runs them
    server.serve(fixture(FLARES));
    SettableClock clock = new SettableClock(NOW);
    FeedPoller poller = poller(clock);
    poller.poll();

    // when
    clock.advance(Duration.ofMinutes(1));
    poller.poll();

    // then: the receive time is not part of a flare's content
    assertThat(flares()).extracting(ConsumerRecord::key).containsExactly(DONE_ID, RUNNING_ID);
    assertThat(poller.records()).isEqualTo(2);
  }

  @Test
  void shouldNotRepeatRecordsAfterARestart() {
    // given: a first instance polled, then stopped
    server.serve(fixture(FLARES));
    poller(fixedAt(NOW)).poll();
    FeedCursor stored = publisher.cursor("swpc-xray-flares");
    publisher.close();

    // when: a new instance (same transactional id) starts on the same topics and polls the same payload
    publisher = new FeedPublisher(bootstrap, topics, txId);
    FeedPoller restarted = poller(fixedAt(NOW));
    restarted.poll();

    // then: the cursor came back from Kafka and nothing is repeated
    assertThat(publisher.cursor("swpc-xray-flares")).isNotNull();
    assertThat(cursors().get(0)).isEqualTo(stored);
    assertThat(flares()).extracting(ConsumerRecord::key).containsExactly(DONE_ID, RUNNING_ID);
    assertThat(restarted.records()).isZero();
    assertThat(restarted.errors()).isZero();
    assertThat(publisher.cursor("swpc-xray-flares").getRecords()).isEqualTo(2);
  }

  @Test
  void shouldNotRepeatRecordsAfterARestartTenMinutesLater() {
    // given: a first instance polled, then stopped
    server.serve(fixture(FLARES));
    poller(fixedAt(NOW)).poll();
    publisher.close();

    // when: it comes back ten minutes later and polls the same payload
    publisher = new FeedPublisher(bootstrap, topics, txId);
    FeedPoller restarted = poller(fixedAt(NOW.plus(Duration.ofMinutes(10))));
    restarted.poll();

    // then
    assertThat(flares()).extracting(ConsumerRecord::key).containsExactly(DONE_ID, RUNNING_ID);
    assertThat(restarted.records()).isZero();
  }

  @Test
  void shouldFenceTheOldInstanceWhenARestartedOneTakesOverWithoutACleanStop() {
    // given: the first instance polled and is still around (e.g. hung, not stopped)
    server.serve(fixture(FLARES));
    poller(fixedAt(NOW)).poll();
    FeedPublisher old = publisher;

    // when: a new instance with the same transactional id starts
    publisher = new FeedPublisher(bootstrap, topics, txId);
    FeedPoller restarted = poller(fixedAt(NOW));
    server.serve(completed());
    restarted.poll();

    // then: the new one works from the restored cursor, the old one can no longer publish
    assertThat(flares()).extracting(ConsumerRecord::key).containsExactly(DONE_ID, RUNNING_ID, RUNNING_ID);
    FeedCursor current = publisher.cursor("swpc-xray-flares");
    FeedBatch stale = new FeedBatch(List.of(new FeedBatch.Out<>(topics.solarFlares(), "stale",
        SolarFlare.newBuilder(flares().get(0).value()).setId("stale").build())), List.of(), current);
    try {
      // Kafka 4.1 reports the fencing as InvalidProducerEpochException or ProducerFencedException: both say so
      assertThatThrownBy(() -> old.publish(stale))
          .isInstanceOf(FeedPublisher.Fenced.class).hasMessageContaining("another ingest instance");
    } finally {
      old.close();
    }
    assertThat(flares()).extracting(ConsumerRecord::key).doesNotContain("stale");
    assertThat(cursors()).hasSize(2);
  }

  @Test
  void shouldRepublishExactlyTheFlareThatCompleted() {
    // given: the flare at 12:02 is in progress at the first poll
    server.serve(fixture(FLARES));
    FeedPoller poller = poller(fixedAt(NOW));
    poller.poll();

    // when: the feed later shows it completed
    server.serve(completed());
    poller.poll();

    // then: only that flare is published again, now complete
    List<ConsumerRecord<String, SolarFlare>> published = flares();
    assertThat(published).extracting(ConsumerRecord::key).containsExactly(DONE_ID, RUNNING_ID, RUNNING_ID);
    SolarFlare completed = published.get(2).value();
    assertThat(completed.getId()).isEqualTo(RUNNING_ID);
    assertThat(completed.getInProgress()).isFalse();
    assertThat(completed.getClassType()).isEqualTo("M2.3");
    assertThat(completed.getPeakTime()).isEqualTo(Instant.parse("2022-09-26T12:20:00Z"));
    assertThat(completed.getEndTime()).isEqualTo(Instant.parse("2022-09-26T12:41:00Z"));
    assertThat(poller.records()).isEqualTo(3);
    assertThat(publisher.cursor("swpc-xray-flares").getRecords()).isEqualTo(3);

    // and when it is polled once more, complete, nothing new
    poller.poll();
    assertThat(flares()).hasSize(3);
  }
}
