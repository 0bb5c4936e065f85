package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwpcRegionsParserTest {
  private static final String MINIMAL = "{\"observed_date\":\"2024-05-13\",\"region\":3664}";
  private final SwpcRegionsParser parser = new SwpcRegionsParser();

  private List<Parsed<SolarRegion>> parse(String json) {
    List<Parsed<SolarRegion>> items = parser.parse(json, "regions");
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadTheFixtureRegion() {
    List<Parsed<SolarRegion>> items = parse(fixture("swpc-solar-regions.sample.json"));

    assertThat(items).singleElement().satisfies(item -> assertThat(item.isOk()).isTrue());
    SolarRegion region = items.get(0).value();
    assertThat(region.region()).isEqualTo(3664);
    assertThat(region.noaaNumber()).isEqualTo(13664);
    assertThat(region.observedDate()).isEqualTo(LocalDate.of(2024, 5, 13));
    assertThat(region.key()).isEqualTo("3664@2024-05-13");
    assertThat(region.location()).isEqualTo("S19W87");
    assertThat(region.latitude()).isEqualTo(-19);
    assertThat(region.longitude()).isEqualTo(-87);
    assertThat(region.area()).isEqualTo(1170);
    assertThat(region.spotClass()).isEqualTo("Fkc");
    assertThat(region.magClass()).isEqualTo("BGD");
    assertThat(region.numberSpots()).isEqualTo(15);
    assertThat(region.cXrayEvents()).isZero();
    assertThat(region.mXrayEvents()).isEqualTo(5);
    assertThat(region.xXrayEvents()).isZero();
    assertThat(region.protonEvents()).isNull();
    assertThat(region.mFlareProbability()).isEqualTo(75);
    assertThat(region.xFlareProbability()).isEqualTo(40);
    assertThat(region.firstDate()).isEqualTo(Instant.parse("2024-05-01T16:42:56Z"));
  }

  @Test
  void shouldLeaveAbsentFieldsNull() {
    SolarRegion region = parse("[" + MINIMAL + "]").get(0).value();

    assertThat(region.area()).isNull();
    assertThat(region.magClass()).isNull();
    assertThat(region.firstDate()).isNull();
  }

  @Test
  void shouldRejectWrongTypesAndMissingIdentityAndKeepTheOthers() {
    String json = "[" + String.join(",",
        MINIMAL,
        MINIMAL.replace("}", ",\"area\":\"big\"}"),
        MINIMAL.replace("}", ",\"mag_class\":5}"),
        MINIMAL.replace(",\"region\":3664", ""),
        MINIMAL.replace("2024-05-13", "13/05/2024"),
        MINIMAL.replace("}", ",\"m_xray_events\":{}}"),
        MINIMAL.replace("}", ",\"area\":\"1170\"}")) + "]";

    List<Parsed<SolarRegion>> items = parse(json);

    assertThat(items).hasSize(7);
    assertThat(items.get(0).isOk()).isTrue();
    assertThat(items.get(1).error()).contains("area: expected an integer, got string \"big\"", "regions#1");
    assertThat(items.get(2).error()).contains("mag_class: expected a string, got number 5");
    assertThat(items.get(3).error()).contains("region is required but is missing");
    assertThat(items.get(4).error()).contains("observed_date \"13/05/2024\" is not a date");
    assertThat(items.get(5).error()).contains("m_xray_events: expected an integer, got object");
    assertThat(items.get(6).value().area()).isEqualTo(1170);
  }

  @Test
  void shouldTreatBrokenPayloadsAsOneBadItem() {
    assertThat(parse("[" + MINIMAL + ",")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("malformed"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
  }
}
