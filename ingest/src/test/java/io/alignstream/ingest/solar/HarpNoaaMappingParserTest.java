package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarpNoaaMappingParserTest {
  private final HarpNoaaMappingParser parser = new HarpNoaaMappingParser();

  private List<Parsed<HarpNoaaMapping>> parse(String content) {
    List<Parsed<HarpNoaaMapping>> items = parser.parse(content, "harps.txt");
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadTheFixtureAndFlagMultiArHarps() {
    List<Parsed<HarpNoaaMapping>> items = parse(fixture("harpnum_to_noaa.sample.txt"));

    assertThat(SolarFixtures.values(items)).containsExactly(new HarpNoaaMapping(1, List.of(11067)),
        new HarpNoaaMapping(284, List.of(11133, 11134)), new HarpNoaaMapping(377, List.of(11158)));
    assertThat(items).extracting(Parsed::sourceRef).containsExactly("harps.txt:2", "harps.txt:3", "harps.txt:4");
    assertThat(items.get(1).value().multiAr()).isTrue();
    assertThat(items.get(0).value().multiAr()).isFalse();
  }

  @Test
  void shouldRejectBrokenLinesAndKeepTheOthers() {
    String content = "HARPNUM NOAA_ARS\n1 11067\nabc 11068\n2\n3 11070,x\n4 11071 extra\n5 MISSING\n\t6\t11072,\r\n";

    List<Parsed<HarpNoaaMapping>> items = parse(content);

    assertThat(items).hasSize(7);
    assertThat(items.get(0).value().harpnum()).isEqualTo(1);
    assertThat(items.get(1).error()).contains("HARPNUM", "\"abc\"", "harps.txt:3");
    assertThat(items.get(2).error()).contains("2 fields", "got 1");
    assertThat(items.get(3).error()).contains("NOAA_ARS", "\"x\"");
    assertThat(items.get(4).error()).contains("got 3");
    assertThat(items.get(5).error()).contains("\"MISSING\"");
    assertThat(items.get(6).value()).isEqualTo(new HarpNoaaMapping(6, List.of(11072)));
  }

  @Test
  void shouldTreatHeaderOnlyAsEmptyAndErrorBodiesAsOneBadItem() {
    assertThat(parse("HARPNUM NOAA_ARS\n")).isEmpty();
    assertThat(parse("")).singleElement().satisfies(item -> assertThat(item.error()).contains("empty payload"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
  }
}
