package io.alignstream.ingest.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlareLabelerTest {
  private static final Instant T = Instant.parse("2024-05-10T12:00:00Z");
  private static final int AR = 13664;
  private final FlareLabeler labeler = new FlareLabeler();

  private static SharpRecord record(Integer noaaAr, List<Integer> noaaArs) {
    return new SharpRecord(11149, T, noaaAr, noaaArs.size(), noaaArs, Map.of());
  }

  private static SharpRecord recordAt(int ar) {
    return record(ar, List.of(ar));
  }

  private static FlareEvent flare(String id, String classType, Instant peak, Integer ar) {
    return new FlareEvent(id, FlareEvent.Source.DONKI, peak.minus(Duration.ofMinutes(10)), peak,
        peak.plus(Duration.ofMinutes(20)), classType, ar, null, 1, false, null, List.of());
  }

  private FlareLabel label(FlareEvent... events) {
    return labeler.label(recordAt(AR), List.of(events));
  }

  @Test
  void shouldLabelPositiveWhenAnMFlarePeaksInsideTheNext24Hours() {
    FlareLabel label = label(flare("a", "M1.0", T.plus(Duration.ofHours(3)), AR));

    assertThat(label.positive()).isTrue();
    assertThat(label.strongestClass()).isEqualTo("M1.0");
    assertThat(label.history()).isEqualTo(FlareHistory.NONE);
  }

  @Test
  void shouldNotCountAFlareExactlyAtTInEitherWindow() {
    FlareLabel label = label(flare("a", "X1.0", T, AR));

    assertThat(label.positive()).isFalse();
    assertThat(label.history()).isEqualTo(FlareHistory.NONE);
  }

  @Test
  void shouldIncludeTheWindowEndAndExcludeAnythingAfterIt() {
    assertThat(label(flare("a", "X1.0", T.plus(Duration.ofHours(24)), AR)).positive()).isTrue();
    assertThat(label(flare("a", "X1.0", T.plus(Duration.ofHours(24)).plusSeconds(1), AR)).positive()).isFalse();
  }

  @Test
  void shouldNotLetAMajorFlareBeforeTMakeTheLabelPositive() {
    FlareLabel label = label(flare("a", "X2.0", T.minus(Duration.ofHours(1)), AR));

    assertThat(label.positive()).isFalse();
    assertThat(label.strongestClass()).isNull();
    assertThat(label.history().xCount()).isEqualTo(1);
  }

  @Test
  void shouldNotCountCClassFlaresForTheLabel() {
    FlareLabel label = label(flare("a", "C9.9", T.plus(Duration.ofHours(1)), AR),
        flare("b", "B5.0", T.plus(Duration.ofHours(2)), AR));

    assertThat(label.positive()).isFalse();
    assertThat(label.strongestClass()).isEqualTo("C9.9");
  }

  @Test
  void shouldUseTheBeginTimeWhileThePeakIsUnknown() {
    FlareEvent noPeak = new FlareEvent("a", FlareEvent.Source.DONKI, T.plus(Duration.ofHours(2)), null, null, "M2.0",
        AR, null, 1, true, null, List.of());
    FlareEvent beganBefore = new FlareEvent("b", FlareEvent.Source.DONKI, T.minus(Duration.ofMinutes(5)), null, null,
        "X1.0", AR, null, 1, true, null, List.of());

    assertThat(label(noPeak).positive()).isTrue();
    assertThat(label(beganBefore).positive()).isFalse();
    assertThat(label(beganBefore).history().xCount()).isEqualTo(1);
  }

  @Test
  void shouldOnlyCountFlaresOfTheRecordsRegions() {
    assertThat(label(flare("a", "X1.0", T.plus(Duration.ofHours(1)), 13665)).positive()).isFalse();
    assertThat(label(flare("a", "X1.0", T.plus(Duration.ofHours(1)), null)).positive()).isFalse();
    assertThat(labeler.label(record(null, List.of()), List.of(flare("a", "X1.0", T.plus(Duration.ofHours(1)), AR)))
        .positive()).as("a record without a NOAA region matches nothing").isFalse();
  }

  @Test
  void shouldMatchAnyOfNoaaArsAndSwpcShortRegionNumbers() {
    SharpRecord multi = record(11133, List.of(11133, 11134));

    assertThat(labeler.label(multi, List.of(flare("a", "M1.0", T.plus(Duration.ofHours(1)), 11134))).positive())
        .isTrue();
    assertThat(label(flare("a", "M1.0", T.plus(Duration.ofHours(1)), 3664)).positive()).isTrue();
  }

  @Test
  void shouldComputeHistoryOnlyFromTheDayBeforeT() {
    FlareLabel label = label(
        flare("edge", "C1.0", T.minus(Duration.ofHours(24)), AR),
        flare("too-old", "X9.0", T.minus(Duration.ofHours(24)).minusSeconds(1), AR),
        flare("m", "M1.0", T.minus(Duration.ofHours(12)), AR),
        flare("x", "X1.0", T.minus(Duration.ofHours(1)), AR),
        flare("c", "C2.0", T.minus(Duration.ofHours(2)), AR),
        flare("unclassified", null, T.minus(Duration.ofHours(2)), AR),
        flare("future", "X5.0", T.plus(Duration.ofHours(1)), AR));

    FlareHistory history = label.history();
    assertThat(history.cCount()).isEqualTo(2);
    assertThat(history.mCount()).isEqualTo(1);
    assertThat(history.xCount()).isEqualTo(1);
    // Σ flux/1e-6 · exp(−age/12h): C1.0 at 24 h, M1.0 at 12 h, X1.0 at 1 h, C2.0 at 2 h.
    double expected = 1 * Math.exp(-2) + 10 * Math.exp(-1) + 100 * Math.exp(-1.0 / 12) + 2 * Math.exp(-2.0 / 12);
    assertThat(history.decayedFlareIndex()).isCloseTo(expected, within(1e-9));
    assertThat(label.positive()).isTrue();
  }

  @Test
  void shouldKeepHistoryIndependentOfFutureFlares() {
    FlareEvent past = flare("p", "M3.0", T.minus(Duration.ofHours(5)), AR);

    FlareHistory without = label(past).history();
    FlareHistory with = label(past, flare("f", "X9.0", T.plus(Duration.ofMinutes(1)), AR),
        flare("g", "M1.0", T.plus(Duration.ofHours(23)), AR)).history();

    assertThat(with).isEqualTo(without);
  }

  @Test
  void shouldUseTheLatestVersionOfAnUpsertedFlare() {
    Instant peak = T.plus(Duration.ofHours(2));
    FlareEvent v1 = flare("flr-1", "C8.0", peak, AR);
    FlareEvent v2 = new FlareEvent("flr-1", FlareEvent.Source.DONKI, v1.beginTime(), peak, v1.endTime(), "M1.1", AR,
        null, 2, false, null, List.of());

    assertThat(labeler.label(recordAt(AR), List.of(v2, v1)).positive()).isTrue();
    assertThat(labeler.label(recordAt(AR), List.of(v1, v2)).positive()).isTrue();
  }

  @Test
  void shouldCloseTheWindow24HoursAfterT() {
    FlareLabel label = label();

    assertThat(FlareLabeler.windowClosesAt(T)).isEqualTo(Instant.parse("2024-05-11T12:00:00Z"));
    assertThat(label.windowClosesAt()).isEqualTo(FlareLabeler.windowClosesAt(T));
    assertThat(label.isFinalAt(T.plus(Duration.ofHours(23)))).isFalse();
    assertThat(label.isFinalAt(T.plus(Duration.ofHours(24)))).isTrue();
  }
}
