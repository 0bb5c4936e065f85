package io.alignstream.ingest.solar;

import io.alignstream.ingest.sample.Parsed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSOC's CSV export of SHARP keywords into {@link SharpRecord}s: a header row of keyword names
 * (must include T_REC and HARPNUM), then one record per row, comma- or tab-separated (detected from
 * the header), quoted fields allowed. Row items are {@code sourceRef:line}. A row with a different
 * number of fields than the header, an unterminated quote, or an unreadable T_REC or HARPNUM is one
 * bad item; a missing header is one bad item for the payload.
 */
public final class JsocCsvParser implements SolarParser<SharpRecord> {

  @Override
  public List<Parsed<SharpRecord>> parse(String content, String sourceRef) {
    try {
      JsonPayload.checkNotEmptyOrHtml(content);
    } catch (BadInputException e) {
      return List.of(Reasons.bad(e.getMessage(), sourceRef, content));
    }
    List<DelimitedText.Row> rows = DelimitedText.rows(content, DelimitedText.separatorOf(content));
    if (rows.isEmpty()) {
      return List.of(Reasons.bad("no header row", sourceRef, content));
    }
    DelimitedText.Row header = rows.get(0);
    if (header.error() != null || !header.cells().stream().map(SharpKeywords::key).toList().containsAll(
        List.of("T_REC", "HARPNUM"))) {
      return List.of(Reasons.bad("first row " + Reasons.quote(header.raw())
          + " is not a header naming T_REC and HARPNUM", sourceRef + ":" + header.line(), content));
    }
    List<String> names = header.cells().stream().map(SharpKeywords::key).toList();
    List<Parsed<SharpRecord>> out = new ArrayList<>(rows.size() - 1);
    for (DelimitedText.Row row : rows.subList(1, rows.size())) {
      out.add(record(names, row, sourceRef + ":" + row.line()));
    }
    return out;
  }

  static Parsed<SharpRecord> record(List<String> names, DelimitedText.Row row, String ref) {
    try {
      return Parsed.ok(SharpRows.read(fields(names, row)), ref);
    } catch (BadInputException e) {
      return Reasons.bad(e.getMessage(), ref, row.raw());
    }
  }

  /** The row's values keyed by header name; a broken or ragged row is rejected. */
  static Map<String, String> fields(List<String> names, DelimitedText.Row row) throws BadInputException {
    if (row.error() != null) {
      throw new BadInputException(row.error());
    }
    if (row.cells().size() != names.size()) {
      throw new BadInputException("row has " + row.cells().size() + " fields but the header has " + names.size());
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      fields.put(names.get(i), row.cells().get(i));
    }
    return fields;
  }
}
