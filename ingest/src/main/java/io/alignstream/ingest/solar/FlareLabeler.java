package io.alignstream.ingest.solar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Labels SHARP records for 24 h flare forecasting, as a pure function of the record and the flares.
 *
 * <p>A flare counts for a record when its NOAA region is one of the record's ({@link
 * SharpRecord#regions()}, compared in five-digit form, see {@link NoaaNumbers}); flares without a region
 * and records without one never match. A flare happens at its peak, or its begin while the peak is
 * unknown ({@link FlareEvent#referenceTime()}).
 *
 * <ul>
 *   <li>label: some M or X flare happens in (t, t+24h];
 *   <li>history ({@link FlareHistory}): only flares in [t−24h, t): counts of C, M and X flares and the
 *       decayed flare index Σ (peak flux / 10⁻⁶ W m⁻²)·exp(−(t − tₑ)/τ), τ = 12 h unless given.
 * </ul>
 *
 * A flare exactly at t is in neither window: it is not in the future of t, and leaving it out of the
 * past keeps history strictly before anything the label could see. Events sharing an id are upserts
 * of one flare: the highest {@code versionId} (or, without versions, the later one given) is used.
 */
public final class FlareLabeler {

  /** The forecast horizon and the history length. */
  public static final Duration WINDOW = Duration.ofHours(24);
  /** The default e-folding time τ of the decayed flare index. */
  public static final Duration DEFAULT_DECAY = Duration.ofHours(12);

  private static final double INDEX_UNIT_WM2 = 1e-6;
  private final double decaySeconds;

  public FlareLabeler() {
    this(DEFAULT_DECAY);
  }

  /** @param decay the e-folding time τ of the decayed flare index, positive */
  public FlareLabeler(Duration decay) {
    if (decay.isNegative() || decay.isZero()) {
      throw new IllegalArgumentException("decay time must be positive, got " + decay);
    }
    this.decaySeconds = decay.toMillis() / 1000.0;
  }

  /** When the label of a record at t becomes final: t + 24 h. */
  public static Instant windowClosesAt(Instant t) {
    return t.plus(WINDOW);
  }

  /** The label and history of {@code record} given flares of any regions (non-matching ones are ignored). */
  public FlareLabel label(SharpRecord record, Collection<FlareEvent> events) {
    Instant t = record.tRec();
    Instant closes = windowClosesAt(t);
    List<FlareEvent> ahead = new ArrayList<>();
    List<FlareEvent> behind = new ArrayList<>();
    for (FlareEvent event : attributed(record, events)) {
      Instant at = event.referenceTime();
      if (at.isAfter(t) && !at.isAfter(closes)) {
        ahead.add(event);
      } else if (!at.isBefore(t.minus(WINDOW)) && at.isBefore(t)) {
        behind.add(event);
      }
    }
    String strongest = ahead.stream().filter(e -> e.magnitudeClass() != null)
        .max(Comparator.comparingDouble(e -> FlareClass.flux(e.classType()))).map(FlareEvent::classType).orElse(null);
    return new FlareLabel(ahead.stream().anyMatch(FlareEvent::isMajor), strongest, history(behind, t), closes);
  }

  private FlareHistory history(List<FlareEvent> past, Instant t) {
    int c = 0;
    int m = 0;
    int x = 0;
    double index = 0;
    for (FlareEvent event : past) {
      Character magnitude = event.magnitudeClass();
      if (magnitude == null) {
        continue;
      }
      c += magnitude == 'C' ? 1 : 0;
      m += magnitude == 'M' ? 1 : 0;
      x += magnitude == 'X' ? 1 : 0;
      double ageSeconds = Duration.between(event.referenceTime(), t).toMillis() / 1000.0;
      index += FlareClass.flux(event.classType()) / INDEX_UNIT_WM2 * Math.exp(-ageSeconds / decaySeconds);
    }
    return new FlareHistory(c, m, x, index);
  }

  /** The flares of the record's regions, one (the latest version) per id. */
  private static Collection<FlareEvent> attributed(SharpRecord record, Collection<FlareEvent> events) {
    Set<Integer> regions = record.regions().stream().map(NoaaNumbers::full).collect(Collectors.toSet());
    return latestVersions(events).stream()
        .filter(e -> e.noaaAr() != null && regions.contains(NoaaNumbers.full(e.noaaAr())))
        .toList();
  }

  private static Collection<FlareEvent> latestVersions(Collection<FlareEvent> events) {
    Map<String, FlareEvent> byId = new LinkedHashMap<>();
    for (FlareEvent event : events) {
      byId.merge(event.id(), event, (old, candidate) -> isNewer(candidate, old) ? candidate : old);
    }
    return byId.values();
  }

  private static boolean isNewer(FlareEvent candidate, FlareEvent old) {
    return candidate.versionId() == null || old.versionId() == null || candidate.versionId() >= old.versionId();
  }
}
