package io.alignstream.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alignstream.infra.testkit.TestRegistry;
import io.alignstream.ingest.fuzz.Fuzz;
import io.alignstream.ingest.fuzz.Mutator;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.solar.FeedCursor;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.topics.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the five live feeds with mutated real payloads (the fixtures in {@code shared/data/solar}),
 * through {@link Feed#interpret}, the pure step between the HTTP fetch and the Kafka transaction: a
 * payload is either unreadable as a whole ({@link RecordFeed.UnreadablePayload}, a failed poll) or
 * gives records and dead letters with reasons; every record, dead letter and the cursor encode with
 * the real serdes; the cursor never moves past the poll time. Any other exception would fail every
 * poll of the feed for as long as the bad record stays in the feed's window.
 */
@Tag("fuzz")
class FeedParsersFuzzTest {
  static final Duration BOUND = Duration.ofSeconds(10);
  static final Instant NOW = Instant.parse("2026-09-08T12:00:00Z");
  private static final Path DIR = Path.of("../../shared/data/solar");
  private static TestRegistry registry;
  private static TopicCatalogue topics;

  @BeforeContainer
  static void startRegistry() {
    registry = TestRegistry.start();
    topics = registry.catalogue();
  }

  @AfterContainer
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Fuzz
  void swpcXrays(@ForAll("randoms") Random r) {
    fuzz(SolarFeeds.xrays("http://127.0.0.1/xrays", topics), "swpc-xrays-7-day.sample.json", r);
  }

  @Fuzz
  void swpcXrayFlares(@ForAll("randoms") Random r) {
    fuzz(SolarFeeds.swpcFlares("http://127.0.0.1/flares", topics), "swpc-xray-flares-7-day.sample.json", r);
  }

  @Fuzz
  void swpcSolarRegions(@ForAll("randoms") Random r) {
    fuzz(SolarFeeds.regions("http://127.0.0.1/regions", topics), "swpc-solar-regions.sample.json", r);
  }

  @Fuzz
  void donkiFlr(@ForAll("randoms") Random r) {
    fuzz(SolarFeeds.donkiFlares("http://127.0.0.1/donki?startDate={since}", topics), "donki-flr.sample.json", r);
  }

  @Fuzz
  void jsocSharp(@ForAll("randoms") Random r) {
    fuzz(SolarFeeds.sharp("http://127.0.0.1/jsoc?ds=x[][{since}-]", topics), "jsoc-rs_list.sample.json", r);
  }

  @Provide
  Arbitrary<Random> randoms() {
    return Mutator.randoms();
  }

  private static void fuzz(Feed feed, String fixture, Random r) {
    String seed = fixture(fixture);
    String payload = r.nextInt(4) == 0 ? Mutator.mutateText(seed, r) : Mutator.mutateJson(seed, r);
    // Half the polls continue from the cursor the real payload left, as a running feed does.
    FeedCursor cursor = r.nextBoolean() ? null : feed.interpret(seed, null, NOW.minusSeconds(600)).cursor();
    String outcome = assertTimeoutPreemptively(BOUND, () -> check(feed, payload, cursor),
        () -> "hung on " + Mutator.show(payload));
    Statistics.label("outcome").collect(outcome);
  }

  /** Interprets one poll's payload and checks what would be published; returns the kind of outcome. */
  static String check(Feed feed, String payload, FeedCursor cursor) {
    FeedBatch batch;
    try {
      batch = feed.interpret(payload, cursor, NOW);
    } catch (RecordFeed.UnreadablePayload e) {
      assertThat(e.getMessage()).as("reason of an unreadable payload").isNotBlank();
      return "unreadable payload";
    }
    for (FeedBatch.Out<?> out : batch.records()) {
      encode(out);
    }
    for (DeadLetter letter : batch.deadLetters()) {
      assertThat(letter.getErrorMessage()).as("reason of a malformed record").contains("(at " + feed.name() + "#");
      // A reason quotes the bad value; Avro writes an unpaired surrogate in it as '?', harmless in a message.
      byte[] bytes = topics.deadLetters().valueSerde().serializer().serialize(topics.deadLetters().name(), letter);
      DeadLetter back = topics.deadLetters().valueSerde().deserializer().deserialize(topics.deadLetters().name(), bytes);
      assertThat(back.getOriginalValue()).isEqualTo(letter.getOriginalValue());
      assertThat(back.getSourceRef()).isEqualTo(letter.getSourceRef());
    }
    FeedCursor next = batch.cursor();
    encode(topics.feedCursors(), next);
    if (!next.getCursor().isEmpty()) {
      assertThat(Instant.parse(next.getCursor())).as("cursor time").isBeforeOrEqualTo(NOW.plus(RecordFeed.MAX_AHEAD));
    }
    return batch.deadLetters().isEmpty() ? "records only" : batch.records().isEmpty() ? "dead letters only"
        : "records and dead letters";
  }

  private static <V> void encode(FeedBatch.Out<V> out) {
    encode(out.topic(), out.value());
    assertThat(out.key()).isNotNull();
  }

  private static <V> void encode(TopicSpec<String, V> topic, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    V back = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    if (!back.equals(value)) {
      throw new AssertionError("Avro round trip changes a published record:\n  record " + Mutator.show(value.toString())
          + "\n  stored " + Mutator.show(back.toString()));
    }
  }

  static String fixture(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new AssertionError("fixture " + name + " missing", e);
    }
  }

  // --- regressions ---------------------------------------------------------------------------------

  /** Bug: a flare at year +999999999 parsed, then overflowed toEpochMilli in the cursor: every poll failed. */
  @Example
  void flareAtAnAbsurdYearIsOneDeadLetter() {
    String payload = fixture("donki-flr.sample.json").replace("\"beginTime\":\"2026-09-06T10:31Z\"",
        "\"beginTime\":\"+999999999-09-06T10:31Z\"");
    FeedBatch batch = SolarFeeds.donkiFlares("http://127.0.0.1/donki?startDate={since}", topics)
        .interpret("[" + payload.strip().substring(1, payload.strip().length() - 1) + ","
            + fixture("donki-flr.sample.json").strip().substring(1).replace("FLR-001", "FLR-002"), null, NOW);
    assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.getErrorMessage())
        .contains("beginTime").contains("outside"));
    assertThat(batch.records()).hasSize(1);
  }

  /** Bug: a region report dated +999999999-01-01 overflowed the cursor arithmetic (ArithmeticException). */
  @Example
  void regionAtAnAbsurdDateIsOneDeadLetter() {
    String good = fixture("swpc-solar-regions.sample.json").strip();
    String row = good.substring(1, good.length() - 1).strip();
    String payload = "[" + row + "," + row.replace("\"observed_date\":\"2024-05-13\"",
        "\"observed_date\":\"+999999999-01-01\"").replace("\"region\":3664", "\"region\":3665") + "]";
    FeedBatch batch = SolarFeeds.regions("http://127.0.0.1/regions", topics).interpret(payload, null, NOW);
    assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.getErrorMessage())
        .contains("observed_date").contains("outside"));
    assertThat(batch.records()).hasSize(1);
  }

  /** Bug: one X-ray reading dated 2199 moved the time-series cursor there, so no later reading was ever new. */
  @Example
  void readingFromTheFutureCannotMoveTheCursor() {
    Feed xrays = SolarFeeds.xrays("http://127.0.0.1/xrays", topics);
    String seed = fixture("swpc-xrays-7-day.sample.json");
    String payload = seed.replaceFirst("2026-08-07T01:26:00Z", "2199-01-01T00:00:00Z");
    FeedBatch batch = xrays.interpret(payload, null, NOW);
    assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.getErrorMessage())
        .contains("after the poll time"));
    assertThat(Instant.parse(batch.cursor().getCursor())).isBefore(NOW);
    assertThat(batch.records()).hasSize(3);
  }

  /** Bug: an energy channel with an unpaired surrogate (JSON "\\udc00") was published, and stored by Avro as '?'. */
  @Example
  void unpairedSurrogateInAFeedStringIsOneDeadLetter() {
    String payload = fixture("swpc-xrays-7-day.sample.json").replaceFirst("0.05-0.4nm", "0.05-0.4nm\\\\udc00");
    FeedBatch batch = SolarFeeds.xrays("http://127.0.0.1/xrays", topics).interpret(payload, null, NOW);
    assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.getErrorMessage())
        .contains("energy: has an unpaired surrogate"));
    assertThat(batch.records()).hasSize(3);
  }

  /** SHARP T_REC outside 1900-2200 is an unreadable identity, not a sample dated year 1 on solar-sharp. */
  @Example
  void sharpRecordAtAnAbsurdTimeIsOneDeadLetter() {
    String payload = fixture("jsoc-rs_list.sample.json").replace("2010.05.01_00:00:00_TAI", "0001.01.01_00:00:00_TAI");
    FeedBatch batch = SolarFeeds.sharp("http://127.0.0.1/jsoc?ds=x[][{since}-]", topics).interpret(payload, null, NOW);
    assertThat(batch.deadLetters()).singleElement().satisfies(d -> assertThat(d.getErrorMessage())
        .contains("T_REC").contains("outside"));
    assertThat(batch.records()).hasSize(1);
  }
}
