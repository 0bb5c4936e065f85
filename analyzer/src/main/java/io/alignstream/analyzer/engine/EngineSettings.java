package io.alignstream.analyzer.engine;

import io.alignstream.analyzer.refit.RefitSettings;
import java.time.Duration;

/**
 * @param refit how groups are refitted
 * @param maxWindows alignment windows kept in memory (most recently updated)
 * @param publishFits whether fits go to scaling-fits (off: serve them over the API only)
 * @param clientId prefix of the Kafka client ids
 * @param discoverEvery how often the reader looks for new partitions
 */
public record EngineSettings(RefitSettings refit, int maxWindows, boolean publishFits, String clientId,
    Duration discoverEvery) {

  public static EngineSettings defaults() {
    return new EngineSettings(RefitSettings.defaults(), 5000, true, "alignstream-analyzer", Duration.ofSeconds(30));
  }

  public EngineSettings withClientId(String value) {
    return new EngineSettings(refit, maxWindows, publishFits, value, discoverEvery);
  }
}
