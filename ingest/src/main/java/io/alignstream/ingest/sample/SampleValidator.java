package io.alignstream.ingest.sample;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field-by-field validation of a sample before it enters {@code samples-raw}. Returns every problem
 * (as {@code field: message}), not just the first, so a client can fix a request in one go.
 * The payload type must fit the task family: {@code mt.*} TextPair, {@code lm.*} Text,
 * {@code solar.*} Features, {@code stem.*} Image; other families take any payload.
 */
public final class SampleValidator {
  /** Largest image side accepted (pixels); larger images belong in object storage, not Kafka. */
  public static final int MAX_IMAGE_SIDE = 4096;
  public static final int MAX_TEXT_CHARS = 100_000;
  private static final Pattern TASK = Pattern.compile("[a-z0-9]+(\\.[a-z0-9][a-z0-9_-]*)+");
  private static final Pattern LANG = Pattern.compile("[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*");
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
  private static final Map<String, Class<?>> PAYLOAD_BY_FAMILY =
      Map.of("mt", TextPair.class, "lm", Text.class, "solar", Features.class, "stem", Image.class);

  private SampleValidator() {}

  public static List<String> validate(Sample s) {
    List<String> errors = new ArrayList<>();
    require(errors, "id", s.getId() != null && !s.getId().isBlank() && s.getId().length() <= 200,
        "must be 1-200 characters");
    require(errors, "task", s.getTask() != null && TASK.matcher(s.getTask()).matches(),
        "must look like family.name (lower case, e.g. mt.en-fr), was " + quote(s.getTask()));
    require(errors, "source", s.getSource() != null && !s.getSource().isBlank(), "must not be blank");
    require(errors, "role", s.getRole() != null, "must be POOL or TARGET");
    if (s.getDomain() != null) {
      require(errors, "domain", !s.getDomain().isBlank() && s.getDomain().length() <= 200,
          "must be 1-200 characters when given");
    }
    time(errors, "eventTime", s.getEventTime());
    time(errors, "ingestTime", s.getIngestTime());
    unicode(errors, "id", s.getId());
    unicode(errors, "task", s.getTask());
    unicode(errors, "source", s.getSource());
    unicode(errors, "domain", s.getDomain());
    unicode(errors, "targetId", s.getTargetId());
    if (s.getMetadata() != null) {
      s.getMetadata().forEach((k, v) -> {
        unicode(errors, "metadata", k);
        unicode(errors, "metadata", v);
      });
    }
    Object payload = s.getPayload();
    if (payload == null) {
      errors.add("payload: is required");
      return errors;
    }
    if (s.getTask() != null) {
      Class<?> expected = PAYLOAD_BY_FAMILY.get(s.getTask().split("\\.", 2)[0]);
      require(errors, "payload", expected == null || expected.isInstance(payload),
          "task " + s.getTask() + " takes a " + (expected == null ? "" : expected.getSimpleName()) + " payload, not "
              + payload.getClass().getSimpleName());
    }
    if (payload instanceof TextPair p) {
      textPair(errors, p);
    } else if (payload instanceof Text t) {
      text(errors, "payload.text", t.getText());
    } else if (payload instanceof Features f) {
      features(errors, f);
    } else if (payload instanceof Image i) {
      image(errors, i);
    } else {
      errors.add("payload: unknown type " + payload.getClass().getName());
    }
    return errors;
  }

  private static void textPair(List<String> errors, TextPair p) {
    text(errors, "payload.src", p.getSrc());
    text(errors, "payload.tgt", p.getTgt());
    unicode(errors, "payload.srcLang", p.getSrcLang());
    unicode(errors, "payload.tgtLang", p.getTgtLang());
    require(errors, "payload.srcLang", p.getSrcLang() != null && LANG.matcher(p.getSrcLang()).matches(),
        "must be a language tag like en or pt_BR, was " + quote(p.getSrcLang()));
    require(errors, "payload.tgtLang", p.getTgtLang() != null && LANG.matcher(p.getTgtLang()).matches(),
        "must be a language tag like fr or zh_CN, was " + quote(p.getTgtLang()));
  }

