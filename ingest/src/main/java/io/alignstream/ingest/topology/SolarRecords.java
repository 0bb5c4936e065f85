package io.alignstream.ingest.topology;

import io.alignstream.ingest.sample.Samples;
import io.alignstream.ingest.solar.FlareEvent;
import io.alignstream.ingest.solar.FlareLabel;
import io.alignstream.ingest.solar.SharpKeywords;
import io.alignstream.ingest.solar.SharpRecord;
import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.solar.SolarFlare;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Conversions between the solar domain records and the Avro contract. An unlabelled SHARP sample
 * (topic {@code solar-sharp}) is a Features sample over {@link SharpKeywords#NAMES} whose metadata
 * carries HARPNUM, T_REC (ISO UTC), NOAA_AR, NOAA_NUM and NOAA_ARS; the labelled sample adds the
 * flaring-history features and the label.
 */
public final class SolarRecords {
  public static final String TASK = "solar.flare24h";
  /** Flaring-history features appended to the SHARP keywords, from [t−24h, t) only. */
  public static final List<String> HISTORY = List.of("HIST_C24", "HIST_M24", "HIST_X24", "HIST_INDEX24");

  private SolarRecords() {}

  public static Sample unlabelled(SharpRecord r, Role role, String source) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("HARPNUM", Integer.toString(r.harpnum()));
    metadata.put("T_REC", r.tRec().toString());
    if (r.noaaAr() != null) {
      metadata.put("NOAA_AR", r.noaaAr().toString());
    }
    if (r.noaaNum() != null) {
      metadata.put("NOAA_NUM", r.noaaNum().toString());
    }
    metadata.put("NOAA_ARS", r.noaaArs().stream().map(String::valueOf).collect(Collectors.joining(",")));
    metadata.put("MULTI_AR", Boolean.toString(r.multiAr()));
    Features f = new Features(new ArrayList<>(SharpKeywords.NAMES),
        Arrays.stream(r.features()).boxed().toList(), null);
    return Samples.of(TASK, role, source, "harp-" + r.harpnum(), f, r.tRec(), metadata);
  }

  /** Reads an unlabelled SHARP sample back; throws IllegalArgumentException with the reason when it is not one. */
  public static SharpRecord sharp(Sample s) {
    if (!(s.getPayload() instanceof Features f)) {
      throw new IllegalArgumentException("a SHARP sample needs a Features payload, not "
          + s.getPayload().getClass().getSimpleName());
    }
    Map<String, String> m = s.getMetadata();
    if (m.get("HARPNUM") == null || m.get("T_REC") == null) {
      throw new IllegalArgumentException("a SHARP sample needs HARPNUM and T_REC metadata");
    }
    Map<String, Double> keywords = new LinkedHashMap<>();
    for (int i = 0; i < f.getNames().size(); i++) {
      keywords.put(f.getNames().get(i), f.getValues().get(i));
    }
    List<Integer> ars = m.getOrDefault("NOAA_ARS", "").isBlank() ? List.of()
        : Arrays.stream(m.get("NOAA_ARS").split(",")).map(String::trim).map(Integer::valueOf).toList();
    try {
      return new SharpRecord(Integer.parseInt(m.get("HARPNUM")), Instant.parse(m.get("T_REC")),
          m.get("NOAA_AR") == null ? null : Integer.valueOf(m.get("NOAA_AR")),
          m.get("NOAA_NUM") == null ? null : Integer.valueOf(m.get("NOAA_NUM")), ars, keywords);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad SHARP metadata " + m + ": " + e.getMessage(), e);
    }
  }

  /** The labelled training sample: SHARP keywords + history features, label 1.0 for an M/X flare within 24 h. */
  public static Sample labelled(Sample unlabelled, FlareLabel label) {
    Features f = (Features) unlabelled.getPayload();
    List<String> names = new ArrayList<>(f.getNames());
    names.addAll(HISTORY);
    List<Double> values = new ArrayList<>(f.getValues());
    values.add((double) label.history().cCount());
    values.add((double) label.history().mCount());
    values.add((double) label.history().xCount());
    values.add(label.history().decayedFlareIndex());
    Map<String, String> metadata = new LinkedHashMap<>(unlabelled.getMetadata());
    metadata.put("LABEL_WINDOW_CLOSED_AT", label.windowClosesAt().toString());
    if (label.strongestClass() != null) {
      metadata.put("FLARE_CLASS", label.strongestClass());
    }
    return Samples.of(unlabelled.getTask(), unlabelled.getRole(), unlabelled.getSource(), unlabelled.getDomain(),
        new Features(names, values, label.positive() ? 1.0 : 0.0), unlabelled.getEventTime(), metadata);
  }

  public static SolarFlare avro(FlareEvent e, Instant received) {
    return SolarFlare.newBuilder()
        .setId(e.id())
        .setSource(e.source().name().toLowerCase(java.util.Locale.ROOT))
        .setBeginTime(e.beginTime())
        .setPeakTime(e.peakTime())
        .setEndTime(e.endTime())
        .setClassType(e.classType())
        .setNoaaAr(e.noaaAr())
        .setSatellite(e.satellite())
        .setVersion(e.versionId() == null ? null : e.versionId().longValue())
        .setInProgress(e.inProgress())
        .setReceivedTime(received)
        .build();
  }

  public static FlareEvent event(SolarFlare f) {
    return new FlareEvent(f.getId(), FlareEvent.Source.valueOf(f.getSource().toUpperCase(java.util.Locale.ROOT)),
        f.getBeginTime(), f.getPeakTime(), f.getEndTime(), f.getClassType(), f.getNoaaAr(), f.getSatellite(),
        f.getVersion() == null ? null : f.getVersion().intValue(), f.getInProgress(), null, List.of());
  }
}
