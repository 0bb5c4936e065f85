package io.alignstream.ingest.solar;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One SHARP record: the space-weather keywords of HARP {@code harpnum} at {@code tRec}.
 *
 * @param harpnum the HMI active-region patch number
 * @param tRec the record time in UTC (JSOC's TAI {@code T_REC} already converted, see {@link SharpTime})
 * @param noaaAr the patch's main NOAA active region, null when JSOC has none ({@code MISSING} or 0)
 * @param noaaNum how many NOAA regions the patch covers, null when not given
 * @param noaaArs every NOAA region of the patch (JSOC's comma list), empty when none; immutable
 * @param keywords the 18 keywords in {@link SharpKeywords#NAMES} order, {@code NaN} where missing;
 *     always exactly those 18 keys, immutable
 */
public record SharpRecord(int harpnum, Instant tRec, Integer noaaAr, Integer noaaNum, List<Integer> noaaArs,
    Map<String, Double> keywords) {

  public SharpRecord {
    Objects.requireNonNull(tRec, "tRec");
    noaaArs = noaaArs == null ? List.of() : List.copyOf(noaaArs);
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String name : SharpKeywords.NAMES) {
      Double value = keywords == null ? null : keywords.get(name);
      ordered.put(name, value == null ? Double.NaN : value);
    }
    keywords = Collections.unmodifiableMap(ordered);
  }

  /**
   * A patch spanning several NOAA regions (Newman et al. 2025 exclude these): NOAA_NUM &gt; 1 or more
   * than one number in NOAA_ARS.
   */
  public boolean multiAr() {
    return (noaaNum != null && noaaNum > 1) || noaaArs.size() > 1;
  }

  /** Every NOAA region this patch is attributed to: NOAA_ARS plus NOAA_AR, without repeats. */
  public Set<Integer> regions() {
    Set<Integer> regions = new LinkedHashSet<>(noaaArs);
    if (noaaAr != null) {
      regions.add(noaaAr);
    }
    return Collections.unmodifiableSet(regions);
  }

  /** The value of one keyword, {@code NaN} where missing; unknown names are an error. */
  public double keyword(String name) {
    Double value = keywords.get(name);
    if (value == null) {
      throw new IllegalArgumentException("not a SHARP keyword: " + name + " (see SharpKeywords.NAMES)");
    }
    return value;
  }

  /** The keywords as a feature vector in {@link SharpKeywords#NAMES} order (a fresh array). */
  public double[] features() {
    return keywords.values().stream().mapToDouble(Double::doubleValue).toArray();
  }
}
