package io.alignstream.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What to run. Sizes default by task and by {@code quick} (see {@link #defaults}); every field can be
 * set from the command line.
 *
 * @param kind mt, solar or stem
 * @param name experiment id: the curation family's id and the suffix of the task name
 * @param targets target samples (the trainer splits them into test, fine-tune and reference data)
 * @param pool pool samples streamed (MT: at most this many; generators: this many in all)
 * @param buckets alignment buckets of the family
 * @param maxSize the largest member size; members are at most what the pool can fill
 * @param sizes member sizes per bucket (ascending, the last ≤ maxSize); null = one size, the largest that fits
 * @param warmup pool samples whose scores set the bucket boundaries (equal-mass quantiles)
 * @param method alignment method that cuts the buckets (task2vec, dsir, gzip)
 */
record ExperimentSpec(String kind, String name, boolean quick, Path out, Path stateDir, String lang, String targetDomain,
    Path locales, int targets, int pool, int buckets, int maxSize, long[] sizes, int warmup, String method, boolean controls,
    long seed, Duration timeout) {

  static final double BUCKET_SLACK = 1.3;

  /** The defaults of a task: small in quick mode (a few minutes on 2 cores), the research sizes otherwise. */
  static ExperimentSpec defaults(String kind, boolean quick) {
    return switch (kind) {
      case "mt" -> new ExperimentSpec(kind, null, quick, null, null, "fr", "postgres", Path.of("/usr/share/locale"),
          quick ? 300 : 1000, quick ? 3000 : 30000, 4, quick ? 512 : 4096, null, 200, "task2vec", true, 42,
          Duration.ofMinutes(quick ? 15 : 90));
      case "solar" -> new ExperimentSpec(kind, null, quick, null, null, null, null, null, quick ? 600 : 2000,
          quick ? 3000 : 40000, 4, quick ? 512 : 8192, null, 200, "task2vec", true, 42, Duration.ofMinutes(quick ? 15 : 90));
      case "stem" -> new ExperimentSpec(kind, null, quick, null, null, null, null, null, quick ? 300 : 600,
          quick ? 2000 : 15000, 4, quick ? 256 : 2048, null, 200, "task2vec", true, 42, Duration.ofMinutes(quick ? 15 : 90));
      default -> throw new IllegalArgumentException("Unknown experiment '" + kind + "': use mt, solar or stem");
    };
  }

  /** The task name: the family prefix fixes the payload and model; the rest keeps this experiment apart. */
  String task() {
    return switch (kind) {
      case "mt" -> "mt.en-" + lang + "." + name;
      case "solar" -> "solar.flare24h." + name;
      case "stem" -> "stem.size." + name;
      default -> throw new IllegalStateException(kind);
    };
  }

  String targetId() {
    return task() + "/default";
  }

  /**
   * The member sizes for a pool of {@code poolSize}: each bucket gets about (pool − warm-up) / buckets
   * samples; with some slack for uneven buckets, the largest member is the largest power of two that fits
   * (at most maxSize), unless sizes were given.
   */
  long[] memberSizes(int poolSize) {
    if (sizes != null) {
      return sizes.clone();
    }
    double perBucket = (poolSize - warmup) / (double) buckets / BUCKET_SLACK;
    long size = Long.highestOneBit(Math.max(1, (long) Math.min(maxSize, perBucket)));
    if (size < 64) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "A pool of %d samples in %d buckets leaves members of"
          + " %d samples; the trainer evaluates from 64 on. Give a larger --pool or fewer --buckets", poolSize, buckets, size));
    }
    return new long[] {size};
  }
}
