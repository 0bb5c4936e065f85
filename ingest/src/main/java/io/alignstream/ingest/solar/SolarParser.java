package io.alignstream.ingest.solar;

import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A parser of one solar payload (a feed response or a file) into records.
 *
 * <p>Guarantees: never throws on bad input; each bad record is one {@code Parsed.bad} with a reason
 * naming what field, what value and where; a payload that cannot be read at all (truncated JSON, an
 * HTTP error page, a JSOC {@code status != 0}) is exactly one bad item carrying the whole payload as
 * its raw text; good records come out in source order.
 *
 * @param <T> the record type produced
 */
public interface SolarParser<T> {

  /**
   * @param content the payload text, may be null or empty (then one bad item)
   * @param sourceRef where it came from (URL or path); row references extend it
   */
  List<Parsed<T>> parse(String content, String sourceRef);

  /** Reads the stream fully as UTF-8 and parses it; a read failure is one bad item. */
  default List<Parsed<T>> parse(InputStream in, String sourceRef) {
    if (in == null) {
      return List.of(Parsed.bad("no input stream for " + sourceRef, sourceRef, null));
    }
    String content;
    try (in) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(Parsed.bad("could not read " + sourceRef + ": " + e.getMessage(), sourceRef, null));
    }
    return parse(content, sourceRef);
  }
}
