package io.alignstream.ingest.feeds;

import static io.alignstream.ingest.feeds.FeedFixtures.XRAYS;
import static io.alignstream.ingest.feeds.FeedFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.solar.SolarObservation;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The GOES X-ray flux feed (a time series) against the real broker and registry. */
@ExtendWith(AlignStreamExtension.class)
class XraysFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-08-07T01:30:00Z");

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
    Feed feed = SolarFeeds.xrays(server.url("/json/goes/primary/xrays-7-day.json"), topics);
    poller = new FeedPoller(feed, FeedFixtures.http(), publisher, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    server.close();
  }

  private static List<ObjectNode> rows() {
    try {
      List<ObjectNode> rows = new ArrayList<>();
      JSON.readTree(fixture(XRAYS)).forEach(r -> rows.add((ObjectNode) r));
      return rows;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fixture row i (0-based) moved to another minute. */
  private static ObjectNode at(int i, String timeTag) {
    ObjectNode row = rows().get(i).deepCopy();
    row.put("time_tag", timeTag);
    return row;
  }

  private static String payload(List<? extends JsonNode> rows) {
    ArrayNode array = JSON.createArrayNode();
    rows.forEach(array::add);
    return array.toString();
  }

  private List<ConsumerRecord<String, SolarObservation>> observations() {
    return CommittedRecords.records(bootstrap, topics.solarObservations());
  }

  @Test
  void shouldPublishReadingsAsObservationsAndMoveTheCursorToTheNewestTime() {
    // given: the three fixture rows that have a flux
    server.serve(payload(rows().subList(0, 3)));

    // when
    poller.poll();

    // then
    List<ConsumerRecord<String, SolarObservation>> published = observations();
    assertThat(published).extracting(ConsumerRecord::key).containsExactly(
        "swpc-xrays/18/2026-08-07T01:25:00Z/0.1-0.8nm",
        "swpc-xrays/18/2026-08-07T01:25:00Z/0.05-0.4nm",
        "swpc-xrays/18/2026-08-07T01:26:00Z/0.1-0.8nm");
    SolarObservation first = published.get(0).value();
    assertThat(first.getFeed()).isEqualTo("swpc-xrays");
    assertThat(first.getKey()).isEqualTo("18/0.1-0.8nm");
    assertThat(first.getTime()).isEqualTo(Instant.parse("2026-08-07T01:25:00Z"));
    assertThat(first.getValues()).containsEntry("flux", 2.578931912466942e-7);
    assertThat(first.getAttributes()).containsEntry("energy", "0.1-0.8nm").containsEntry("satellite", "18")
        .containsEntry("electronContamination", "false").containsEntry("class", "B2.5");
    assertThat(publisher.cursor("swpc-xrays").getCursor()).isEqualTo("2026-08-07T01:26:00Z");
    // a time series remembers only the keys at the newest time (a late second channel still gets in)
    assertThat(publisher.cursor("swpc-xrays").getSeen()).containsOnlyKeys("18/2026-08-07T01:26:00Z/0.1-0.8nm");
    assertThat(poller.records()).isEqualTo(3);
  }

  @Test
  void shouldPublishOnlyReadingsNewerThanTheCursor() {
    // given
    List<ObjectNode> rows = rows();
    server.serve(payload(rows.subList(0, 3)));
    poller.poll();

    // when: the next payload repeats those rows, adds the next minute and an older, unseen minute
    List<ObjectNode> next = new ArrayList<>(rows.subList(0, 3));
    next.add(at(0, "2026-08-07T01:27:00Z"));
    next.add(at(1, "2026-08-07T01:27:00Z"));
    next.add(0, at(0, "2026-08-07T01:24:00Z"));
    server.serve(payload(next));
    poller.poll();

    // then: only the two readings after 01:26
    assertThat(observations()).extracting(ConsumerRecord::key).containsExactly(
        "swpc-xrays/18/2026-08-07T01:25:00Z/0.1-0.8nm",
        "swpc-xrays/18/2026-08-07T01:25:00Z/0.05-0.4nm",
        "swpc-xrays/18/2026-08-07T01:26:00Z/0.1-0.8nm",
        "swpc-xrays/18/2026-08-07T01:27:00Z/0.1-0.8nm",
        "swpc-xrays/18/2026-08-07T01:27:00Z/0.05-0.4nm");
    assertThat(publisher.cursor("swpc-xrays").getCursor()).isEqualTo("2026-08-07T01:27:00Z");
    assertThat(publisher.cursor("swpc-xrays").getRecords()).isEqualTo(5);

    // and when the same payload comes again, nothing
    poller.poll();
    assertThat(observations()).hasSize(5);
    assertThat(poller.errors()).isZero();
  }

  @Test
  void shouldKeepAReadingWithoutFluxAsAGap() {
    // given: the whole fixture; row 4 has "flux": null (a gap) and electron contamination
    server.serve(fixture(XRAYS));

    // when
    poller.poll();

    // then: four observations, the gap with a NaN flux and no class; nothing dead-lettered
    List<DeadLetter> deadLetters = CommittedRecords.values(bootstrap, topics.deadLetters());
    assertThat(deadLetters).as("dead letters %s", deadLetters).isEmpty();
    List<ConsumerRecord<String, SolarObservation>> published = observations();
    assertThat(published).hasSize(4);
    SolarObservation gap = published.get(3).value();
    assertThat(gap.getKey()).isEqualTo("18/0.05-0.4nm");
    assertThat(gap.getValues().getOrDefault("flux", Double.NaN)).isNaN();
    assertThat(gap.getAttributes()).containsEntry("electronContamination", "true");
    assertThat(gap.getAttributes().get("class")).isNullOrEmpty();
    assertThat(poller.errors()).isZero();
  }
}
