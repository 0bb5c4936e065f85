package io.alignstream.ingest.solar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A solar flare as a feed reports it; the same flare is reported again as it evolves, so consumers
 * upsert on {@link #id()}.
 *
 * @param id the upsert key: SWPC {@code satellite@begin_time} or the DONKI {@code flrID}
 * @param source which feed reported it
 * @param beginTime start of the flare (UTC), always known
 * @param peakTime time of peak flux, null while unknown
 * @param endTime end of the flare, null while it is in progress
 * @param classType GOES class at peak such as {@code M1.2}, upper case; null while unknown
 * @param noaaAr the NOAA active region as the feed writes it (DONKI: 5 digits; see {@link NoaaNumbers}), nullable
 * @param satellite the GOES satellite for SWPC, null for DONKI
 * @param versionId DONKI's version, growing with each revision; null for SWPC
 * @param inProgress true while the end or the peak class is still unknown ({@code "Unk"} or null upstream)
 * @param sourceLocation heliographic location such as {@code N12E32}, nullable
 * @param linkedEventIds ids of linked events (DONKI CMEs and the like), empty when none; immutable
 */
public record FlareEvent(String id, Source source, Instant beginTime, Instant peakTime, Instant endTime,
    String classType, Integer noaaAr, String satellite, Integer versionId, boolean inProgress, String sourceLocation,
    List<String> linkedEventIds) {

  /** The feed an event came from. */
  public enum Source { SWPC, DONKI }

  public FlareEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(beginTime, "beginTime");
    classType = FlareClass.normalize(classType);
    linkedEventIds = linkedEventIds == null ? List.of() : List.copyOf(linkedEventIds);
  }

  /** 'A', 'B', 'C', 'M' or 'X', or null while the class is unknown. */
  public Character magnitudeClass() {
    return FlareClass.magnitude(classType);
  }

  /** An M or X flare. */
  public boolean isMajor() {
    Character magnitude = magnitudeClass();
    return magnitude != null && FlareClass.isMajor(magnitude);
  }

  /** When the flare counts as happening: its peak, or its begin while the peak is unknown. */
  public Instant referenceTime() {
    return peakTime != null ? peakTime : beginTime;
  }
}
