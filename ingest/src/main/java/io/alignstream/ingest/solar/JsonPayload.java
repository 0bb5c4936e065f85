package io.alignstream.ingest.solar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.alignstream.ingest.sample.Parsed;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a whole JSON payload, turning the ways a feed response goes wrong into one clear reason. */
final class JsonPayload {
  // Trailing tokens mean a concatenated or corrupted response: reject rather than read the first value.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  /** Reads one JSON record of an array: row i of a feed. */
  interface RowReader<T> {
    T read(JsonNode row) throws BadInputException;
  }

  private JsonPayload() {}

  static JsonNode read(String content) throws BadInputException {
    checkNotEmptyOrHtml(content);
    try {
      return MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new BadInputException("malformed JSON (truncated or invalid)" + where + ": "
          + firstLine(e.getOriginalMessage()));
    }
  }

  /** Rejects what is not a payload at all: nothing, or the HTML error page a server sent instead. */
  static void checkNotEmptyOrHtml(String content) throws BadInputException {
    if (content == null || content.isBlank()) {
      throw new BadInputException("empty payload");
    }
    String start = content.stripLeading();
    if (start.startsWith("<")) {
      Matcher title = TITLE.matcher(content);
      String what = title.find() ? title.group(1).strip() : start.substring(0, Math.min(120, start.length()));
      throw new BadInputException("HTTP error page instead of data: " + Reasons.quote(what));
    }
  }

  /**
   * Parses a JSON array of records, one item per element (ref {@code sourceRef#i}); a payload that is
   * not a readable array is one bad item.
   */
  static <T> List<Parsed<T>> parseArray(String content, String sourceRef, String what, RowReader<T> reader) {
    JsonNode root;
    try {
      root = read(content);
    } catch (BadInputException e) {
      return List.of(Reasons.bad(e.getMessage(), sourceRef, content));
    }
    if (!root.isArray()) {
      return List.of(Reasons.bad("expected a JSON array of " + what + ", got " + Reasons.describe(root), sourceRef,
          content));
    }
    List<Parsed<T>> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode row = root.get(i);
      String ref = sourceRef + "#" + i;
      if (!row.isObject()) {
        String reason = what + " record is " + Reasons.describe(row) + ", expected an object";
        out.add(Reasons.bad(reason, ref, row.toString()));
        continue;
      }
      try {
        out.add(Parsed.ok(reader.read(row), ref));
      } catch (BadInputException e) {
        out.add(Reasons.bad(e.getMessage(), ref, row.toString()));
      }
    }
    return out;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
