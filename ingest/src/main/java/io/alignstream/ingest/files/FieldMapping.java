package io.alignstream.ingest.files;

import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.sample.Sample;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one flat record (a CSV row, a JSON-lines object without a payload) into a sample by the
 * {@code --field payloadField=column} mapping. Unmapped fields default to the column of the same
 * name. Payload type by task family: mt → TextPair(src, tgt), lm → Text(text), solar and others →
 * Features(feature columns, label).
 */
public final class FieldMapping {
  private FieldMapping() {}

  public static Parsed<Sample> toSample(Map<String, String> row, ImportOptions o, String source, String sourceRef) {
    List<String> errors = new ArrayList<>();
    Object payload = switch (o.family()) {
      case "mt" -> new TextPair(required(row, o, "src", errors), required(row, o, "tgt", errors),
          lang(o.srcLang(), "en"), lang(o.tgtLang(), o.task().contains("-") ? o.task().substring(o.task().lastIndexOf('-') + 1) : "und"));
      case "lm" -> new Text(required(row, o, "text", errors));
      case "stem" -> {
        errors.add("stem samples are images: use --format png|tiff with --labels");
        yield null;
      }
      default -> features(row, o, errors);
    };
    Instant eventTime = Instant.now();
    String timeColumn = o.fields().getOrDefault("eventTime", "eventTime");
    if (row.get(timeColumn) != null && !row.get(timeColumn).isBlank()) {
      try {
        eventTime = Instant.parse(row.get(timeColumn).trim());
      } catch (DateTimeParseException e) {
        errors.add("eventTime: column '" + timeColumn + "' is not ISO-8601: " + row.get(timeColumn));
      }
    }
    if (!errors.isEmpty()) {
      return Parsed.bad(String.join("; ", errors), sourceRef, row.toString());
    }
    String domain = o.domain() != null ? o.domain() : row.get(o.fields().getOrDefault("domain", "domain"));
    return Parsed.ok(Samples.of(o.task(), o.role(), source, domain, payload, eventTime, Map.of("ref", sourceRef)),
        sourceRef);
  }

  private static Features features(Map<String, String> row, ImportOptions o, List<String> errors) {
    String labelColumn = o.fields().getOrDefault("label", "label");
    List<String> columns = o.features().isEmpty()
        ? row.keySet().stream().filter(c -> !c.equals(labelColumn) && isNumber(row.get(c))).toList()
        : o.features();
    Map<String, Double> values = new LinkedHashMap<>();
    for (String c : columns) {
      if (!row.containsKey(c)) {
        errors.add("column '" + c + "' is missing");
      } else {
        // An empty cell or a JSON null is a missing value (NaN), not a missing column.
        String v = row.get(c);
        values.put(c, parse(v == null ? "" : v, c, errors));
      }
    }
    Double label = null;
    String l = row.get(labelColumn);
    if (l != null && !l.isBlank()) {
      label = parse(l, labelColumn, errors);
    }
    return new Features(new ArrayList<>(values.keySet()), new ArrayList<>(values.values()), label);
  }

  private static double parse(String v, String column, List<String> errors) {
    String t = v.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("missing") || t.equalsIgnoreCase("null")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      errors.add("column '" + column + "' is not a number: '" + v + "'");
      return Double.NaN;
    }
  }

  private static boolean isNumber(String v) {
    if (v == null) {
      return false;
    }
    try {
      Double.parseDouble(v.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String required(Map<String, String> row, ImportOptions o, String field, List<String> errors) {
    String column = o.fields().getOrDefault(field, field);
    String v = row.get(column);
    if (v == null) {
      errors.add(field + ": column '" + column + "' is missing (map it with --field " + field + "=COLUMN)");
      return "";
    }
    return v;
  }

  private static String lang(String given, String fallback) {
    return given != null ? given : fallback;
  }
}
