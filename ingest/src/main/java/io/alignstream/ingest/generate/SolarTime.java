package io.alignstream.ingest.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** SHARP record times: T_REC is written in TAI, {@code YYYY.MM.DD_HH:MM:SS_TAI}. */
final class SolarTime {
  private SolarTime() {}

  /** TAI − UTC as fixed by DESIGN §7 (the value since 2017; a synthetic stream needs no leap table). */
  static final long TAI_MINUS_UTC_SECONDS = 37;

  private static final DateTimeFormatter T_REC =
      DateTimeFormatter.ofPattern("yyyy.MM.dd_HH:mm:ss'_TAI'").withZone(ZoneOffset.UTC);

  static String tRec(Instant utc) {
    return T_REC.format(utc.plusSeconds(TAI_MINUS_UTC_SECONDS));
  }
}
