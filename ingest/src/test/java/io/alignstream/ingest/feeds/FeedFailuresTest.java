package io.alignstream.ingest.feeds;

import static io.alignstream.ingest.feeds.FeedFixtures.FLARES;
import static io.alignstream.ingest.feeds.FeedFixtures.fixture;
import static io.alignstream.ingest.feeds.FeedFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.solar.FeedCursor;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a poll does when the feed misbehaves: every failure is a dead letter with the reason, counted
 * in {@code errors()}, the cursor does not move, nothing else is published, and the next good poll works.
 */
@ExtendWith(AlignStreamExtension.class)
class FeedFailuresTest {
  private static final Instant START = Instant.parse("2022-09-26T12:30:00Z");
  private static final String FEED = "swpc-xray-flares";

  private String bootstrap;
  private TopicCatalogue topics;
  private FeedServer server;
  private FeedPublisher publisher;
  private SettableClock clock;
  private Feed feed;

  @BeforeEach
  void setUp(TestStack stack) {
    bootstrap = stack.bootstrapServers();
    topics = stack.newCatalogue();
    server = FeedServer.start();
    publisher = new FeedPublisher(bootstrap, topics, FeedFixtures.transactionalId());
    clock = new SettableClock(START);
    feed = SolarFeeds.swpcFlares(server.url("/json/goes/primary/xray-flares-7-day.json"), topics);
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    server.close();
  }

  /**
   * Polls happen at {@link #START} unless a test moves the clock for a failing poll; good polls run at
   * START so that upsert comparisons do not depend on the poll time (tested in SwpcFlaresFeedTest).
   */
  private FeedPoller poller(FeedHttp http) {
    return new FeedPoller(feed, http, publisher, clock);
  }

  private List<ConsumerRecord<String, SolarFlare>> flares() {
    return CommittedRecords.records(bootstrap, topics.solarFlares());
  }

  private List<DeadLetter> deadLetters() {
    return CommittedRecords.values(bootstrap, topics.deadLetters());
  }

  private static String original(DeadLetter letter) {
    return letter.getOriginalValue() == null ? null
        : StandardCharsets.UTF_8.decode(letter.getOriginalValue().duplicate()).toString();
  }

  /** The fixture with a third flare whose class is not a GOES class. */
  private static String withOneMalformedFlare() {
    String payload = fixture(FLARES).stripTrailing();
    String bad = "{\"time_tag\":\"2022-09-26T14:00:00Z\",\"begin_time\":\"2022-09-26T14:00:00Z\",\"max_time\":"
        + "\"2022-09-26T14:10:00Z\",\"max_class\":\"Z9.9\",\"end_time\":\"2022-09-26T14:30:00Z\",\"satellite\":16}";
    return payload.substring(0, payload.length() - 1).stripTrailing() + ",\n" + bad + "\n]";
  }

  @Test
  void shouldDeadLetterAServerErrorAfterRetryingAndKeepTheCursor() {
    // given: a first good poll stored a cursor
    FeedPoller poller = poller(FeedFixtures.http());
    server.serve(fixture(FLARES));
    poller.poll();
    FeedCursor before = publisher.cursor(FEED);
    Instant succeeded = poller.lastSuccess();

    // when: the server fails
    server.answer(500, "upstream exploded");
    clock.advance(Duration.ofMinutes(1));
    poller.poll();

    // then: retried, then one dead letter with the status; cursor and flares unchanged
    assertThat(server.requests()).hasSize(3);
    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.getStage()).isEqualTo("ingest");
    assertThat(letter.getErrorClass()).isEqualTo("FeedUnavailable");
    assertThat(letter.getErrorMessage()).contains("HTTP 500", "upstream exploded", "after 2 attempts");
    assertThat(letter.getSourceRef()).startsWith(FEED + " http://127.0.0.1:");
    assertThat(publisher.cursor(FEED)).isEqualTo(before);
    assertThat(CommittedRecords.values(bootstrap, topics.feedCursors())).last().isEqualTo(before);
    assertThat(flares()).hasSize(2);
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(poller.lastSuccess()).isEqualTo(succeeded);

