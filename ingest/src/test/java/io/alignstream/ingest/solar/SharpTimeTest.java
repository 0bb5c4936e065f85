package io.alignstream.ingest.solar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SharpTimeTest {

  @Test
  void shouldConvertTaiTRecToUtcBySubtracting37Seconds() {
    assertThat(SharpTime.parseTRec("2010.05.01_00:00:00_TAI")).contains(Instant.parse("2010-04-30T23:59:23Z"));
    assertThat(SharpTime.taiToUtc(LocalDateTime.parse("2017-01-01T00:00:37")))
        .isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
  }

  @Test
  void shouldAcceptJsocTRecWithoutSecondsOrTime() {
    assertThat(SharpTime.parseTRec("2010.05.01_00:12_TAI")).contains(Instant.parse("2010-05-01T00:11:23Z"));
    assertThat(SharpTime.parseTRec("2010.05.01_TAI")).contains(Instant.parse("2010-04-30T23:59:23Z"));
    assertThat(SharpTime.parseTRec("2010.05.01_00:12:00.500_TAI")).contains(Instant.parse("2010-05-01T00:11:23.5Z"));
  }

  @Test
  void shouldReadIsoTRecAsTaiUnlessMarkedUtc() {
    assertThat(SharpTime.parseTRec("2010-05-01T00:12:00")).contains(Instant.parse("2010-05-01T00:11:23Z"));
    assertThat(SharpTime.parseTRec("2010-05-01T00:12:00_TAI")).contains(Instant.parse("2010-05-01T00:11:23Z"));
    assertThat(SharpTime.parseTRec("2010-05-01T00:12:00Z")).contains(Instant.parse("2010-05-01T00:12:00Z"));
    assertThat(SharpTime.parseTRec("2010.05.01_00:12:00_UTC")).contains(Instant.parse("2010-05-01T00:12:00Z"));
  }

  @Test
  void shouldReadFeedTimesAsUtc() {
    assertThat(SharpTime.parseUtc("2024-05-10T06:27Z")).contains(Instant.parse("2024-05-10T06:27:00Z"));
    assertThat(SharpTime.parseUtc("2010-07-16 12:48:00")).contains(Instant.parse("2010-07-16T12:48:00Z"));
    assertThat(SharpTime.parseUtc("2024-05-01T16:42:56")).contains(Instant.parse("2024-05-01T16:42:56Z"));
    assertThat(SharpTime.parseUtc("2024-05-01T18:42:56+02:00")).contains(Instant.parse("2024-05-01T16:42:56Z"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"MISSING", "Unk", "2010.13.01_00:00:00_TAI", "2010.02.30_00:00:00_TAI", "yesterday",
      "2010-05-01", "12345", "2010.05.01_25:00:00_TAI"})
  void shouldRejectWhatIsNotATime(String text) {
    assertThat(SharpTime.parseTRec(text)).isEmpty();
    assertThat(SharpTime.parseUtc(text)).isEmpty();
  }
}
