package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static io.alignstream.ingest.solar.SolarFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsocRsListParserTest {
  private final JsocRsListParser parser = new JsocRsListParser();

  private List<Parsed<SharpRecord>> parse(String json) {
    List<Parsed<SharpRecord>> items = parser.parse(json, "jsoc");
    assertWellFormed(items);
    return items;
  }

  private static String twoRows(String tRec2, String harp2) {
    return """
        {"keywords":[{"name":"T_REC","values":["2010.05.01_00:00:00_TAI",%s]},
         {"name":"HARPNUM","values":["1",%s]},
         {"name":"USFLUX","values":["6.5e+21","6.4e+21"]}],"count":2,"status":0}
        """.formatted(tRec2, harp2);
  }

  @Test
  void shouldReadFixtureRecordsWithUtcTimesAndMissingAsNaN() {
    List<Parsed<SharpRecord>> items = parse(fixture("jsoc-rs_list.sample.json"));

    assertThat(items).hasSize(2).allMatch(Parsed::isOk);
    assertThat(items).extracting(Parsed::sourceRef).containsExactly("jsoc#0", "jsoc#1");
    SharpRecord first = items.get(0).value();
    assertThat(first.harpnum()).isEqualTo(1);
    assertThat(first.tRec()).isEqualTo(Instant.parse("2010-04-30T23:59:23Z"));
    assertThat(first.noaaArs()).containsExactly(11067);
    assertThat(first.noaaNum()).isEqualTo(1);
    assertThat(first.noaaAr()).isNull();
    assertThat(first.regions()).containsExactly(11067);
    assertThat(first.multiAr()).isFalse();
    assertThat(first.keywords().keySet()).containsExactlyElementsOf(SharpKeywords.NAMES);
    assertThat(first.keyword("USFLUX")).isEqualTo(6.510776e21);
    assertThat(first.keyword("MEANGAM")).isEqualTo(28.3);
    assertThat(first.keyword("TOTUSJH")).isEqualTo(270.9);
    assertThat(first.keyword("R_VALUE")).isEqualTo(3.343);
    assertThat(first.keyword("AREA_ACR")).as("keyword not requested").isNaN();
    SharpRecord second = items.get(1).value();
    assertThat(second.tRec()).isEqualTo(Instant.parse("2010-05-01T00:11:23Z"));
    assertThat(second.keyword("TOTUSJH")).as("MISSING").isNaN();
  }

  @Test
  void shouldReadTheSameFromAnInputStream() {
    String json = fixture("jsoc-rs_list.sample.json");
    var items = parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "jsoc");
    assertThat(items).isEqualTo(parser.parse(json, "jsoc"));
  }

  @Test
  void shouldTreatStatusNonZeroAsOneBadItem() {
    String json = "{\"status\":1,\"error\":\"Can not open series 'hmi.sharp_nosuch'\"}";

    List<Parsed<SharpRecord>> items = parse(json);

    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.isOk()).isFalse();
      assertThat(item.error()).contains("status", "\"1\"", "Can not open series");
      assertThat(item.sourceRef()).isEqualTo("jsoc");
      assertThat(item.raw()).isEqualTo(json);
    });
  }

  @Test
  void shouldTreatEmptyResultAsNoItems() {
    assertThat(parse("{\"count\":0,\"status\":0}")).isEmpty();
    assertThat(parse("{\"keywords\":[],\"count\":0,\"status\":0}")).isEmpty();
    assertThat(parse("{\"keywords\":[{\"name\":\"T_REC\",\"values\":[]},{\"name\":\"HARPNUM\",\"values\":[]}],"
        + "\"count\":0,\"status\":0}")).isEmpty();
  }

  @Test
  void shouldTreatMismatchedColumnLengthsAsOneBadItem() {
    String json = """
        {"keywords":[{"name":"T_REC","values":["2010.05.01_00:00:00_TAI","2010.05.01_00:12:00_TAI"]},
         {"name":"HARPNUM","values":["1"]}],"count":2,"status":0}""";

    assertThat(parse(json)).singleElement().satisfies(item -> assertThat(item.error())
        .contains("different lengths", "T_REC=2", "HARPNUM=1"));
  }

  @Test
  void shouldTreatCountDisagreeingWithColumnsAsOneBadItem() {
    String json = twoRows("\"2010.05.01_00:12:00_TAI\"", "\"1\"").replace("\"count\":2", "\"count\":3");

    assertThat(parse(json)).singleElement().satisfies(item -> assertThat(item.error()).contains("count is 3"));
  }

  @Test
  void shouldRejectRowWithUnparseableTRecAndKeepTheOthers() {
    List<Parsed<SharpRecord>> items = parse(twoRows("\"yesterday\"", "\"1\""));

    assertThat(items).hasSize(2);
    assertThat(items.get(0).isOk()).isTrue();
    assertThat(items.get(1).error()).contains("T_REC", "\"yesterday\"", "jsoc#1");
    assertThat(items.get(1).raw()).contains("yesterday", "6.4e+21");
  }

  @Test
  void shouldRejectRowWithUnparseableOrMissingHarpnum() {
    assertThat(parse(twoRows("\"2010.05.01_00:12:00_TAI\"", "\"abc\"")).get(1).error())
        .contains("HARPNUM", "\"abc\"");
    assertThat(parse(twoRows("\"2010.05.01_00:12:00_TAI\"", "\"MISSING\"")).get(1).error())
        .contains("HARPNUM is missing");
    assertThat(parse(twoRows("\"MISSING\"", "\"1\"")).get(1).error()).contains("T_REC is missing");
  }

  @Test
  void shouldAcceptNumbersAndNullsWhereJsocSendsStrings() {
    List<Parsed<SharpRecord>> items = parse(twoRows("\"2010.05.01_00:12:00_TAI\"", "2")
        .replace("\"6.4e+21\"", "null"));

    assertThat(items).allMatch(Parsed::isOk);
    assertThat(items.get(1).value().harpnum()).isEqualTo(2);
    assertThat(items.get(1).value().keyword("USFLUX")).isNaN();
  }

  @Test
  void shouldRejectARowWhoseValueIsAnObject() {
    List<Parsed<SharpRecord>> items = parse(twoRows("{\"t\":1}", "\"1\""));

    assertThat(items.get(0).isOk()).isTrue();
    assertThat(items.get(1).error()).contains("T_REC", "object");
  }

  @Test
  void shouldReadUnparseableKeywordsAsNaNAndOptionalIdentityAsNull() {
    String json = """
        {"keywords":[{"name":"T_REC","values":["2010.05.01_00:00:00_TAI"]},{"name":"HARPNUM","values":["7"]},
         {"name":"NOAA_AR","values":["0"]},{"name":"NOAA_NUM","values":["two"]},
         {"name":"NOAA_ARS","values":["MISSING"]},
         {"name":"USFLUX","values":["NaN"]},{"name":"MEANGAM","values":[""]},{"name":"R_VALUE","values":["high"]}],
         "count":1,"status":0}""";

    SharpRecord record = parse(json).get(0).value();

    assertThat(record.noaaAr()).isNull();
    assertThat(record.noaaNum()).isNull();
    assertThat(record.noaaArs()).isEmpty();
    assertThat(record.keyword("USFLUX")).isNaN();
    assertThat(record.keyword("MEANGAM")).isNaN();
    assertThat(record.keyword("R_VALUE")).isNaN();
  }

  @Test
  void shouldFlagMultiArPatches() {
    String json = """
        {"keywords":[{"name":"T_REC","values":["2010.05.01_00:00:00_TAI","2010.05.01_00:00:00_TAI"]},
         {"name":"HARPNUM","values":["284","285"]},{"name":"NOAA_AR","values":["11133","11140"]},
         {"name":"NOAA_NUM","values":["2","1"]},{"name":"NOAA_ARS","values":["11133,11134","11140"]}],
         "count":2,"status":0}""";

    List<SharpRecord> records = SolarFixtures.values(parse(json));

    assertThat(records.get(0).multiAr()).isTrue();
    assertThat(records.get(0).regions()).containsExactly(11133, 11134);
    assertThat(records.get(1).multiAr()).isFalse();
  }

  @Test
  void shouldTreatBrokenPayloadsAsOneBadItem() {
    String fixture = fixture("jsoc-rs_list.sample.json");
    assertThat(parse(fixture.substring(0, fixture.length() / 2))).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("malformed JSON"));
    assertThat(parse(SolarFixtures.HTML_ERROR)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page", "503 Service Unavailable"));
    assertThat(parse("")).singleElement().satisfies(item -> assertThat(item.error()).contains("empty payload"));
    assertThat(parse(null)).singleElement().satisfies(item -> assertThat(item.error()).contains("empty payload"));
    assertThat(parse("[1,2]")).singleElement().satisfies(item -> assertThat(item.error()).contains("JSON object"));
    assertThat(parse("{\"keywords\":[]}")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("status"));
    assertThat(parse("{\"keywords\":\"T_REC\",\"status\":0}")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("keywords"));
    assertThat(parse("{\"keywords\":[{\"name\":\"USFLUX\",\"values\":[\"1\"]}],\"status\":0}")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("no T_REC column"));
    assertThat(parse(fixture + "{}")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("malformed JSON"));
  }
}
