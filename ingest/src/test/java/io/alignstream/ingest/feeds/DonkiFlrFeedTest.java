package io.alignstream.ingest.feeds;

import static io.alignstream.ingest.feeds.FeedFixtures.DONKI;
import static io.alignstream.ingest.feeds.FeedFixtures.fixture;
import static io.alignstream.ingest.feeds.FeedFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The NASA DONKI FLR feed (upsert on flrID, versionId grows) against the real broker and registry. */
@ExtendWith(AlignStreamExtension.class)
class DonkiFlrFeedTest {
  private static final Instant NOW = Instant.parse("2026-09-06T16:00:00Z");
  private static final String FLR_ID = "2026-09-06T10:31:00-FLR-001";

  private String bootstrap;
  private TopicCatalogue topics;
  private FeedServer server;
  private FeedPublisher publisher;
  private FeedPoller poller;

  @BeforeEach
  void setUp(TestStack stack) {
    bootstrap = stack.bootstrapServers();
    topics = stack.newCatalogue();
    server = FeedServer.start();
    publisher = new FeedPublisher(bootstrap, topics, FeedFixtures.transactionalId());
    Feed feed = SolarFeeds.donkiFlares(server.url("/DONKI/WS/get/FLR?startDate={since}"), topics);
    poller = new FeedPoller(feed, FeedFixtures.http(), publisher, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    server.close();
  }

  private List<ConsumerRecord<String, SolarFlare>> flares() {
    return CommittedRecords.records(bootstrap, topics.solarFlares());
  }

  private static String version(int versionId) {
    return replace(fixture(DONKI), "\"versionId\":1", "\"versionId\":" + versionId);
  }

  @Test
  void shouldPublishTheFlareKeyedByItsFlrId() {
    server.serve(fixture(DONKI));

    poller.poll();

    List<ConsumerRecord<String, SolarFlare>> published = flares();
    assertThat(published).extracting(ConsumerRecord::key).containsExactly(FLR_ID);
    SolarFlare flare = published.get(0).value();
    assertThat(flare.getId()).isEqualTo(FLR_ID);
    assertThat(flare.getSource()).isEqualTo("donki");
    assertThat(flare.getVersion()).isEqualTo(1L);
    assertThat(flare.getClassType()).isEqualTo("C5.0");
    assertThat(flare.getBeginTime()).isEqualTo(Instant.parse("2026-09-06T10:31:00Z"));
    assertThat(flare.getInProgress()).isFalse();
    assertThat(publisher.cursor("donki-flr").getCursor()).isEqualTo("2026-09-06T10:31:00Z");
  }

  @Test
  void shouldNotRepublishTheSameVersion() {
    server.serve(fixture(DONKI));
    poller.poll();

    poller.poll();

    assertThat(flares()).hasSize(1);
    assertThat(poller.records()).isEqualTo(1);
  }

  @Test
  void shouldRepublishAFlareWhenItsVersionGrows() {
    // given
    server.serve(fixture(DONKI));
    poller.poll();

    // when: DONKI revises the flare
    server.serve(version(2));
    poller.poll();
    poller.poll();

    // then: version 2 once, and not again
    List<ConsumerRecord<String, SolarFlare>> published = flares();
    assertThat(published).extracting(ConsumerRecord::key).containsExactly(FLR_ID, FLR_ID);
    assertThat(published).extracting(r -> r.value().getVersion()).containsExactly(1L, 2L);
    assertThat(poller.records()).isEqualTo(2);
    assertThat(poller.errors()).isZero();
  }

  @Test
  void shouldAskAgainForTheWholeRetentionSpanSoRevisionsOfOlderFlaresAreSeen() {
    server.serve(fixture(DONKI));

    poller.poll();
    poller.poll();

    List<URI> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).getRawQuery()).matches("startDate=\\d{4}-\\d{2}-\\d{2}");
    // the newest flare began 2026-09-06; DONKI flares are remembered (and re-asked for) for 31 days
    assertThat(requests.get(1).getRawQuery()).isEqualTo("startDate=2026-08-06");
  }
}
