package io.alignstream.ingest.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a sample accepted by {@code POST /samples} and JSON-lines imports:
 *
 * <pre>{@code
 * {"task": "mt.en-fr", "role": "POOL", "source": "my-app", "domain": "git",
 *  "eventTime": "2026-11-22T10:00:00Z",           // or epoch millis; default now
 *  "targetId": null, "id": null,                    // id default: content hash + source
 *  "payload": {"type": "TextPair", "src": "Open", "tgt": "Ouvrir", "srcLang": "en", "tgtLang": "fr"},
 *  "metadata": {"file": "git.po"}}
 * }</pre>
 *
 * Payload types: {@code TextPair}, {@code Text {text}}, {@code Features {names, values, label}} (null in
 * values = missing), {@code Image {width, height, bitsPerPixel, pixels (base64), pixelSizeAngstrom,
 * label}}. Every problem is collected, then {@link SampleValidator} adds the field checks.
 */
public final class SampleJson {
  private SampleJson() {}

  /** A sample, or the list of what is wrong with the JSON. */
  public record Result(Sample sample, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Values used when the JSON leaves a field out (e.g. from command-line options). */
  public record Defaults(String task, Role role, String source, String domain) {
    public static Defaults none() {
      return new Defaults(null, Role.POOL, null, null);
    }
  }

  /**
   * The JSON form of a sample, the inverse of {@link #read}: what a client posts to {@code POST /samples}.
   * The id is left out, so ingest derives it from the content as for any client; NaN feature values
   * are written as null (missing) and a NaN pixel size is left out.
   */
  public static ObjectNode write(Sample sample) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("task", sample.getTask());
    n.put("role", sample.getRole().name());
    n.put("source", sample.getSource());
    if (sample.getDomain() != null) {
      n.put("domain", sample.getDomain());
    }
    if (sample.getTargetId() != null) {
      n.put("targetId", sample.getTargetId());
    }
    n.put("eventTime", sample.getEventTime().toString());
    ObjectNode p = n.putObject("payload");
    Object payload = sample.getPayload();
    if (payload instanceof TextPair t) {
      p.put("type", "TextPair").put("src", t.getSrc()).put("tgt", t.getTgt()).put("srcLang", t.getSrcLang())
          .put("tgtLang", t.getTgtLang());
    } else if (payload instanceof Text t) {
      p.put("type", "Text").put("text", t.getText());
    } else if (payload instanceof Features f) {
      p.put("type", "Features");
      f.getNames().forEach(p.putArray("names")::add);
      var values = p.putArray("values");
      f.getValues().forEach(v -> {
        if (v == null || v.isNaN()) {
          values.addNull();
        } else {
          values.add(v);
        }
      });
      putNumber(p, "label", f.getLabel());
    } else if (payload instanceof Image i) {
      ByteBuffer pixels = i.getPixels().duplicate();
      byte[] bytes = new byte[pixels.remaining()];
      pixels.get(bytes);
      p.put("type", "Image").put("width", i.getWidth()).put("height", i.getHeight())
          .put("bitsPerPixel", i.getBitsPerPixel()).put("pixels", Base64.getEncoder().encodeToString(bytes));
      if (!Double.isNaN(i.getPixelSizeAngstrom())) {
        p.put("pixelSizeAngstrom", i.getPixelSizeAngstrom());
      }
      putNumber(p, "label", i.getLabel());
    } else {
      throw new IllegalArgumentException("Unknown payload type " + payload.getClass().getName());
    }
    ObjectNode metadata = n.putObject("metadata");
    sample.getMetadata().forEach(metadata::put);
    return n;
  }

  private static void putNumber(ObjectNode node, String name, Double value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  public static Result read(JsonNode node, Defaults defaults) {
    List<String> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return new Result(null, List.of("sample: must be a JSON object"));
    }
    String task = text(node, "task", defaults.task(), errors);
    Role role = role(node, defaults.role(), errors);
    String source = text(node, "source", defaults.source(), errors);
    String domain = text(node, "domain", defaults.domain(), errors);
    Instant eventTime = time(node.get("eventTime"), errors);
    Map<String, String> metadata = metadata(node.get("metadata"), errors);
    Object payload = payload(node.get("payload"), errors);
    if (task == null) {
      errors.add("task: is required");
    }
    if (source == null) {
      errors.add("source: is required");
    }
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    Sample sample = Samples.of(task, role, source, domain, payload, eventTime, metadata);
    String id = text(node, "id", null, errors);
    if (id != null) {
      sample.setId(id);
    }
    sample.setTargetId(text(node, "targetId", null, errors));
    errors.addAll(SampleValidator.validate(sample));
    return errors.isEmpty() ? new Result(sample, List.of()) : new Result(null, errors);
  }

