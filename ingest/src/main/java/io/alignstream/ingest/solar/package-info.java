/**
 * Parsers and domain records for the solar-flare formats of DESIGN §7: JSOC {@code jsoc_info}
 * JSON and CSV (SHARP keywords), SWAN-SF partition files, the HARP→NOAA mapping, the NOAA SWPC GOES
 * feeds (X-ray flux, flare list, solar regions) and NASA DONKI flares, plus the leakage-free flare
 * labeler.
 *
 * <p>Everything here is a pure function of its input: no Kafka, no HTTP, no clock. Every parser
 * implements {@link io.alignstream.ingest.solar.SolarParser} and never throws on bad data; a bad
 * record becomes a {@code Parsed.bad} whose reason names the field, the value and the place, and the
 * good records around it still come out. Row references are {@code sourceRef#i} (0-based index of a
 * JSON record or JSOC column position) or {@code sourceRef:n} (1-based line of a text file).
 */
package io.alignstream.ingest.solar;
