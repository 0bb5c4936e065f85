package io.alignstream.ingest.solar;

/**
 * NOAA active-region numbers. NOAA passed 10000 in June 2002 and SWPC still prints them modulo 10000
 * (13664 as 3664), while JSOC (SHARP NOAA_AR) and DONKI write all five digits; matching regions across
 * feeds needs one form. SHARP data start in 2010, long after the wrap, so the mapping is unambiguous.
 */
public final class NoaaNumbers {
  private NoaaNumbers() {}

  /** The five-digit form: numbers below 10000 are taken as SWPC's short form of 1xxxx. */
  public static int full(int number) {
    return number > 0 && number < 10_000 ? number + 10_000 : number;
  }
}
