package io.alignstream.ingest.solar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a SWAN-SF file's path says about it: {@code Partition{1..5}/{FL,NF}/{label}_ar{HARPNUM}_s{start}_e{end}.csv}.
 *
 * <p>The label part is either {@code FL}/{@code NF} or the flare class with SWAN-SF's id suffix, as in
 * {@code M1.0@265:Primary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv}; {@code FQ} marks a
 * flare-quiet window. Times may use {@code :}, {@code _}, {@code -} or nothing between hour, minute and
 * second (archives made on Windows cannot keep the colons) and are UTC as written. A {@code FL} or
 * {@code NF} folder decides the label when present, since it is how the dataset is partitioned;
 * otherwise the class prefix does (M, X positive; C, B, A, FQ negative).
 *
 * @param harpnum the HARP of the series
 * @param start first timestamp of the observation window
 * @param end last timestamp of the observation window
 * @param label true for a positive (M/X flare follows) series
 * @param flareClass the class named in the file ({@code M1.0}, {@code FQ}…), null when the name only says FL/NF
 */
public record SwanSfFileName(int harpnum, Instant start, Instant end, boolean label, String flareClass) {

  private static final Pattern NAME = Pattern.compile("(?i)^(.+?)_ar(\\d+)_s(.+?)_e(.+?)\\.csv$");
  private static final Pattern TIME = Pattern.compile(
      "^(\\d{4})-?(\\d{2})-?(\\d{2})[T_ ]?(\\d{2})[:_-]?(\\d{2})(?:[:_-]?(\\d{2}))?Z?$");
  private static final Pattern CLASS_TOKEN = Pattern.compile("^[^@:_]+");

  /** The parts of a SWAN-SF path, or empty when the path does not follow the naming. */
  public static Optional<SwanSfFileName> parse(String path) {
    try {
      return Optional.of(read(path));
    } catch (BadInputException e) {
      return Optional.empty();
    }
  }

  static SwanSfFileName read(String path) throws BadInputException {
    String normalized = path == null ? "" : path.replace('\\', '/');
    String[] segments = normalized.split("/");
    String fileName = segments[segments.length - 1];
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new BadInputException("file name " + Reasons.quote(fileName)
          + " does not follow SWAN-SF's {label}_ar{HARPNUM}_s{start}_e{end}.csv");
    }
    int harpnum = SharpRows.harpnum(m.group(2));
    Instant start = time("start", m.group(3));
    Instant end = time("end", m.group(4));
    if (end.isBefore(start)) {
      throw new BadInputException("file name " + Reasons.quote(fileName) + " ends before it starts");
    }
    Matcher token = CLASS_TOKEN.matcher(m.group(1));
    String prefix = token.find() ? token.group().toUpperCase(Locale.ROOT) : "";
    String flareClass = prefix.equals("FL") || prefix.equals("NF") ? null : prefix;
    Boolean label = folderLabel(segments);
    if (label == null) {
      label = prefixLabel(prefix);
    }
    if (label == null) {
      throw new BadInputException("cannot tell the label of " + Reasons.quote(fileName)
          + ": no FL/NF folder and the prefix " + Reasons.quote(prefix) + " is not FL, NF, FQ or a GOES class");
    }
    return new SwanSfFileName(harpnum, start, end, label, flareClass == null || flareClass.isEmpty() ? null
        : flareClass);
  }

  private static Boolean folderLabel(String[] segments) {
    for (int i = segments.length - 2; i >= 0; i--) {
      if (segments[i].equalsIgnoreCase("FL")) {
        return true;
      }
      if (segments[i].equalsIgnoreCase("NF")) {
        return false;
      }
    }
    return null;
  }

  private static Boolean prefixLabel(String prefix) {
    if (prefix.equals("FL")) {
      return true;
    }
    if (prefix.equals("NF") || prefix.equals("FQ")) {
      return false;
    }
    Character magnitude = FlareClass.magnitude(prefix);
    return magnitude == null ? null : FlareClass.isMajor(magnitude);
  }

  private static Instant time(String which, String text) throws BadInputException {
    Matcher m = TIME.matcher(text);
    if (m.matches()) {
      try {
        return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
            m.group(6) == null ? 0 : Integer.parseInt(m.group(6))).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // reported below with the value
      }
    }
    throw new BadInputException(which + " time " + Reasons.quote(text)
        + " in the file name is not a time like 2010-07-16T12:48:00");
  }
}
