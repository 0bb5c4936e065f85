package io.alignstream.trainer.service;

import io.alignstream.trainer.model.SolarHyperParameters;
import io.alignstream.trainer.train.ProtocolConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the {@link TrainerEngine} is configured with ({@code alignstream.trainer.*}; the
 * application.properties say why each default is what it is).
 *
 * @param runId names the run in every result and checkpoint; a new run id starts every dataset afresh
 * @param clientId prefix of the Kafka client ids
 * @param modelSize hyper-parameter size of every family's model
 * @param seed initialisation seed of every model (one for all datasets: identical models)
 * @param solarFeatures solar model inputs by name
 * @param batchSize samples per optimizer step
 * @param evaluationMinSize smallest evaluation size D
 * @param evaluationMaxSize largest log-spaced evaluation size
 * @param evaluationFactor ratio of consecutive evaluation sizes (&gt; 1)
 * @param fineTuneSteps steps on the task's fine-tune split before each evaluation, on a copy (0 = none)
 * @param fineTuneBatchSize samples per fine-tuning step
 * @param testFraction share of a task's target samples in its test split (by a hash of the sample id)
 * @param fineTuneFraction share in its fine-tune split
 * @param minTargetSamples target samples a task needs before any of its datasets trains
 * @param maxTargetSamples target samples kept per task at most (the smallest id hashes)
 * @param datasetInclude dataset ids to train (whole-id match)
 * @param selection how datasets are found: every matching curated topic, or only announced ones
 * @param manifestWait how long a new dataset's records wait for its manifest (task, family, target) before
 *     it trains without one; zero trains at once
 * @param checkpointDir root of the checkpoints
 * @param checkpointEverySamples checkpoint a dataset after this many records since its last one
 * @param checkpointEvery and at least this often while it has unsaved records
 * @param workers datasets trained in parallel
 * @param maxPollRecords records per poll (the unit of work handed to the workers)
 * @param discoverEvery how often curated topics and partitions are looked up
 * @param maxPollAge readiness fails when the loop has made no progress for longer
 */
