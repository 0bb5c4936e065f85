package io.alignstream.ingest.solar;

import static io.alignstream.ingest.solar.SolarFixtures.assertWellFormed;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.ingest.sample.Parsed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwanSfParserTest {
  private static final String SMALL = """
      Timestamp\tUSFLUX\tR_VALUE\tTOTBSQ
      2011-01-01 00:00:00\t1.0e21\t2.5\t7
      2011-01-01 00:12:00\t1.1e21\t2.6\t7
      """;
  private final SwanSfParser parser = new SwanSfParser();

  private List<Parsed<SwanSfSeries>> parse(String content, String ref) {
    List<Parsed<SwanSfSeries>> items = parser.parse(content, ref);
    assertWellFormed(items);
    return items;
  }

  @Test
  void shouldReadOneLabelledSeriesOfSixtyRowsFromAPartitionFile() {
    List<Parsed<SwanSfSeries>> items = parse(SolarFixtures.swanResource(), SolarFixtures.SWAN_REF);

    assertThat(items).singleElement().satisfies(item -> assertThat(item.isOk()).isTrue());
    SwanSfSeries series = items.get(0).value();
    assertThat(series.harpnum()).isEqualTo(115);
    assertThat(series.label()).isTrue();
    assertThat(series.flareClass()).isEqualTo("M1.0");
    assertThat(series.start()).isEqualTo(Instant.parse("2010-07-16T12:48:00Z"));
    assertThat(series.end()).isEqualTo(Instant.parse("2010-07-17T00:36:00Z"));
    assertThat(series.rows()).hasSize(60);
    assertThat(series.rows().get(0).tRec()).isEqualTo(series.start());
    assertThat(series.last().tRec()).isEqualTo(series.end());
    assertThat(Duration.between(series.rows().get(0).tRec(), series.rows().get(1).tRec())).hasMinutes(12);
    assertThat(series.rows()).allMatch(r -> r.harpnum() == 115);
    assertThat(series.rows().get(0).keyword("TOTUSJH")).isEqualTo(270.9);
    assertThat(series.rows().get(10).keyword("MEANALP")).as("NaN in the file").isNaN();
    assertThat(series.rows().get(20).keyword("SHRGT45")).as("empty cell").isNaN();
    assertThat(series.last().keyword("AREA_ACR")).as("column absent").isNaN();
    assertThat(series.lastFeatures()).hasSize(SharpKeywords.NAMES.size())
        .containsExactly(series.last().features());
    assertThat(series.matrix()).hasDimensions(60, SharpKeywords.NAMES.size());
  }

  @ParameterizedTest
  @CsvSource({
      "Partition1/FL/M1.0@265:Primary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv, true, M1.0",
      "Partition1/NF/M1.0@265:Primary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv, false, M1.0",
      "X2.1@10:Primary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv, true, X2.1",
      "C4.5@7:Secondary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv, false, C4.5",
      "B1.0@9_Primary_ar115_s2010-07-16T12_48_00_e2010-07-17T00_36_00.csv, false, B1.0",
      "FQ_ar115_s2010-07-16T124800_e2010-07-17T003600.csv, false, FQ",
      "fq@3_ar115_s2010-07-16T12-48-00_e2010-07-17T00-36-00.csv, false, FQ",
      "FL_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv, true, ",
      "C:\\swan\\partition2\\NF\\NF_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv, false, ",
      "p3/fl/M_ar115_s2010-07-16T12:48_e2010-07-17T00:36.csv, true, M",
  })
  void shouldTakeLabelFromFolderFirstThenClassPrefix(String path, boolean label, String flareClass) {
    SwanSfFileName name = SwanSfFileName.parse(path).orElseThrow();

    assertThat(name.harpnum()).isEqualTo(115);
    assertThat(name.start()).isEqualTo(Instant.parse("2010-07-16T12:48:00Z"));
    assertThat(name.end()).isEqualTo(Instant.parse("2010-07-17T00:36:00Z"));
    assertThat(name.label()).isEqualTo(label);
    assertThat(name.flareClass()).isEqualTo(flareClass);
  }

  @Test
  void shouldReportBadRowsPerLineAndStillEmitTheSeries() {
    String content = SMALL + "soon\t1.2e21\t2.7\t7\n2011-01-01 00:36:00\t1.3e21\n\t\t\t\n";

    List<Parsed<SwanSfSeries>> items = parse(content, "FL/FL_ar9_s2011-01-01T000000_e2011-01-01T003600.csv");

    assertThat(items).hasSize(4);
    assertThat(items.get(0).value().rows()).hasSize(2);
    assertThat(items.get(1).error()).contains("Timestamp", "\"soon\"");
    assertThat(items.get(1).sourceRef()).endsWith(".csv:4");
    assertThat(items.get(2).error()).contains("2 fields", "header has 4");
    assertThat(items.get(3).error()).contains("Timestamp is missing");
  }

  @Test
  void shouldAcceptCommaSeparatedFiles() {
    List<Parsed<SwanSfSeries>> items = parse(SMALL.replace('\t', ','),
        "NF_ar9_s2011-01-01T00:00:00_e2011-01-01T00:12:00.csv");

    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.value().label()).isFalse();
      assertThat(item.value().last().keyword("R_VALUE")).isEqualTo(2.6);
    });
  }

  @Test
  void shouldTreatAnUnreadableFileAsOneBadItem() {
    String good = "FL_ar9_s2011-01-01T00:00:00_e2011-01-01T00:12:00.csv";
    assertThat(parse(SMALL, "notes.csv")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("does not follow", "notes.csv"));
    assertThat(parse(SMALL, "Q9_ar9_s2011-01-01T00:00:00_e2011-01-01T00:12:00.csv")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("cannot tell the label"));
    assertThat(parse(SMALL, "FL_ar9_s2011-13-01T00:00:00_e2011-01-01T00:12:00.csv")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("start time"));
    assertThat(parse(SMALL, "FL_ar9_s2011-01-02T00:00:00_e2011-01-01T00:12:00.csv")).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("ends before it starts"));
    assertThat(parse("USFLUX\tR_VALUE\n1\t2\n", good)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("no header row naming Timestamp"));
    assertThat(parse(SolarFixtures.HTML_ERROR, good)).singleElement()
        .satisfies(item -> assertThat(item.error()).contains("HTTP error page"));
    assertThat(parse("", good)).singleElement().satisfies(item -> assertThat(item.error()).contains("empty"));
  }

  @Test
  void shouldReportTheFileAndEveryRowWhenNoRowIsReadable() {
    List<Parsed<SwanSfSeries>> items = parse("Timestamp\tUSFLUX\nlater\t1\nnever\t2\n",
        "FL_ar9_s2011-01-01T00:00:00_e2011-01-01T00:12:00.csv");

    assertThat(items).hasSize(3).noneMatch(Parsed::isOk);
    assertThat(items.get(0).error()).contains("no readable rows");
  }
}
