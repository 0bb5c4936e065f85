package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import io.alignstream.ingest.sample.Parsed;
import java.util.List;

/**
 * Parses the SWPC GOES {@code xrays-*.json} feed (a JSON array, two objects per minute, one per
 * {@code energy} channel) into {@link XrayFlux} readings, item {@code sourceRef#i} per object. A null
 * {@code flux} is a gap, kept as {@code NaN}; the contamination flag is read from the upstream spelling
 * {@code electron_contaminaton} or the correct one. Missing or unreadable {@code time_tag},
 * {@code satellite} or {@code energy}, or a non-numeric flux, reject the object.
 */
public final class SwpcXraysParser implements SolarParser<XrayFlux> {

  @Override
  public List<Parsed<XrayFlux>> parse(String content, String sourceRef) {
    return JsonPayload.parseArray(content, sourceRef, "X-ray flux", SwpcXraysParser::read);
  }

  private static XrayFlux read(JsonNode row) throws BadInputException {
    String contamination = row.has("electron_contamination") ? "electron_contamination" : "electron_contaminaton";
    return new XrayFlux(JsonFields.requiredTime(row, "time_tag"), JsonFields.requiredInt(row, "satellite"),
        JsonFields.requiredText(row, "energy"), JsonFields.optionalDouble(row, "flux"),
        JsonFields.optionalBoolean(row, contamination, false));
  }
}
