package io.alignstream.ingest.solar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as the solar sources write them, converted to UTC instants.
 *
 * <p>JSOC {@code T_REC} is {@code YYYY.MM.DD_HH:MM:SS_TAI} (minutes, seconds and fractions may be
 * left out); the ISO forms {@code 2010-05-01T00:00:00Z}, {@code 2010-05-01 00:00:00} and DONKI's
 * {@code 2024-05-10T06:27Z} are accepted too. A {@code _TAI} suffix means International Atomic Time,
 * converted by subtracting {@link #TAI_MINUS_UTC}; {@code Z}, {@code _UTC} or an offset mean UTC.
 *
 * <p>TAI−UTC is 37 s since 2017-01-01 (DESIGN §7 uses it throughout); it was 34 s in 2010–2012, 35 s
 * until mid-2015 and 36 s until 2016, so older T_RECs come out up to 3 s early. That is far inside the
 * 12-minute cadence and the 24 h label window, and keeps the conversion one constant everyone shares.
 */
public final class SharpTime {

  /** TAI is ahead of UTC by this much (the value in force since 2017-01-01). */
  public static final Duration TAI_MINUS_UTC = Duration.ofSeconds(37);

  private static final Pattern JSOC = Pattern.compile(
      "(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})(?:_(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?)?");
  private static final Pattern SCALE = Pattern.compile("(?i)^(.*?)[_ ]?(TAI|UTC|UT)$");
  private static final Pattern SPACE_BETWEEN = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) +(\\d)");

  /** The span of plausible solar data times; outside it a time is corrupt, and may not even fit in epoch millis. */
  public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private enum Scale { TAI, UTC }

  private SharpTime() {}

  /** Parses a {@code T_REC}; without an explicit scale it is TAI, as JSOC defines the keyword. */
  public static Optional<Instant> parseTRec(String text) {
    return parse(text, Scale.TAI);
  }

  /** Parses a feed or file time; without an explicit scale it is UTC (SWPC, DONKI, SWAN-SF names). */
  public static Optional<Instant> parseUtc(String text) {
    return parse(text, Scale.UTC);
  }

  /** Whether a parsed time lies in [{@link #EARLIEST}, {@link #LATEST}). */
  public static boolean plausible(Instant time) {
    return !time.isBefore(EARLIEST) && time.isBefore(LATEST);
  }

  /** The UTC instant of a TAI wall-clock reading. */
  public static Instant taiToUtc(LocalDateTime tai) {
    return tai.toInstant(ZoneOffset.UTC).minus(TAI_MINUS_UTC);
  }

  private static Optional<Instant> parse(String text, Scale defaultScale) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip();
    Scale scale = defaultScale;
    Matcher suffix = SCALE.matcher(value);
    if (suffix.matches()) {
      scale = suffix.group(2).toUpperCase(Locale.ROOT).equals("TAI") ? Scale.TAI : Scale.UTC;
      value = suffix.group(1);
    } else if (value.endsWith("Z")) {
      scale = Scale.UTC;
    }
    try {
      Matcher jsoc = JSOC.matcher(value.endsWith("Z") ? value.substring(0, value.length() - 1) : value);
      if (jsoc.matches()) {
        return Optional.of(toInstant(jsocLocal(jsoc), scale));
      }
      return Optional.of(iso(value, scale));
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static LocalDateTime jsocLocal(Matcher m) {
    int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
    return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        intOrZero(m.group(4)), intOrZero(m.group(5)), intOrZero(m.group(6)), nanos);
  }

  private static Instant iso(String value, Scale scale) {
    String normalized = SPACE_BETWEEN.matcher(value).replaceFirst("$1T$2");
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(normalized);
    // Asking first avoids parseBest's internal exception on every zone-less time (SWAN-SF rows).
    if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      return OffsetDateTime.from(parsed).toInstant();
    }
    return toInstant(LocalDateTime.from(parsed), scale);
  }

  private static Instant toInstant(LocalDateTime local, Scale scale) {
    return scale == Scale.TAI ? taiToUtc(local) : local.toInstant(ZoneOffset.UTC);
  }

  private static int intOrZero(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
