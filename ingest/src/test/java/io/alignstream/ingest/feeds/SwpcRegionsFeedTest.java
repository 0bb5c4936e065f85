package io.alignstream.ingest.feeds;

import static io.alignstream.ingest.feeds.FeedFixtures.REGIONS;
import static io.alignstream.ingest.feeds.FeedFixtures.fixture;
import static io.alignstream.ingest.feeds.FeedFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.solar.SolarObservation;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SWPC solar regions feed (upsert on region + date, observations) against the real broker. */
@ExtendWith(AlignStreamExtension.class)
class SwpcRegionsFeedTest {
  private String bootstrap;
  private TopicCatalogue topics;
  private FeedServer server;
  private FeedPublisher publisher;

  @BeforeEach
  void setUp(TestStack stack) {
    bootstrap = stack.bootstrapServers();
    topics = stack.newCatalogue();
    server = FeedServer.start();
    publisher = new FeedPublisher(bootstrap, topics, FeedFixtures.transactionalId());
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    server.close();
  }

  @Test
  void shouldPublishARegionOnceAndAgainOnlyWhenItChanges() {
    // given
    SettableClock clock = new SettableClock(Instant.parse("2024-05-13T12:00:00Z"));
    FeedPoller poller = new FeedPoller(SolarFeeds.regions(server.url("/json/solar_regions.json"), topics),
        FeedFixtures.http(), publisher, clock);
    server.serve(fixture(REGIONS));

    // when: polled twice unchanged, then the area grows
    poller.poll();
    clock.advance(Duration.ofMinutes(5));
    poller.poll();
    server.serve(replace(fixture(REGIONS), "\"area\":1170", "\"area\":1250"));
    clock.advance(Duration.ofMinutes(5));
    poller.poll();

    // then
    List<ConsumerRecord<String, SolarObservation>> published =
        CommittedRecords.records(bootstrap, topics.solarObservations());
    assertThat(published).extracting(ConsumerRecord::key)
        .containsExactly("swpc-regions/3664@2024-05-13", "swpc-regions/3664@2024-05-13");
    SolarObservation first = published.get(0).value();
    assertThat(first.getFeed()).isEqualTo("swpc-regions");
    assertThat(first.getTime()).isEqualTo(Instant.parse("2024-05-13T00:00:00Z"));
    assertThat(first.getValues()).containsEntry("area", 1170.0).containsEntry("mXrayEvents", 5.0)
        .containsEntry("mFlareProbability", 75.0);
    assertThat(first.getAttributes()).containsEntry("noaa", "13664").containsEntry("magClass", "BGD");
    assertThat(published.get(1).value().getValues()).containsEntry("area", 1250.0);
    assertThat(poller.errors()).isZero();
  }
}