    // and the next good poll works
    server.serve(fixture(FLARES));
    clock.set(START);
    poller.poll();
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(flares()).hasSize(2);
    assertThat(deadLetters()).hasSize(1);
  }

  @Test
  void shouldNotRetryAClientError() {
    FeedPoller poller = poller(FeedFixtures.http());
    server.answer(404, "no such feed");

    poller.poll();

    assertThat(server.requests()).hasSize(1);
    assertThat(deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorClass()).isEqualTo("FeedUnavailable");
      assertThat(letter.getErrorMessage()).contains("HTTP 404", "no such feed");
    });
    assertThat(poller.errors()).isEqualTo(1);
  }

  @Test
  void shouldPublishEverythingOnceTheFeedRecoversFromAFailedFirstPoll() {
    // given: the very first poll fails, before any cursor exists
    FeedPoller poller = poller(FeedFixtures.http());
    server.answer(503, "maintenance");
    poller.poll();
    assertThat(poller.lastSuccess()).isNull();

    // when
    server.serve(fixture(FLARES));
    poller.poll();

    // then
    assertThat(flares()).hasSize(2);
    assertThat(deadLetters()).hasSize(1);
    assertThat(publisher.cursor(FEED).getRecords()).isEqualTo(2);
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(poller.records()).isEqualTo(2);
  }

  @Test
  void shouldDeadLetterATruncatedPayloadAndPublishNothingElse() {
    // given
    FeedPoller poller = poller(FeedFixtures.http());
    String full = fixture(FLARES);
    String truncated = full.substring(0, full.length() / 2);
    server.serve(truncated);

    // when
    poller.poll();

    // then: one dead letter with the reason and the payload; no flare
    assertThat(flares()).isEmpty();
    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getErrorMessage()).contains("malformed JSON");
    assertThat(original(letters.get(0))).isEqualTo(truncated);
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(poller.records()).isZero();
    FeedCursor cursor = publisher.cursor(FEED);
    if (cursor != null) {
      assertThat(cursor.getCursor()).isEmpty();
      assertThat(cursor.getSeen()).isEmpty();
      assertThat(cursor.getRecords()).isZero();
    }

    // and the next good poll works
    server.serve(full);
    poller.poll();
    assertThat(flares()).hasSize(2);
    assertThat(poller.errors()).isEqualTo(1);
  }

  @Test
  void shouldNotCountAnUnreadablePayloadAsASuccessfulPoll() {
    // given: a good poll
    FeedPoller poller = poller(FeedFixtures.http());
    server.serve(fixture(FLARES));
    poller.poll();
    Instant succeeded = poller.lastSuccess();
    FeedCursor before = publisher.cursor(FEED);

    // when: the payload is cut off
    server.serve(fixture(FLARES).substring(0, 100));
    clock.advance(Duration.ofMinutes(1));
    poller.poll();

    // then: the last-success gauge does not claim the feed is fine; the cursor does not move
    assertThat(poller.errors()).isEqualTo(1);
    FeedCursor after = publisher.cursor(FEED);
    assertThat(after.getCursor()).isEqualTo(before.getCursor());
    assertThat(after.getSeen()).isEqualTo(before.getSeen());
    assertThat(after.getRecords()).isEqualTo(before.getRecords());
    assertThat(poller.lastSuccess()).isEqualTo(succeeded);
  }

  @Test
  void shouldDeadLetterAnUnreadablePayloadLargerThanOneKafkaRecord() {
    // given: a 7-day feed is megabytes; this one (~1.5 MB) is cut off before its closing bracket
    FeedPoller poller = poller(FeedFixtures.http());
    String row = "{\"time_tag\":\"2022-09-26T08:48:00Z\",\"begin_time\":\"2022-09-26T08:48:00Z\","
        + "\"max_class\":\"C4.7\",\"end_time\":\"2022-09-26T09:36:00Z\",\"satellite\":16}";
    StringBuilder big = new StringBuilder("[");
    while (big.length() < 1_500_000) {
      big.append(row).append(",\n");
    }
    server.serve(big.toString());

    // when
    poller.poll();

    // then: the failure is visible as a dead letter (the payload may be abbreviated), not only in a log
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(deadLetters()).singleElement()
        .satisfies(letter -> assertThat(letter.getErrorMessage()).contains("malformed JSON"));
    assertThat(flares()).isEmpty();
  }

  @Test
  void shouldPublishTheGoodRecordsAndDeadLetterTheMalformedOne() {
    // given
    FeedPoller poller = poller(FeedFixtures.http());
    server.serve(withOneMalformedFlare());

    // when
    poller.poll();

    // then
    assertThat(flares()).extracting(ConsumerRecord::key)
        .containsExactly("16@2022-09-26T08:48:00Z", "16@2022-09-26T12:02:00Z");
    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.getErrorClass()).isEqualTo("MalformedFeedRecord");
    assertThat(letter.getSourceRef()).endsWith("#2");
    assertThat(letter.getErrorMessage()).contains("Z9.9");
    assertThat(original(letter)).contains("\"max_class\":\"Z9.9\"");
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(poller.records()).isEqualTo(2);
    assertThat(publisher.cursor(FEED).getCursor()).isEqualTo("2022-09-26T12:02:00Z");

    // and when the feed corrects the record, it is published and the others are not repeated
    server.serve(replace(withOneMalformedFlare(), "\"Z9.9\"", "\"X1.1\""));
    poller.poll();
    assertThat(flares()).extracting(ConsumerRecord::key)
        .containsExactly("16@2022-09-26T08:48:00Z", "16@2022-09-26T12:02:00Z", "16@2022-09-26T14:00:00Z");
    assertThat(poller.errors()).isEqualTo(1);
  }

  @Test
  void shouldGiveUpOnAServerThatNeverAnswers() {
    // given: 300 ms per attempt, 2 attempts; the server never answers
    FeedPoller poller = poller(new FeedHttp(Duration.ofMillis(300), 2, Duration.ofMillis(50)));
    server.hang();

    // when: the poll returns (bounded) instead of waiting for the server
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(15), poller::poll);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // then
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(server.requests()).hasSize(2);
    assertThat(deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.getErrorClass()).isEqualTo("FeedUnavailable");
      assertThat(letter.getErrorMessage()).contains("HttpTimeoutException", "after 2 attempts");
    });
    assertThat(flares()).isEmpty();
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(poller.lastSuccess()).isNull();

    // and the next good poll works
    server.serve(fixture(FLARES));
    poller.poll();
    assertThat(flares()).hasSize(2);
    assertThat(poller.errors()).isEqualTo(1);
    assertThat(poller.lastSuccess()).isNotNull();
  }
}
