package io.alignstream.scorer.topology;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Knobs of the scorer.
 *
 * @param batchSize pool samples scored together (one Task2Vec forward/backward per batch)
 * @param batchMaxWait a partial batch is scored after this long (wall clock)
 * @param publishEvery changed target references are published at most this often
 * @param gzipReferenceSize target texts kept for gzip NCD
 * @param window tumbling window of {@code alignment-windows} (event time)
 * @param windowGrace a window is closed when stream time passes its end plus this
 * @param methodsByFamily task family → methods (task2vec, dsir, gzip); families not listed get {@code defaultMethods}
 * @param targetWait pool samples of a task without any published target wait this long for one
 *     before they are passed on without scores
 */
public record ScorerSettings(int batchSize, Duration batchMaxWait, Duration publishEvery, int gzipReferenceSize,
    Duration window, Duration windowGrace, Map<String, Set<String>> methodsByFamily, Set<String> defaultMethods,
    Duration targetWait) {

  public static final String TASK2VEC = "task2vec";
  public static final String DSIR = "dsir";
  public static final String GZIP = "gzip";

  public static ScorerSettings defaults() {
    return new ScorerSettings(64, Duration.ofMillis(500), Duration.ofSeconds(2), 32, Duration.ofMinutes(1),
        Duration.ofSeconds(10), Map.of("mt", Set.of(TASK2VEC, DSIR, GZIP), "lm", Set.of(TASK2VEC, DSIR, GZIP)),
        Set.of(TASK2VEC), Duration.ofMinutes(1));
  }

  public Set<String> methods(String task) {
    return methodsByFamily.getOrDefault(task.split("\\.", 2)[0], defaultMethods);
  }
}
