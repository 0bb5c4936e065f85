package io.alignstream.ingest.feeds;

import static io.alignstream.ingest.feeds.FeedFixtures.JSOC;
import static io.alignstream.ingest.feeds.FeedFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.ingest.solar.SharpKeywords;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
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

/** The JSOC SHARP feed (a time series by T_REC, unlabelled samples to solar-sharp) against the real broker. */
@ExtendWith(AlignStreamExtension.class)
class JsocSharpFeedTest {
  private static final Instant NOW = Instant.parse("2010-05-01T01:00:00Z");
  private static final String PATH = "/JSOC/cgi-bin/ajax/jsoc_info";
  private static final String QUERY = "?op=rs_list&ds=hmi.sharp_720s[][{since}-]&key=T_REC,HARPNUM,NOAA_ARS,USFLUX";

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
    Feed feed = SolarFeeds.sharp(server.url(PATH + QUERY), topics);
    poller = new FeedPoller(feed, FeedFixtures.http(), publisher, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    server.close();
  }

  private List<ConsumerRecord<String, Sample>> sharp() {
    return CommittedRecords.records(bootstrap, topics.solarSharp());
  }

  @Test
  void shouldPublishSharpRecordsToSolarSharpKeyedByHarpnum() {
    server.serve(fixture(JSOC));

    poller.poll();

    List<ConsumerRecord<String, Sample>> published = sharp();
    assertThat(published).extracting(ConsumerRecord::key).containsExactly("1", "1");
    Sample first = published.get(0).value();
    assertThat(first.getTask()).isEqualTo("solar.flare24h");
    assertThat(first.getRole()).isEqualTo(Role.POOL);
    assertThat(first.getSource()).isEqualTo("feed:jsoc-sharp");
    assertThat(first.getDomain()).isEqualTo("harp-1");
    // 2010.05.01_00:00:00_TAI is 37 s earlier in UTC
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2010-04-30T23:59:23Z"));
    assertThat(first.getMetadata()).containsEntry("HARPNUM", "1").containsEntry("T_REC", "2010-04-30T23:59:23Z")
        .containsEntry("NOAA_ARS", "11067");
    Features f = (Features) first.getPayload();
    assertThat(f.getNames()).containsExactlyElementsOf(SharpKeywords.NAMES);
    assertThat(f.getLabel()).isNull();
    assertThat(f.getValues().get(SharpKeywords.NAMES.indexOf("USFLUX"))).isEqualTo(6.510776e21);
    Features second = (Features) published.get(1).value().getPayload();
    assertThat(second.getValues().get(SharpKeywords.NAMES.indexOf("TOTUSJH"))).isNaN();
    assertThat(published.get(0).value().getId()).isNotEqualTo(published.get(1).value().getId());
    assertThat(CommittedRecords.values(bootstrap, topics.samplesRaw())).isEmpty();
    assertThat(publisher.cursor("jsoc-sharp").getCursor()).isEqualTo("2010-05-01T00:11:23Z");
  }

  @Test
  void shouldAskForTheRecordsAfterTheLastTRecOnTheNextPoll() {
    // given
    server.serve(fixture(JSOC));
    poller.poll();

    // when
    server.serve("{\"count\":0,\"status\":0}");
    poller.poll();

    // then: {since} became the next second after the newest T_REC (TAI), brackets percent-encoded
    List<URI> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).getPath()).isEqualTo(PATH);
    assertThat(requests.get(0).getRawQuery()).doesNotContain("{since}", "[", "]")
        .matches("op=rs_list&ds=hmi\\.sharp_720s%5B%5D%5B\\d{4}\\.\\d{2}\\.\\d{2}_\\d{2}:\\d{2}:\\d{2}_TAI-%5D"
            + "&key=T_REC,HARPNUM,NOAA_ARS,USFLUX");
    assertThat(requests.get(1).getRawQuery())
        .isEqualTo("op=rs_list&ds=hmi.sharp_720s%5B%5D%5B2010.05.01_00:12:01_TAI-%5D&key=T_REC,HARPNUM,NOAA_ARS,USFLUX");
    assertThat(sharp()).hasSize(2);
    assertThat(poller.errors()).isZero();
  }

  @Test
  void shouldNotRepublishRecordsAtOrBeforeTheCursor() {
    server.serve(fixture(JSOC));
    poller.poll();

    poller.poll();

    assertThat(sharp()).hasSize(2);
    assertThat(poller.records()).isEqualTo(2);
    assertThat(publisher.cursor("jsoc-sharp").getCursor()).isEqualTo("2010-05-01T00:11:23Z");
  }
}
