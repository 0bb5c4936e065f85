package io.alignstream.ingest.solar;

import java.time.Instant;
import java.util.Objects;

/**
 * One GOES X-ray flux reading of the SWPC {@code xrays-*.json} feed (two per minute, one per channel).
 *
 * @param time the minute of the reading (UTC)
 * @param satellite the GOES satellite number, e.g. 18
 * @param energy the channel, {@link #LONG_CHANNEL} or {@link #SHORT_CHANNEL}
 * @param flux the flux in W m⁻², {@code NaN} when the feed has none for that minute
 * @param electronContamination whether SWPC flagged the reading as contaminated by electrons
 */
public record XrayFlux(Instant time, int satellite, String energy, double flux, boolean electronContamination) {

  /** The channel that defines the flare class. */
  public static final String LONG_CHANNEL = "0.1-0.8nm";
  /** The short-wavelength channel. */
  public static final String SHORT_CHANNEL = "0.05-0.4nm";

  public XrayFlux {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(energy, "energy");
  }

  public boolean isLongChannel() {
    return LONG_CHANNEL.equals(energy);
  }

  /** Whether there is a flux value at all (the feed writes null for gaps). */
  public boolean hasFlux() {
    return !Double.isNaN(flux);
  }

  /** The flare class of this reading; null for the short channel or a missing flux. */
  public String flareClass() {
    return isLongChannel() ? FlareClass.of(flux) : null;
  }
}
