package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsocCsvParserTest {
  private final JsocCsvParser parser = new JsocCsvParser();

  private List<Parsed<SharpRecord>> parse(String csv) {
    List<Parsed<SharpRecord>> items = parser.parse(csv, "export.csv");
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadTheFixtureExportedAsCsvLikeTheJsonResponse() throws Exception {
    String json = fixture("jsoc-rs_list.sample.json");
    JsonNode columns = new ObjectMapper().readTree(json).get("keywords");
    List<String> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    columns.forEach(c -> header.add(c.get("name").asText()));
    lines.add(String.join(",", header));
    for (int j = 0; j < columns.get(0).get("values").size(); j++) {
      List<String> cells = new ArrayList<>();
      for (JsonNode c : columns) {
        cells.add('"' + c.get("values").get(j).asText() + '"');
      }
      lines.add(String.join(",", cells));
    }

    List<SharpRecord> fromCsv = SolarFixtures.values(parse(String.join("\n", lines)));

    assertThat(fromCsv).isEqualTo(SolarFixtures.values(new JsocRsListParser().parse(json, "jsoc")));
  }

  @Test
  void shouldReadQuotedCommaListsAndMissingValues() {
    String csv = """
        T_REC,HARPNUM,NOAA_AR,NOAA_NUM,NOAA_ARS,USFLUX,R_VALUE
        "2010.05.01_00:00:00_TAI",284,11133,2,"11133,11134",6.51e+21,MISSING
        """;

    SharpRecord record = parse(csv).get(0).value();

    assertThat(record.tRec()).isEqualTo(Instant.parse("2010-04-30T23:59:23Z"));
    assertThat(record.noaaArs()).containsExactly(11133, 11134);
    assertThat(record.multiAr()).isTrue();
    assertThat(record.keyword("USFLUX")).isEqualTo(6.51e21);
    assertThat(record.keyword("R_VALUE")).isNaN();
  }

  @Test
  void shouldReadTabSeparatedWithCrlfLineEndings() {
    String csv = "t_rec\tharpnum\tusflux\r\n2010-05-01T00:12:00Z\t1\t1.5e21\r\n";

    List<Parsed<SharpRecord>> items = parse(csv);

    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.value().tRec()).isEqualTo(Instant.parse("2010-05-01T00:12:00Z"));
      assertThat(item.value().keyword("USFLUX")).isEqualTo(1.5e21);
      assertThat(item.sourceRef()).isEqualTo("export.csv:2");
    });
  }

  @Test
  void shouldRejectRaggedAndBrokenRowsByLineAndKeepTheOthers() {
    String csv = """
        T_REC,HARPNUM,USFLUX
        2010.05.01_00:00:00_TAI,1,1e21
        2010.05.01_00:12:00_TAI,1

        not-a-time,1,1e21
        2010.05.01_00:36:00_TAI,x,1e21
        2010.05.01_00:48:00_TAI,1,"2e21
        """;

    List<Parsed<SharpRecord>> items = parse(csv);

    assertThat(items).hasSize(5);
    assertThat(items.get(0).isOk()).isTrue();
    assertThat(items.get(1).error()).contains("2 fields", "header has 3", "export.csv:3");
    assertThat(items.get(1).raw()).isEqualTo("2010.05.01_00:12:00_TAI,1");
    assertThat(items.get(2).error()).contains("T_REC", "\"not-a-time\"", "export.csv:5");
    assertThat(items.get(3).error()).contains("HARPNUM", "\"x\"");
    assertThat(items.get(4).error()).contains("unterminated quoted field", "line 7");
  }

  @Test
  void shouldTreatMissingHeaderOrErrorBodyAsOneBadItem() {
    assertThat(parse("2010.05.01_00:00:00_TAI,1,1e21\n")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("not a header naming T_REC and HARPNUM"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
    assertThat(parse("  \n")).singleElement().satisfies(item -> assertThat(item.error()).contains("empty payload"));
    assertThat(parse("\"T_REC,HARPNUM\n")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("not a header"));
  }

  @Test
  void shouldTreatHeaderOnlyAsNoItems() {
    assertThat(parse("T_REC,HARPNUM,USFLUX\n")).isEmpty();
  }
}
