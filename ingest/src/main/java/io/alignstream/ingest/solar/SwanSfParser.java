package io.alignstream.ingest.solar;

import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses one SWAN-SF partition file into one labelled {@link SwanSfSeries}.
 *
 * <p>{@code sourceRef} must be the file's path: the HARP, window and label come from its name and
 * folder (see {@link SwanSfFileName}). The content is tab-separated despite the {@code .csv} name
 * (commas are accepted too), with a header row naming {@code Timestamp} and the SHARP keywords among
 * other columns; a keyword column the file lacks reads as missing ({@code NaN}).
 *
 * <p>Output: first the series (ok, with the readable rows) or one bad item for the file when its name,
 * header or every row is unreadable; then one bad item per unreadable row ({@code sourceRef:line}).
 */
public final class SwanSfParser implements SolarParser<SwanSfSeries> {

  @Override
  public List<Parsed<SwanSfSeries>> parse(String content, String sourceRef) {
    SwanSfFileName name;
    try {
      name = SwanSfFileName.read(sourceRef);
      JsonPayload.checkNotEmptyOrHtml(content);
    } catch (BadInputException e) {
      return List.of(Reasons.bad(e.getMessage(), sourceRef, content));
    }
    List<DelimitedText.Row> rows = DelimitedText.rows(content, DelimitedText.separatorOf(content));
    DelimitedText.Row header = rows.isEmpty() ? null : rows.get(0);
    if (header == null || header.error() != null
        || !header.cells().stream().map(SharpKeywords::key).toList().contains("TIMESTAMP")) {
      return List.of(Reasons.bad("no header row naming Timestamp", sourceRef, content));
    }
    List<String> names = header.cells().stream().map(SharpKeywords::key).toList();
    List<SharpRecord> good = new ArrayList<>();
    List<Parsed<SwanSfSeries>> badRows = new ArrayList<>();
    for (DelimitedText.Row row : rows.subList(1, rows.size())) {
      String ref = sourceRef + ":" + row.line();
      try {
        good.add(record(names, row, name.harpnum()));
      } catch (BadInputException e) {
        badRows.add(Reasons.bad(e.getMessage(), ref, row.raw()));
      }
    }
    List<Parsed<SwanSfSeries>> out = new ArrayList<>(badRows.size() + 1);
    if (good.isEmpty()) {
      out.add(Reasons.bad("no readable rows in the file", sourceRef, null));
    } else {
      out.add(Parsed.ok(new SwanSfSeries(name.harpnum(), name.start(), name.end(), name.label(), name.flareClass(),
          good), sourceRef));
    }
    out.addAll(badRows);
    return out;
  }

  private static SharpRecord record(List<String> names, DelimitedText.Row row, int harpnum)
      throws BadInputException {
    Map<String, String> fields = JsocCsvParser.fields(names, row);
    String stamp = fields.get("TIMESTAMP");
    if (SharpRows.isMissing(stamp)) {
      throw new BadInputException("Timestamp is missing");
    }
    // SWAN-SF writes its times without a scale; they are taken as UTC, like the file names.
    Instant time = SharpTime.parseUtc(stamp).orElseThrow(() -> new BadInputException(
        "Timestamp " + Reasons.quote(stamp) + " is not a time like 2010-07-16 12:48:00"));
    return SharpRows.read(fields, harpnum, time);
  }
}
