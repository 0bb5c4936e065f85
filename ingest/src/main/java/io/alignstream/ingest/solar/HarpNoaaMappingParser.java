package io.alignstream.ingest.solar;

import io.alignstream.ingest.sample.Parsed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses JSOC's HARP→NOAA mapping file: a header {@code HARPNUM NOAA_ARS}, then one line per HARP such
 * as {@code 284 11133,11134}, whitespace-separated, item {@code sourceRef:line}. A line without exactly
 * a HARP number and a comma list of NOAA numbers is one bad item; a header-only file is an empty
 * mapping; an empty payload or an HTML error page is one bad item.
 */
public final class HarpNoaaMappingParser implements SolarParser<HarpNoaaMapping> {

  @Override
  public List<Parsed<HarpNoaaMapping>> parse(String content, String sourceRef) {
    try {
      JsonPayload.checkNotEmptyOrHtml(content);
    } catch (BadInputException e) {
      return List.of(Reasons.bad(e.getMessage(), sourceRef, content));
    }
    List<Parsed<HarpNoaaMapping>> out = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    boolean first = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      // The header is optional so that a concatenation of files or a hand-made excerpt still reads.
      if (first && line.toUpperCase(Locale.ROOT).startsWith("HARPNUM")) {
        first = false;
        continue;
      }
      first = false;
      String ref = sourceRef + ":" + (i + 1);
      try {
        out.add(Parsed.ok(line(line), ref));
      } catch (BadInputException e) {
        out.add(Reasons.bad(e.getMessage(), ref, lines[i]));
      }
    }
    return out;
  }

  private static HarpNoaaMapping line(String line) throws BadInputException {
    String[] parts = line.split("\\s+");
    if (parts.length != 2) {
      throw new BadInputException("expected 'HARPNUM NOAA_ARS' (2 fields), got " + parts.length + " in "
          + Reasons.quote(line));
    }
    int harpnum = SharpRows.harpnum(parts[0]);
    List<Integer> noaa = new ArrayList<>();
    for (String number : parts[1].split(",")) {
      if (number.isBlank()) {
        continue;
      }
      try {
        int value = Integer.parseInt(number.strip());
        if (value <= 0) {
          throw new NumberFormatException();
        }
        noaa.add(value);
      } catch (NumberFormatException e) {
        throw new BadInputException("NOAA_ARS " + Reasons.quote(parts[1]) + " has " + Reasons.quote(number)
            + ", not a NOAA number");
      }
    }
    if (noaa.isEmpty()) {
      throw new BadInputException("NOAA_ARS " + Reasons.quote(parts[1]) + " names no NOAA region");
    }
    return new HarpNoaaMapping(harpnum, noaa);
  }
}
