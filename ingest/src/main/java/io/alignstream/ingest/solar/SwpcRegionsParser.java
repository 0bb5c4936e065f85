package io.alignstream.ingest.solar;

import com.fasterxml.jackson.databind.JsonNode;
import io.alignstream.ingest.sample.Parsed;
import java.util.List;

/**
 * Parses SWPC {@code solar_regions.json} (a JSON array of daily region reports) into
 * {@link SolarRegion}s, item {@code sourceRef#i} per object. {@code region} and {@code observed_date}
 * are required; every other field may be null, but a value of the wrong type (text in a count, a
 * number in a class) rejects the object.
 */
public final class SwpcRegionsParser implements SolarParser<SolarRegion> {

  @Override
  public List<Parsed<SolarRegion>> parse(String content, String sourceRef) {
    return JsonPayload.parseArray(content, sourceRef, "solar region", SwpcRegionsParser::read);
  }

  private static SolarRegion read(JsonNode r) throws BadInputException {
    return new SolarRegion(JsonFields.requiredInt(r, "region"), JsonFields.requiredDate(r, "observed_date"),
        JsonFields.optionalText(r, "location"), JsonFields.optionalInt(r, "latitude"),
        JsonFields.optionalInt(r, "longitude"), JsonFields.optionalInt(r, "carrington_longitude"),
        JsonFields.optionalInt(r, "area"), JsonFields.optionalInt(r, "extent"),
        JsonFields.optionalInt(r, "number_spots"), JsonFields.optionalText(r, "spot_class"),
        JsonFields.optionalText(r, "mag_class"), JsonFields.optionalText(r, "status"),
        JsonFields.optionalInt(r, "c_xray_events"), JsonFields.optionalInt(r, "m_xray_events"),
        JsonFields.optionalInt(r, "x_xray_events"), JsonFields.optionalInt(r, "proton_events"),
        JsonFields.optionalInt(r, "s_flares"), JsonFields.optionalInt(r, "c_flare_probability"),
        JsonFields.optionalInt(r, "m_flare_probability"), JsonFields.optionalInt(r, "x_flare_probability"),
        JsonFields.optionalInt(r, "proton_probability"), JsonFields.optionalTime(r, "first_date"));
  }
}
