package io.alignstream.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code alignstream.trainer.*}: what the trainer trains and how (application.properties says why). */
@ConfigMapping(prefix = "alignstream.trainer")
public interface TrainerConfig {

  /** Names the run in results and checkpoints; a new one starts every dataset afresh. */
  @WithDefault("run-1")
  String runId();

  /** {@code ci} or {@code default} hyper-parameters for every family. */
  @WithDefault("default")
  String modelSize();

  @WithDefault("20261122")
  long seed();

  /** Solar model inputs; absent = the 18 SHARP keywords. */
  Optional<List<String>> solarFeatures();

  @WithDefault("32")
  int batchSize();

  Evaluation evaluation();

  FineTune fineTune();

  Targets targets();

  Datasets datasets();

  @WithDefault(".alignstream/trainer")
  String checkpointDir();

  @WithDefault("1000")
  long checkpointEverySamples();

  @WithDefault("PT30S")
  Duration checkpointEvery();

  @WithDefault("1")
  int workers();

  @WithDefault("500")
  int maxPollRecords();

  @WithDefault("PT10S")
  Duration discoverEvery();

  @WithDefault("PT2M")
  Duration maxPollAge();

  /** Log-spaced evaluation sizes D. */
  interface Evaluation {
    @WithDefault("64")
    long minSize();

    @WithDefault("1048576")
    long maxSize();

    @WithDefault("2")
    double factor();
  }

  /** Fine-tuning a copy of the model on the task's fine-tune split before each evaluation. */
  interface FineTune {
    @WithDefault("0")
    int steps();

    @WithDefault("32")
    int batchSize();
  }

  /** How a task's TARGET samples become its reference, fine-tune and test splits. */
  interface Targets {
    @WithDefault("0.5")
    double testFraction();

    @WithDefault("0.25")
    double fineTuneFraction();

    @WithDefault("50")
    int minSamples();

    @WithDefault("2000")
    int maxSamples();
  }

  /** Which curated datasets to train. */
  interface Datasets {
    /** Regular expression over dataset ids (whole match). */
    @WithDefault(".*")
    String include();

    /** {@code pattern}: every matching curated topic; {@code manifest}: only datasets with a manifest. */
    @WithDefault("pattern")
    String selection();

    /**
     * How long a new dataset's records wait for its manifest before it trains without one (then its
     * results carry no family and its alignment means take every target's scores).
     */
    @WithDefault("PT30S")
    Duration manifestWait();
  }
}