  private static void text(List<String> errors, String field, String text) {
    require(errors, field, text != null && !text.isBlank(), "must not be empty");
    if (text != null) {
      require(errors, field, text.length() <= MAX_TEXT_CHARS, "longer than " + MAX_TEXT_CHARS + " characters");
      unicode(errors, field, text);
    }
  }

  /**
   * Kafka stores strings as UTF-8, where an unpaired surrogate (JSON {@code "\ud800"}) cannot exist:
   * Avro would silently write '?' instead, so the stored sample would not be the one accepted.
   */
  private static void unicode(List<String> errors, String field, String text) {
    if (text == null) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        errors.add(String.format("%s: has an unpaired surrogate \\u%04x at index %d, not valid Unicode", field,
            (int) c, i));
        return;
      }
    }
  }

  private static void features(List<String> errors, Features f) {
    List<String> names = f.getNames();
    List<Double> values = f.getValues();
    require(errors, "payload.names", names != null && !names.isEmpty(), "must not be empty");
    require(errors, "payload.values", values != null && names != null && values.size() == names.size(),
        "must have one value per name (" + (names == null ? 0 : names.size()) + " names, "
            + (values == null ? 0 : values.size()) + " values)");
    if (names != null) {
      require(errors, "payload.names", new HashSet<>(names).size() == names.size(), "must be unique");
      require(errors, "payload.names", names.stream().noneMatch(n -> n == null || n.isBlank()),
          "must not contain blank names");
      names.forEach(n -> unicode(errors, "payload.names", n));
    }
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        Double v = values.get(i);
        // NaN marks a missing value; infinities are always an error upstream.
        if (v == null || v.isInfinite()) {
          errors.add("payload.values[" + i + "]: must be finite or NaN (missing), was " + v);
        }
      }
    }
    if (f.getLabel() != null) {
      require(errors, "payload.label", Double.isFinite(f.getLabel()), "must be finite, was " + f.getLabel());
    }
  }

  private static void image(List<String> errors, Image i) {
    require(errors, "payload.width", i.getWidth() > 0 && i.getWidth() <= MAX_IMAGE_SIDE,
        "must be 1-" + MAX_IMAGE_SIDE + ", was " + i.getWidth());
    require(errors, "payload.height", i.getHeight() > 0 && i.getHeight() <= MAX_IMAGE_SIDE,
        "must be 1-" + MAX_IMAGE_SIDE + ", was " + i.getHeight());
    require(errors, "payload.bitsPerPixel", i.getBitsPerPixel() == 8 || i.getBitsPerPixel() == 16,
        "must be 8 or 16, was " + i.getBitsPerPixel());
    long expected = (long) i.getWidth() * i.getHeight() * (i.getBitsPerPixel() / 8);
    int actual = i.getPixels() == null ? 0 : i.getPixels().remaining();
    require(errors, "payload.pixels", actual == expected,
        "must hold width*height*bitsPerPixel/8 = " + expected + " bytes, has " + actual);
    require(errors, "payload.pixelSizeAngstrom", Double.isFinite(i.getPixelSizeAngstrom()) && i.getPixelSizeAngstrom() > 0,
        "must be a positive number, was " + i.getPixelSizeAngstrom());
    if (i.getLabel() != null) {
      require(errors, "payload.label", Double.isFinite(i.getLabel()), "must be finite, was " + i.getLabel());
    }
  }

  private static void time(List<String> errors, String field, Instant t) {
    require(errors, field, t != null && !t.isBefore(EARLIEST) && t.isBefore(LATEST),
        "must be between 1900 and 2200, was " + t);
  }

  private static void require(List<String> errors, String field, boolean ok, String message) {
    if (!ok) {
      errors.add(field + ": " + message);
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
