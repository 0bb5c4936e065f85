package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwpcFlaresParserTest {
  private static final String DONE = "{\"begin_time\":\"2022-09-26T08:48:00Z\",\"max_time\":\"2022-09-26T09:11:00Z\","
      + "\"max_class\":\"M4.7\",\"end_time\":\"2022-09-26T09:36:00Z\",\"satellite\":16}";
  private final SwpcFlaresParser parser = new SwpcFlaresParser();

  private List<Parsed<FlareEvent>> parse(String json) {
    List<Parsed<FlareEvent>> items = parser.parse(json, "flares");
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadFinishedAndInProgressFlaresFromTheFixture() {
    List<Parsed<FlareEvent>> items = parse(fixture("swpc-xray-flares-7-day.sample.json"));

    assertThat(items).hasSize(2).allMatch(Parsed::isOk);
    FlareEvent done = items.get(0).value();
    assertThat(done.id()).isEqualTo("16@2022-09-26T08:48:00Z");
    assertThat(done.source()).isEqualTo(FlareEvent.Source.SWPC);
    assertThat(done.beginTime()).isEqualTo(Instant.parse("2022-09-26T08:48:00Z"));
    assertThat(done.peakTime()).isEqualTo(Instant.parse("2022-09-26T09:11:00Z"));
    assertThat(done.endTime()).isEqualTo(Instant.parse("2022-09-26T09:36:00Z"));
    assertThat(done.classType()).isEqualTo("C4.7");
    assertThat(done.magnitudeClass()).isEqualTo('C');
    assertThat(done.isMajor()).isFalse();
    assertThat(done.satellite()).isEqualTo("16");
    assertThat(done.inProgress()).isFalse();
    assertThat(done.noaaAr()).isNull();

    FlareEvent running = items.get(1).value();
    assertThat(running.id()).isEqualTo("16@2022-09-26T12:02:00Z");
    assertThat(running.inProgress()).isTrue();
    assertThat(running.peakTime()).isNull();
    assertThat(running.endTime()).isNull();
    assertThat(running.classType()).isNull();
    assertThat(running.magnitudeClass()).isNull();
    assertThat(running.referenceTime()).isEqualTo(running.beginTime());
  }

  @Test
  void shouldKeepTheUpsertKeyStableAsAFlareEvolves() {
    String running = DONE.replace("\"2022-09-26T09:36:00Z\"", "\"Unk\"").replace("\"M4.7\"", "null");

    FlareEvent before = parse("[" + running + "]").get(0).value();
    FlareEvent after = parse("[" + DONE + "]").get(0).value();

    assertThat(before.id()).isEqualTo(after.id());
    assertThat(before.inProgress()).isTrue();
    assertThat(after.inProgress()).isFalse();
    assertThat(after.isMajor()).isTrue();
  }

  @Test
  void shouldRejectUnkeyableOrMistypedFlaresAndKeepTheOthers() {
    String json = "[" + String.join(",",
        DONE,
        DONE.replace("\"2022-09-26T08:48:00Z\"", "\"Unk\""),
        DONE.replace(",\"satellite\":16", ""),
        DONE.replace("\"M4.7\"", "\"Z9\""),
        DONE.replace("\"M4.7\"", "4.7"),
        DONE.replace("\"2022-09-26T09:11:00Z\"", "\"yesterday\""),
        DONE.replace("\"satellite\":16", "\"satellite\":\"GOES\"")) + "]";

    List<Parsed<FlareEvent>> items = parse(json);

    assertThat(items).hasSize(7);
    assertThat(items.get(0).isOk()).isTrue();
    assertThat(items.get(1).error()).contains("begin_time is required but is string \"Unk\"", "flares#1");
    assertThat(items.get(2).error()).contains("satellite is required but is missing");
    assertThat(items.get(3).error()).contains("max_class \"Z9\" is not a GOES class");
    assertThat(items.get(4).error()).contains("max_class: expected a string, got number 4.7");
    assertThat(items.get(5).error()).contains("max_time \"yesterday\" is not an ISO-8601 time");
    assertThat(items.get(6).error()).contains("satellite: expected an integer, got string \"GOES\"");
  }

  @Test
  void shouldTreatBrokenPayloadsAsOneBadItem() {
    assertThat(parse("[" + DONE)).singleElement().satisfies(item -> assertThat(item.error()).contains("malformed"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
    assertThat(parse("null")).singleElement().satisfies(item -> assertThat(item.error()).contains("got null"));
  }
}