  private static Object payload(JsonNode p, List<String> errors) {
    if (p == null || !p.isObject()) {
      errors.add("payload: must be an object with a type");
      return null;
    }
    String type = p.path("type").asText("").toLowerCase(Locale.ROOT);
    switch (type) {
      case "textpair":
        return new TextPair(str(p, "payload.src", "src", errors), str(p, "payload.tgt", "tgt", errors),
            str(p, "payload.srcLang", "srcLang", errors), str(p, "payload.tgtLang", "tgtLang", errors));
      case "text":
        return new Text(str(p, "payload.text", "text", errors));
      case "features":
        return features(p, errors);
      case "image":
        return image(p, errors);
      default:
        errors.add("payload.type: must be TextPair, Text, Features or Image, was '" + p.path("type").asText("") + "'");
        return null;
    }
  }

  private static Features features(JsonNode p, List<String> errors) {
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    JsonNode n = p.get("names");
    JsonNode v = p.get("values");
    if (n == null || !n.isArray()) {
      errors.add("payload.names: must be an array of strings");
    } else {
      for (int i = 0; i < n.size(); i++) {
        JsonNode x = n.get(i);
        if (x.isTextual()) {
          names.add(x.asText());
        } else {
          // Never a null name: the sample id is the hash of the payload's Avro form, which has none.
          errors.add("payload.names[" + i + "]: must be a string, was " + x);
        }
      }
    }
    if (v == null || !v.isArray()) {
      errors.add("payload.values: must be an array of numbers");
    } else {
      for (int i = 0; i < v.size(); i++) {
        JsonNode x = v.get(i);
        if (x.isNull()) {
          values.add(Double.NaN);
        } else if (x.isNumber()) {
          values.add(x.asDouble());
        } else {
          errors.add("payload.values[" + i + "]: must be a number or null, was " + x);
          values.add(Double.NaN);
        }
      }
    }
    Double label = number(p.get("label"), "payload.label", errors);
    return new Features(names, values, label);
  }

  private static Image image(JsonNode p, List<String> errors) {
    byte[] pixels = new byte[0];
    try {
      pixels = Base64.getDecoder().decode(p.path("pixels").asText(""));
    } catch (IllegalArgumentException e) {
      errors.add("payload.pixels: must be base64, " + e.getMessage());
    }
    Double pixelSize = number(p.get("pixelSizeAngstrom"), "payload.pixelSizeAngstrom", errors);
    return new Image(whole(p, "width", 0, errors), whole(p, "height", 0, errors), whole(p, "bitsPerPixel", 16, errors),
        ByteBuffer.wrap(pixels), pixelSize == null ? Double.NaN : pixelSize, number(p.get("label"), "payload.label", errors));
  }

  /** A whole number that fits an int; 2.5 or 4294967298 is an error, not silently 2. */
  private static int whole(JsonNode p, String name, int fallback, List<String> errors) {
    JsonNode x = p.get(name);
    if (x == null || x.isNull()) {
      return fallback;
    }
    if (!x.isNumber() || !x.canConvertToExactIntegral() || !x.canConvertToInt()) {
      errors.add("payload." + name + ": must be a whole number, was " + x);
      return fallback;
    }
    return x.intValue();
  }

  private static Double number(JsonNode x, String field, List<String> errors) {
    if (x == null || x.isNull()) {
      return null;
    }
    if (!x.isNumber()) {
      errors.add(field + ": must be a number, was " + x);
      return null;
    }
    return x.asDouble();
  }

  private static String str(JsonNode p, String field, String name, List<String> errors) {
    JsonNode x = p.get(name);
    if (x == null || !x.isTextual()) {
      errors.add(field + ": must be a string");
      return "";
    }
    return x.asText();
  }

  private static String text(JsonNode node, String name, String fallback, List<String> errors) {
    JsonNode x = node.get(name);
    if (x == null || x.isNull()) {
      return fallback;
    }
    if (!x.isTextual()) {
      errors.add(name + ": must be a string, was " + x);
      return fallback;
    }
    return x.asText();
  }

  private static Role role(JsonNode node, Role fallback, List<String> errors) {
    JsonNode x = node.get("role");
    if (x == null || x.isNull()) {
      return fallback == null ? Role.POOL : fallback;
    }
    try {
      return Role.valueOf(x.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add("role: must be POOL or TARGET, was " + x);
      return Role.POOL;
    }
  }

  private static Instant time(JsonNode x, List<String> errors) {
    if (x == null || x.isNull()) {
      return Instant.now();
    }
    if (x.isIntegralNumber()) {
      if (!x.canConvertToLong()) {
        // asLong() would keep the low 64 bits: a garbage time that may well look valid.
        errors.add("eventTime: epoch millis out of range, was " + x);
        return Instant.now();
      }
      return Instant.ofEpochMilli(x.longValue());
    }
    try {
      return Instant.parse(x.asText());
    } catch (DateTimeParseException e) {
      errors.add("eventTime: must be ISO-8601 (2026-11-22T10:00:00Z) or epoch millis, was " + x);
      return Instant.now();
    }
  }

  private static Map<String, String> metadata(JsonNode x, List<String> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    if (x == null || x.isNull()) {
      return out;
    }
    if (!x.isObject()) {
      errors.add("metadata: must be an object of strings");
      return out;
    }
    x.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
        : e.getValue().toString()));
    return out;
  }
}
