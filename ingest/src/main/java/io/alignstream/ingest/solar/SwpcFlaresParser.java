package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import io.alignstream.ingest.sample.Parsed;
import java.time.Instant;
import java.util.List;

/**
 * Parses the SWPC GOES {@code xray-flares-*.json} feed into {@link FlareEvent}s, item
 * {@code sourceRef#i} per object. The upsert key is {@code satellite@begin_time}
 * (e.g. {@code 16@2022-09-26T08:48:00Z}); {@code max_time} is the peak, {@code max_class} the class.
 * While a flare runs the feed writes {@code "Unk"} or null for the peak and end: those become nulls
 * and {@code inProgress = true}, not errors. A missing {@code begin_time} or {@code satellite}, an
 * unreadable time or a {@code max_class} that is not a GOES class reject the object.
 */
public final class SwpcFlaresParser implements SolarParser<FlareEvent> {

  @Override
  public List<Parsed<FlareEvent>> parse(String content, String sourceRef) {
    return JsonPayload.parseArray(content, sourceRef, "X-ray flare", SwpcFlaresParser::read);
  }

  private static FlareEvent read(JsonNode row) throws BadInputException {
    Instant begin = JsonFields.requiredTime(row, "begin_time");
    int satellite = JsonFields.requiredInt(row, "satellite");
    Instant peak = JsonFields.optionalTime(row, "max_time");
    Instant end = JsonFields.optionalTime(row, "end_time");
    String classType = classOrNull(row, "max_class");
    return new FlareEvent(satellite + "@" + begin, FlareEvent.Source.SWPC, begin, peak, end, classType, null,
        String.valueOf(satellite), null, end == null || classType == null, null, List.of());
  }

  static String classOrNull(JsonNode row, String field) throws BadInputException {
    String text = JsonFields.optionalText(row, field);
    if (text != null && !FlareClass.isValid(text)) {
      throw new BadInputException(field + " " + Reasons.quote(text) + " is not a GOES class like M1.2");
    }
    return text;
  }
}
