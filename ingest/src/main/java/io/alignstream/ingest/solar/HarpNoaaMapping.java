package io.alignstream.ingest.solar;

import java.util.List;

/**
 * Which NOAA active regions a HARP covers, from JSOC's {@code all_harps_with_noaa_ars.txt}.
 *
 * @param harpnum the HARP
 * @param noaaArs its NOAA numbers in file order, at least one; immutable
 */
public record HarpNoaaMapping(int harpnum, List<Integer> noaaArs) {

  public HarpNoaaMapping {
    noaaArs = List.copyOf(noaaArs);
    if (noaaArs.isEmpty()) {
      throw new IllegalArgumentException("HARP " + harpnum + " maps to no NOAA region");
    }
  }

  /** A patch spanning more than one NOAA region. */
  public boolean multiAr() {
    return noaaArs.size() > 1;
  }
}
