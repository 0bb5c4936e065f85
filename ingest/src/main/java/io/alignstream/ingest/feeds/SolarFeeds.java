package io.alignstream.ingest.feeds;

import io.alignstream.ingest.solar.DonkiFlrParser;
import io.alignstream.ingest.solar.FlareClass;
import io.alignstream.ingest.solar.FlareEvent;
import io.alignstream.ingest.solar.JsocRsListParser;
import io.alignstream.ingest.solar.SharpRecord;
import io.alignstream.ingest.solar.SolarRegion;
import io.alignstream.ingest.solar.SwpcFlaresParser;
import io.alignstream.ingest.solar.SwpcRegionsParser;
import io.alignstream.ingest.solar.SwpcXraysParser;
import io.alignstream.ingest.solar.XrayFlux;
import io.alignstream.ingest.topology.SolarRecords;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.solar.SolarObservation;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The five live solar feeds (DESIGN §7): where each one's records go and how they are keyed.
 * URLs come from configuration; these are the mappings.
 */
public final class SolarFeeds {
  /** JSOC's T_REC form; TAI is 37 s ahead of UTC. */
  private static final DateTimeFormatter T_REC = DateTimeFormatter.ofPattern("yyyy.MM.dd_HH:mm:ss").withZone(ZoneOffset.UTC);

  private SolarFeeds() {}

  /** GOES X-ray flux (time series) → solar-observations. */
  public static Feed xrays(String url, TopicCatalogue topics) {
    return new RecordFeed<>(new RecordFeed.Spec<XrayFlux>("swpc-xrays", url, new SwpcXraysParser(),
        x -> x.satellite() + "/" + x.time() + "/" + x.energy(), XrayFlux::time,
        (x, now) -> new FeedBatch.Out<>(topics.solarObservations(), "swpc-xrays/" + x.satellite() + "/" + x.time() + "/"
            + x.energy(), xray(x)),
        false, Duration.ZERO, t -> "", Duration.ZERO));
  }

  /** SWPC X-ray flares (upsert on satellite + begin time) → solar-flares. */
  public static Feed swpcFlares(String url, TopicCatalogue topics) {
    return flares("swpc-xray-flares", url, new SwpcFlaresParser(), topics, Duration.ofDays(8));
  }

  /** NASA DONKI FLR (upsert on flrID, versionId grows) → solar-flares. */
  public static Feed donkiFlares(String urlTemplate, TopicCatalogue topics) {
    return flares("donki-flr", urlTemplate, new DonkiFlrParser(), topics, Duration.ofDays(31));
  }

  /** SWPC solar regions (upsert on region + date) → solar-observations. */
  public static Feed regions(String url, TopicCatalogue topics) {
    return new RecordFeed<>(new RecordFeed.Spec<SolarRegion>("swpc-regions", url, new SwpcRegionsParser(),
        SolarRegion::key, r -> r.observedDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
        (r, now) -> new FeedBatch.Out<>(topics.solarObservations(), "swpc-regions/" + r.key(), region(r)),
        true, Duration.ofDays(8), t -> "", Duration.ZERO));
  }

  /** JSOC SHARP records after the cursor's T_REC ({@code {since}} in the URL) → solar-sharp, keyed by HARPNUM. */
  public static Feed sharp(String urlTemplate, TopicCatalogue topics) {
    return new RecordFeed<>(new RecordFeed.Spec<SharpRecord>("jsoc-sharp", urlTemplate, new JsocRsListParser(),
        r -> r.harpnum() + "@" + r.tRec(), SharpRecord::tRec,
        (r, now) -> new FeedBatch.Out<>(topics.solarSharp(), Integer.toString(r.harpnum()),
            SolarRecords.unlabelled(r, Role.POOL, "feed:jsoc-sharp")),
        false, Duration.ZERO, t -> T_REC.format(t.plusSeconds(37).plusSeconds(1)) + "_TAI", Duration.ofDays(1)));
  }

  private static Feed flares(String name, String url, io.alignstream.ingest.solar.SolarParser<FlareEvent> parser,
      TopicCatalogue topics, Duration retention) {
    return new RecordFeed<>(new RecordFeed.Spec<FlareEvent>(name, url, parser, FlareEvent::id, FlareEvent::beginTime,
        (e, now) -> new FeedBatch.Out<>(topics.solarFlares(), e.id(), SolarRecords.avro(e, now)),
        // Ask again for the whole retention span, so revisions of older flares (DONKI versions) are seen.
        true, retention, t -> t.minus(retention).atOffset(ZoneOffset.UTC).toLocalDate().toString(),
        Duration.ofDays(30)));
  }

  /** A gap in the flux (null upstream) stays NaN, with no class. */
  private static SolarObservation xray(XrayFlux x) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("energy", x.energy());
    attributes.put("satellite", Integer.toString(x.satellite()));
    attributes.put("electronContamination", Boolean.toString(x.electronContamination()));
    String cls = FlareClass.of(x.flux());
    if (cls != null) {
      attributes.put("class", cls);
    }
    return new SolarObservation("swpc-xrays", x.satellite() + "/" + x.energy(), x.time(), Map.of("flux", x.flux()),
        attributes);
  }

  private static SolarObservation region(SolarRegion r) {
    Map<String, Double> values = new HashMap<>();
    put(values, "area", r.area());
    put(values, "numberSpots", r.numberSpots());
    put(values, "cXrayEvents", r.cXrayEvents());
    put(values, "mXrayEvents", r.mXrayEvents());
    put(values, "xXrayEvents", r.xXrayEvents());
    put(values, "mFlareProbability", r.mFlareProbability());
    put(values, "xFlareProbability", r.xFlareProbability());
    Map<String, String> attributes = new HashMap<>();
    attributes.put("noaa", Integer.toString(r.noaaNumber()));
    if (r.location() != null) {
      attributes.put("location", r.location());
    }
    if (r.magClass() != null) {
      attributes.put("magClass", r.magClass());
    }
    if (r.spotClass() != null) {
      attributes.put("spotClass", r.spotClass());
    }
    return new SolarObservation("swpc-regions", r.key(), r.observedDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
        values, attributes);
  }

  private static void put(Map<String, Double> values, String name, Integer v) {
    if (v != null) {
      values.put(name, v.doubleValue());
    }
  }

}
