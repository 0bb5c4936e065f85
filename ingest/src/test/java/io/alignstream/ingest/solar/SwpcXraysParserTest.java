package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwpcXraysParserTest {
  private static final String ROW = "{\"time_tag\":\"2026-08-07T01:25:00Z\",\"satellite\":18,\"flux\":%s,"
      + "\"electron_contaminaton\":false,\"energy\":\"0.1-0.8nm\"}";
  private final SwpcXraysParser parser = new SwpcXraysParser();

  private List<Parsed<XrayFlux>> parse(String json) {
    List<Parsed<XrayFlux>> items = parser.parse(json, "xrays");
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadBothChannelsOfTheFixtureIncludingGapsAndContamination() {
    List<Parsed<XrayFlux>> items = parse(fixture("swpc-xrays-7-day.sample.json"));

    assertThat(items).hasSize(4).allMatch(Parsed::isOk);
    XrayFlux first = items.get(0).value();
    assertThat(first).isEqualTo(new XrayFlux(Instant.parse("2026-08-07T01:25:00Z"), 18, "0.1-0.8nm",
        2.578931912466942e-7, false));
    assertThat(first.isLongChannel()).isTrue();
    assertThat(first.flareClass()).isEqualTo("B2.5");
    assertThat(items.get(1).value().isLongChannel()).isFalse();
    assertThat(items.get(1).value().flareClass()).as("short channel defines no class").isNull();
    XrayFlux gap = items.get(3).value();
    assertThat(gap.hasFlux()).isFalse();
    assertThat(gap.electronContamination()).isTrue();
    assertThat(gap.flareClass()).isNull();
  }

  @Test
  void shouldAcceptTheCorrectSpellingOfElectronContamination() {
    String json = "[" + ROW.formatted("1e-6").replace("\"electron_contaminaton\":false",
        "\"electron_contamination\":true") + "]";

    assertThat(parse(json).get(0).value().electronContamination()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"abc\"       | flux: expected a number, got string \"abc\"",
      "true          | flux: expected a number, got boolean true",
      "[1]           | flux: expected a number, got array",
  })
  void shouldRejectAFluxOfTheWrongTypeAndKeepTheOtherRows(String flux, String reason) {
    String json = "[" + ROW.formatted("1e-6") + "," + ROW.formatted(flux) + "," + ROW.formatted("2e-6") + "]";

    List<Parsed<XrayFlux>> items = parse(json);

    assertThat(items).hasSize(3);
    assertThat(items.get(1).error()).startsWith(reason).endsWith("(at xrays#1)");
    assertThat(items.get(1).raw()).contains("time_tag");
    assertThat(SolarFixtures.values(items)).extracting(XrayFlux::flux).containsExactly(1e-6, 2e-6);
  }

  @Test
  void shouldAcceptANumericStringWhereANumberIsExpected() {
    assertThat(parse("[" + ROW.formatted("\"2.5e-7\"") + "]").get(0).value().flux()).isEqualTo(2.5e-7);
    assertThat(parse("[" + ROW.formatted("1e-6").replace("18", "\"18\"") + "]").get(0).value().satellite())
        .isEqualTo(18);
  }

  @Test
  void shouldRejectRowsWithoutTimeSatelliteOrEnergy() {
    String json = "[" + String.join(",",
        ROW.formatted("1e-6").replace("\"2026-08-07T01:25:00Z\"", "12345"),
        ROW.formatted("1e-6").replace("\"2026-08-07T01:25:00Z\"", "\"Unk\""),
        ROW.formatted("1e-6").replace("18", "null"),
        ROW.formatted("1e-6").replace("18", "18.5"),
        ROW.formatted("1e-6").replace("\"0.1-0.8nm\"", "null"),
        ROW.formatted("1e-6").replace("false", "\"maybe\""),
        "42") + "]";

    List<Parsed<XrayFlux>> items = parse(json);

    assertThat(items).hasSize(7).noneMatch(Parsed::isOk);
    assertThat(items.get(0).error()).contains("time_tag: expected a string, got number 12345");
    assertThat(items.get(1).error()).contains("time_tag is required but is string \"Unk\"");
    assertThat(items.get(2).error()).contains("satellite is required but is null");
    assertThat(items.get(3).error()).contains("satellite: expected an integer, got number 18.5");
    assertThat(items.get(4).error()).contains("energy is required");
    assertThat(items.get(5).error()).contains("electron_contaminaton: expected a boolean");
    assertThat(items.get(6).error()).contains("number 42", "expected an object");
  }

  @Test
  void shouldTreatBrokenPayloadsAsOneBadItem() {
    String fixture = fixture("swpc-xrays-7-day.sample.json");
    assertThat(parse(fixture.substring(0, fixture.length() - 10))).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("malformed JSON"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
    assertThat(parse("{\"status\":404,\"message\":\"Not Found\"}")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("expected a JSON array", "Not Found"));
    assertThat(parse("[]")).isEmpty();
  }
}
