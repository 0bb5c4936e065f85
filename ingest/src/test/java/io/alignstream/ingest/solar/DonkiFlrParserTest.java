package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DonkiFlrParserTest {
  private static final String FLR = "{\"flrID\":\"2024-05-10T06:27:00-FLR-001\",\"beginTime\":\"2024-05-10T06:27Z\","
      + "\"peakTime\":\"2024-05-10T06:54Z\",\"endTime\":\"2024-05-10T07:06Z\",\"classType\":\"X3.9\","
      + "\"activeRegionNum\":13664,\"versionId\":2,\"linkedEvents\":null}";
  private final DonkiFlrParser parser = new DonkiFlrParser();

  private List<Parsed<FlareEvent>> parse(String json) {
    List<Parsed<FlareEvent>> items = parser.parse(json, "donki");
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadTheFixtureFlare() {
    List<Parsed<FlareEvent>> items = parse(fixture("donki-flr.sample.json"));

    assertThat(items).singleElement().satisfies(item -> assertThat(item.isOk()).isTrue());
    FlareEvent flare = items.get(0).value();
    assertThat(flare.id()).isEqualTo("2026-09-06T10:31:00-FLR-001");
    assertThat(flare.source()).isEqualTo(FlareEvent.Source.DONKI);
    assertThat(flare.beginTime()).isEqualTo(Instant.parse("2026-09-06T10:31:00Z"));
    assertThat(flare.peakTime()).isEqualTo(Instant.parse("2026-09-06T10:42:00Z"));
    assertThat(flare.endTime()).isEqualTo(Instant.parse("2026-09-06T10:48:00Z"));
    assertThat(flare.classType()).isEqualTo("C5.0");
    assertThat(flare.isMajor()).isFalse();
    assertThat(flare.noaaAr()).isEqualTo(14524);
    assertThat(flare.versionId()).isEqualTo(1);
    assertThat(flare.satellite()).isNull();
    assertThat(flare.sourceLocation()).isEqualTo("N12E32");
    assertThat(flare.linkedEventIds()).containsExactly("2026-09-06T10:53:00-CME-001");
    assertThat(flare.inProgress()).isFalse();
  }

  @Test
  void shouldMarkAFlareWithoutEndOrClassAsInProgress() {
    String running = FLR.replace("\"2024-05-10T07:06Z\"", "null").replace("\"X3.9\"", "null")
        .replace("\"2024-05-10T06:54Z\"", "null");

    FlareEvent flare = parse("[" + running + "]").get(0).value();

    assertThat(flare.inProgress()).isTrue();
    assertThat(flare.peakTime()).isNull();
    assertThat(flare.referenceTime()).isEqualTo(Instant.parse("2024-05-10T06:27:00Z"));
    assertThat(flare.linkedEventIds()).isEmpty();
  }

  @Test
  void shouldRejectMistypedFlaresAndKeepTheOthers() {
    String json = "[" + String.join(",",
        FLR,
        FLR.replace("\"2024-05-10T06:27:00-FLR-001\"", "7"),
        FLR.replace("\"2024-05-10T06:27Z\"", "\"Unk\""),
        FLR.replace("13664", "\"AR13664\""),
        FLR.replace("\"X3.9\"", "\"big\""),
        FLR.replace("\"linkedEvents\":null", "\"linkedEvents\":\"CME\""),
        FLR.replace("\"versionId\":2", "\"versionId\":\"3\"")) + "]";

    List<Parsed<FlareEvent>> items = parse(json);

    assertThat(items).hasSize(7);
    assertThat(items.get(0).value().isMajor()).isTrue();
    assertThat(items.get(1).error()).contains("flrID: expected a string, got number 7", "donki#1");
    assertThat(items.get(2).error()).contains("beginTime is required");
    assertThat(items.get(3).error()).contains("activeRegionNum: expected an integer, got string \"AR13664\"");
    assertThat(items.get(4).error()).contains("classType \"big\" is not a GOES class");
    assertThat(items.get(5).error()).contains("linkedEvents: expected an array");
    assertThat(items.get(6).value().versionId()).isEqualTo(3);
  }

  @Test
  void shouldTreatBrokenPayloadsAsOneBadItem() {
    assertThat(parse("[" + FLR.substring(0, 40))).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("malformed"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
    assertThat(parse("{\"error\":{\"code\":\"API_KEY_INVALID\"}}")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("expected a JSON array", "API_KEY_INVALID"));
  }
}