public record TrainerSettings(String runId, String clientId, ModelSize modelSize, long seed, List<String> solarFeatures,
    int batchSize, long evaluationMinSize, long evaluationMaxSize, double evaluationFactor, int fineTuneSteps,
    int fineTuneBatchSize, double testFraction, double fineTuneFraction, int minTargetSamples, int maxTargetSamples,
    Pattern datasetInclude, DatasetSelection selection, Duration manifestWait, Path checkpointDir, long checkpointEverySamples,
    Duration checkpointEvery, int workers, int maxPollRecords, Duration discoverEvery, Duration maxPollAge) {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** How the datasets to train are found. */
  public enum DatasetSelection {
    /** Every curated topic whose dataset id matches {@code datasetInclude}, manifest or not. */
    PATTERN,
    /** Only datasets with a manifest on {@code datasets} (and a matching id). */
    MANIFEST
  }

  public TrainerSettings {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run id must be [A-Za-z0-9._-], at most 100 characters: " + runId);
    }
    solarFeatures = List.copyOf(solarFeatures);
    if (!(testFraction > 0) || fineTuneFraction < 0 || testFraction + fineTuneFraction > 1) {
      throw new IllegalArgumentException("need 0 < test fraction, 0 ≤ fine-tune fraction, sum ≤ 1: " + testFraction
          + ", " + fineTuneFraction);
    }
    if (minTargetSamples < 1 || maxTargetSamples < minTargetSamples) {
      throw new IllegalArgumentException("need 1 ≤ min ≤ max target samples: " + minTargetSamples + ", "
          + maxTargetSamples);
    }
    if (manifestWait == null || manifestWait.isNegative()) {
      throw new IllegalArgumentException("manifest wait must be ≥ 0: " + manifestWait);
    }
    if (workers < 1 || maxPollRecords < 1 || checkpointEverySamples < 1) {
      throw new IllegalArgumentException("workers, max poll records and checkpoint-every-samples must be ≥ 1");
    }
    // validates sizes, batch and fine-tune settings the same way the protocol will
    new ProtocolConfig(runId, "check", null, batchSize,
        ProtocolConfig.logSpacedSizes(evaluationMinSize, evaluationMaxSize, evaluationFactor), fineTuneSteps,
        fineTuneBatchSize);
  }

  /** The log-spaced evaluation sizes (a sealed dataset's final size comes on top). */
  public List<Long> evaluationSizes() {
    return ProtocolConfig.logSpacedSizes(evaluationMinSize, evaluationMaxSize, evaluationFactor);
  }

  /** The protocol of one dataset. */
  public ProtocolConfig protocol(String task, String family) {
    return new ProtocolConfig(runId, task, family, batchSize, evaluationSizes(), fineTuneSteps, fineTuneBatchSize);
  }

  public static Builder builder(String runId, Path checkpointDir) {
    return new Builder(runId, checkpointDir);
  }

  /** The defaults of application.properties, to be adjusted. */
  public static final class Builder {
    private String runId;
    private String clientId = "alignstream-trainer";
    private ModelSize modelSize = ModelSize.DEFAULT;
    private long seed = 20261122L;
    private List<String> solarFeatures = SolarHyperParameters.SHARP_FEATURES;
    private int batchSize = 32;
    private long evaluationMinSize = 64;
    private long evaluationMaxSize = 1L << 20;
    private double evaluationFactor = 2;
    private int fineTuneSteps;
    private int fineTuneBatchSize = 32;
    private double testFraction = 0.5;
    private double fineTuneFraction = 0.25;
    private int minTargetSamples = 50;
    private int maxTargetSamples = 2000;
    private Pattern datasetInclude = Pattern.compile(".*");
    private DatasetSelection selection = DatasetSelection.PATTERN;
    private Duration manifestWait = Duration.ofSeconds(30);
    private Path checkpointDir;
    private long checkpointEverySamples = 1000;
    private Duration checkpointEvery = Duration.ofSeconds(30);
    private int workers = 1;
    private int maxPollRecords = 500;
    private Duration discoverEvery = Duration.ofSeconds(10);
    private Duration maxPollAge = Duration.ofMinutes(2);

    private Builder(String runId, Path checkpointDir) {
      this.runId = runId;
      this.checkpointDir = checkpointDir;
    }

    public Builder clientId(String v) {
      clientId = v;
      return this;
    }

    public Builder modelSize(ModelSize v) {
      modelSize = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder solarFeatures(List<String> v) {
      solarFeatures = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder evaluationSizes(long min, long max, double factor) {
      evaluationMinSize = min;
      evaluationMaxSize = max;
      evaluationFactor = factor;
      return this;
    }

    public Builder fineTune(int steps, int batch) {
      fineTuneSteps = steps;
      fineTuneBatchSize = batch;
      return this;
    }

    public Builder targets(double test, double fineTune, int min, int max) {
      testFraction = test;
      fineTuneFraction = fineTune;
      minTargetSamples = min;
      maxTargetSamples = max;
      return this;
    }

    public Builder datasets(Pattern include, DatasetSelection how) {
      datasetInclude = include;
      selection = how;
      return this;
    }

    public Builder manifestWait(Duration v) {
      manifestWait = v;
      return this;
    }

    public Builder checkpointEvery(long samples, Duration time) {
      checkpointEverySamples = samples;
      checkpointEvery = time;
      return this;
    }

    public Builder workers(int v) {
      workers = v;
      return this;
    }

    public Builder maxPollRecords(int v) {
      maxPollRecords = v;
      return this;
    }

    public Builder discoverEvery(Duration v) {
      discoverEvery = v;
      return this;
    }

    public Builder maxPollAge(Duration v) {
      maxPollAge = v;
      return this;
    }

    public TrainerSettings build() {
      return new TrainerSettings(runId, clientId, modelSize, seed, solarFeatures, batchSize, evaluationMinSize,
          evaluationMaxSize, evaluationFactor, fineTuneSteps, fineTuneBatchSize, testFraction, fineTuneFraction,
          minTargetSamples, maxTargetSamples, datasetInclude, selection, manifestWait, checkpointDir, checkpointEverySamples,
          checkpointEvery, workers, maxPollRecords, discoverEvery, maxPollAge);
    }
  }
}
