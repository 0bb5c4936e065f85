package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import io.alignstream.ingest.sample.Parsed;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses NASA DONKI flare ({@code FLR}) JSON, an array of objects, into {@link FlareEvent}s, item
 * {@code sourceRef#i} per object. The upsert key is {@code flrID}; {@code versionId} grows with each
 * revision, so a consumer keeps the highest. Times look like {@code 2024-05-10T06:27Z}. A missing
 * {@code flrID} or {@code beginTime}, an unreadable time or number, or a {@code classType} that is not
 * a GOES class reject the object; null peak, end, class or region are normal.
 */
public final class DonkiFlrParser implements SolarParser<FlareEvent> {

  @Override
  public List<Parsed<FlareEvent>> parse(String content, String sourceRef) {
    return JsonPayload.parseArray(content, sourceRef, "DONKI flare", DonkiFlrParser::read);
  }

  private static FlareEvent read(JsonNode row) throws BadInputException {
    var end = JsonFields.optionalTime(row, "endTime");
    String classType = SwpcFlaresParser.classOrNull(row, "classType");
    return new FlareEvent(JsonFields.requiredText(row, "flrID"), FlareEvent.Source.DONKI,
        JsonFields.requiredTime(row, "beginTime"), JsonFields.optionalTime(row, "peakTime"), end, classType,
        JsonFields.optionalInt(row, "activeRegionNum"), null, JsonFields.optionalInt(row, "versionId"),
        end == null || classType == null, JsonFields.optionalText(row, "sourceLocation"), linkedIds(row));
  }

  private static List<String> linkedIds(JsonNode row) throws BadInputException {
    JsonNode linked = row.get("linkedEvents");
    List<String> ids = new ArrayList<>();
    if (JsonFields.isAbsent(linked)) {
      return ids;
    }
    if (!linked.isArray()) {
      throw new BadInputException("linkedEvents: expected an array, got " + Reasons.describe(linked));
    }
    for (JsonNode event : linked) {
      if (!event.isObject()) {
        throw new BadInputException("linkedEvents entry is " + Reasons.describe(event) + ", expected an object");
      }
      String id = JsonFields.optionalText(event, "activityID");
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
