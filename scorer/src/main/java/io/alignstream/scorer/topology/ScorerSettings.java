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
 * @param methodsByFamily task family → methods (task2vec, embedding, dsir, gzip); families not listed get {@code defaultMethods}
 * @param targetWait pool samples of a task without any published target wait this long for one
 *     before they are passed on without scores
 * @param encoderReferenceEvery the encoders' target means (seconds of work) are recomputed at most this
 *     often, when targets were added
 * @param poolWarmup a task's first pool samples wait (at most {@code targetWait}) until this many are
 *     there, and are then scored as one batch: the contrast scores' pool mean P and DSIR's raw
 *     distribution of a task are first estimated from that many samples, not from one batch of 64
 *     (whose immature P shifted Task2Vec routing scores by about 2 on a calibrated scale); P then stays
 *     the mean of those first samples, so the scores stay on one scale while the pool grows; 0 = off
 *     (no warm-up, P the running mean of every sample)
 */
public record ScorerSettings(int batchSize, Duration batchMaxWait, Duration publishEvery, int gzipReferenceSize,
    Map<String, Set<String>> methodsByFamily, Set<String> defaultMethods,
    Duration targetWait, Duration encoderReferenceEvery, int poolWarmup) {

  /** Without a pool warm-up. */
  public ScorerSettings(int batchSize, Duration batchMaxWait, Duration publishEvery, int gzipReferenceSize,
      Map<String, Set<String>> methodsByFamily, Set<String> defaultMethods,
      Duration targetWait, Duration encoderReferenceEvery) {
    this(batchSize, batchMaxWait, publishEvery, gzipReferenceSize, methodsByFamily, defaultMethods,
        targetWait, encoderReferenceEvery, 0);
  }

  /** With the default encoder refresh (30 s) and no pool warm-up. */
  public ScorerSettings(int batchSize, Duration batchMaxWait, Duration publishEvery, int gzipReferenceSize,
      Map<String, Set<String>> methodsByFamily, Set<String> defaultMethods,
      Duration targetWait) {
    this(batchSize, batchMaxWait, publishEvery, gzipReferenceSize, methodsByFamily, defaultMethods,
        targetWait, Duration.ofSeconds(30));
  }

  public static final String TASK2VEC = "task2vec";
  public static final String DSIR = "dsir";
  public static final String GZIP = "gzip";
  public static final String EMBEDDING = "embedding";
  /** Every method the scorer knows. */
  public static final Set<String> METHODS = Set.of(TASK2VEC, EMBEDDING, DSIR, GZIP);

  public static ScorerSettings defaults() {
    return new ScorerSettings(64, Duration.ofMillis(500), Duration.ofSeconds(2), 32, Map.of("mt", Set.of(TASK2VEC, EMBEDDING, DSIR, GZIP), "lm", Set.of(TASK2VEC, EMBEDDING, DSIR, GZIP)),
        Set.of(TASK2VEC), Duration.ofMinutes(1), Duration.ofSeconds(30), DEFAULT_POOL_WARMUP);
  }

  /** A task's first pool samples wait until this many are there (see {@link #poolWarmup()}). */
  public static final int DEFAULT_POOL_WARMUP = 512;

  public Set<String> methods(String task) {
    return methodsByFamily.getOrDefault(task.split("\\.", 2)[0], defaultMethods);
  }
}
