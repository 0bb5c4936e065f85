package io.alignstream.ingest.solar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One day's SWPC report on a NOAA active region ({@code solar_regions.json}); upsert on
 * {@link #key()}. Every field but the region and date may be null, as the feed leaves them out for
 * regions beyond the limb or not yet classified.
 *
 * @param region the NOAA number as SWPC prints it (4 digits since 2002: 3664 is AR 13664, see {@link #noaaNumber()})
 * @param observedDate the report date
 * @param location heliographic location such as {@code S19W87}
 * @param latitude heliographic latitude in degrees
 * @param longitude heliographic longitude in degrees
 * @param carringtonLongitude Carrington longitude in degrees
 * @param area sunspot area in millionths of the hemisphere
 * @param extent longitudinal extent in degrees
 * @param numberSpots number of sunspots
 * @param spotClass McIntosh class such as {@code Fkc}
 * @param magClass Mount Wilson magnetic class such as {@code BGD}
 * @param status SWPC's region status letter
 * @param cXrayEvents C-class X-ray events reported that day
 * @param mXrayEvents M-class X-ray events reported that day
 * @param xXrayEvents X-class X-ray events reported that day
 * @param protonEvents proton events
 * @param sFlares optical subflares
 * @param cFlareProbability SWPC's C-flare probability in percent
 * @param mFlareProbability SWPC's M-flare probability in percent
 * @param xFlareProbability SWPC's X-flare probability in percent
 * @param protonProbability SWPC's proton-event probability in percent
 * @param firstDate when the region was first seen (UTC)
 */
public record SolarRegion(int region, LocalDate observedDate, String location, Integer latitude, Integer longitude,
    Integer carringtonLongitude, Integer area, Integer extent, Integer numberSpots, String spotClass, String magClass,
    String status, Integer cXrayEvents, Integer mXrayEvents, Integer xXrayEvents, Integer protonEvents, Integer sFlares,
    Integer cFlareProbability, Integer mFlareProbability, Integer xFlareProbability, Integer protonProbability,
    Instant firstDate) {

  public SolarRegion {
    Objects.requireNonNull(observedDate, "observedDate");
  }

  /** The full NOAA number, comparable with SHARP's NOAA_AR and DONKI's activeRegionNum. */
  public int noaaNumber() {
    return NoaaNumbers.full(region);
  }

  /** The upsert key: one report per region per day. */
  public String key() {
    return region + "@" + observedDate;
  }
}
