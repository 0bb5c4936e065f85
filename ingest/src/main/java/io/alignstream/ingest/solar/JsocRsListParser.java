package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.ingest.sample.Parsed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSOC {@code jsoc_info?op=rs_list} JSON into {@link SharpRecord}s.
 *
 * <p>The response is column-wise: {@code keywords[i].name} with {@code keywords[i].values[j]} the
 * value of record j, all strings, {@code "MISSING"} for missing. Record j becomes item
 * {@code sourceRef#j}. The whole response is one bad item when {@code status != 0} (with JSOC's
 * {@code error} text), when columns disagree in length (records could no longer be lined up), or when
 * the T_REC or HARPNUM column is absent. {@code {"count":0,"status":0}} is an empty result: zero items.
 */
public final class JsocRsListParser implements SolarParser<SharpRecord> {

  @Override
  public List<Parsed<SharpRecord>> parse(String content, String sourceRef) {
    Map<String, JsonNode> columns;
    try {
      columns = columns(JsonPayload.read(content));
    } catch (BadInputException e) {
      return List.of(Reasons.bad(e.getMessage(), sourceRef, content));
    }
    int rows = columns.isEmpty() ? 0 : columns.values().iterator().next().size();
    List<Parsed<SharpRecord>> out = new ArrayList<>(rows);
    for (int j = 0; j < rows; j++) {
      out.add(row(columns, j, sourceRef + "#" + j));
    }
    return out;
  }

  /** The columns by upper-case name, validated as a rectangle; empty for an empty result. */
  private static Map<String, JsonNode> columns(JsonNode root) throws BadInputException {
    if (!root.isObject()) {
      throw new BadInputException("expected a jsoc_info JSON object, got " + Reasons.describe(root));
    }
    checkStatus(root);
    JsonNode keywords = root.get("keywords");
    if (JsonFields.isAbsent(keywords) || (keywords.isArray() && keywords.isEmpty())) {
      checkCount(root, 0);
      return Map.of();
    }
    if (!keywords.isArray()) {
      throw new BadInputException("keywords: expected an array, got " + Reasons.describe(keywords));
    }
    Map<String, JsonNode> columns = new LinkedHashMap<>();
    Map<String, Integer> lengths = new LinkedHashMap<>();
    for (JsonNode column : keywords) {
      JsonNode name = column.get("name");
      JsonNode values = column.get("values");
      if (name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new BadInputException("keywords entry without a name: " + Reasons.describe(column));
      }
      if (values == null || !values.isArray()) {
        throw new BadInputException("keyword " + name.textValue() + ": values should be an array, got "
            + Reasons.describe(values));
      }
      columns.put(SharpKeywords.key(name.textValue()), values);
      lengths.put(name.textValue(), values.size());
    }
    if (lengths.values().stream().distinct().count() > 1) {
      throw new BadInputException("keyword columns have different lengths " + lengths
          + ", so records cannot be lined up");
    }
    for (String required : List.of("T_REC", "HARPNUM")) {
      if (!columns.containsKey(required)) {
        throw new BadInputException("no " + required + " column among keywords " + lengths.keySet());
      }
    }
    checkCount(root, lengths.values().iterator().next());
    return columns;
  }

  private static void checkStatus(JsonNode root) throws BadInputException {
    JsonNode status = root.get("status");
    if (status == null || !status.canConvertToInt() && !status.isTextual()) {
      throw new BadInputException("no usable status in jsoc_info response, got " + Reasons.describe(status));
    }
    String code = status.asText().strip();
    if (!code.equals("0")) {
      JsonNode error = root.get("error");
      String message = error == null || error.isNull() ? "no error message" : "error " + Reasons.describe(error);
      throw new BadInputException("JSOC status " + Reasons.quote(code) + " (not 0): " + message);
    }
  }

  // count is the number of records JSOC meant to send: a disagreement means a cut-off response.
  private static void checkCount(JsonNode root, int rows) throws BadInputException {
    JsonNode count = root.get("count");
    if (count != null && count.canConvertToInt() && count.isNumber() && count.intValue() != rows) {
      throw new BadInputException("count is " + count.intValue() + " but the columns hold " + rows + " records");
    }
  }

  private static Parsed<SharpRecord> row(Map<String, JsonNode> columns, int j, String ref) {
    ObjectNode raw = JsonNodeFactory.instance.objectNode();
    columns.forEach((name, values) -> raw.set(name, values.get(j)));
    try {
      Map<String, String> fields = new HashMap<>();
      for (Map.Entry<String, JsonNode> column : raw.properties()) {
        JsonNode value = column.getValue();
        if (value.isContainerNode()) {
          throw new BadInputException("keyword " + column.getKey() + " value is " + Reasons.describe(value)
              + ", expected a string");
        }
        // JSOC sends strings; a bare number is accepted as its text since it means the same.
        fields.put(column.getKey(), value.isNull() ? null : value.asText());
      }
      return Parsed.ok(SharpRows.read(fields), ref);
    } catch (BadInputException e) {
      return Reasons.bad(e.getMessage(), ref, raw.toString());
    }
  }
}
