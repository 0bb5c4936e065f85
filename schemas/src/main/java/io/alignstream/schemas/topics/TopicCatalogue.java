package io.alignstream.schemas.topics;

import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.scored.TargetReference;
import io.alignstream.schemas.solar.FeedCursor;
import io.alignstream.schemas.solar.SolarFlare;
import io.alignstream.schemas.solar.SolarObservation;
import io.alignstream.schemas.training.TrainingResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The single source of AlignStream's topic names, their creation settings and serdes. Immutable;
 * built from {@link Settings} (a name prefix lets tests and tenants share a cluster) and a
 * {@link SerdeFactory}. Keys are strings everywhere (sample id, dataset id, fit id, ...).
 */
public final class TopicCatalogue {
  /** Where the registry keeps its schemas; never prefixed, as in Confluent's registry. */
  public static final String REGISTRY_TOPIC = "_schemas";
  private static final String CURATED = "curated-";
  private static final Pattern DATASET_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");

  /**
   * @param prefix prepended to every name (empty in production)
   * @param partitions partitions of the partitioned topics (scale-out unit of every stage)
   * @param replicationFactor replication of every topic (1 on a one-broker stack)
   */
  public record Settings(String prefix, int partitions, short replicationFactor) {
    public Settings {
      if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("Topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
      }
      if (partitions < 1 || replicationFactor < 1) {
        throw new IllegalArgumentException("partitions and replicationFactor must be >= 1");
      }
    }

    public static Settings defaults() {
      return new Settings("", 3, (short) 1);
    }
  }

  /** Makes value serdes for generated Avro classes. */
  @FunctionalInterface
  public interface SerdeFactory {
    <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);
  }

  private final Settings settings;
  private final TopicSpec<String, Sample> samplesRaw;
  private final TopicSpec<String, ScoredSample> samplesScored;
  private final TopicSpec<String, DeadLetter> deadLetters;
  private final TopicSpec<String, AlignmentWindow> alignmentWindows;
  private final TopicSpec<String, DatasetManifest> datasets;
  private final TopicSpec<String, CurationPolicy> curationPolicies;
  private final TopicSpec<String, ScoredSample> curatorByDataset;
  private final TopicSpec<String, TrainingResult> trainingResults;
  private final TopicSpec<String, ScalingFit> scalingFits;
  private final TopicSpec<String, Sample> solarSharp;
  private final TopicSpec<String, SolarFlare> solarFlares;
  private final TopicSpec<String, FeedCursor> feedCursors;
  private final TopicSpec<String, SolarObservation> solarObservations;
  private final TopicSpec<String, TargetReference> targetEmbeddings;
  private final TopicSpec<String, Sample> targetSamples;
  private final TopicSpec<String, io.alignstream.schemas.dataset.DatasetAlignment> datasetAlignment;
  private final Serde<ScoredSample> scoredSerde;

  public TopicCatalogue(Settings settings, SerdeFactory serdes) {
    this.settings = settings;
    this.scoredSerde = serdes.valueSerde(ScoredSample.class);
    this.samplesRaw = partitioned("samples-raw", serdes.valueSerde(Sample.class));
    this.samplesScored = partitioned("samples-scored", scoredSerde);
    this.deadLetters = partitioned("samples-dead-letter", serdes.valueSerde(DeadLetter.class));
    this.alignmentWindows = compacted("alignment-windows", serdes.valueSerde(AlignmentWindow.class));
    this.datasets = compacted("datasets", serdes.valueSerde(DatasetManifest.class));
    this.curationPolicies = compacted("curation-policies", serdes.valueSerde(CurationPolicy.class));
    this.curatorByDataset = partitioned("curator-by-dataset", scoredSerde);
    this.trainingResults = partitioned("training-results", serdes.valueSerde(TrainingResult.class));
    this.scalingFits = compacted("scaling-fits", serdes.valueSerde(ScalingFit.class));
    this.solarSharp = partitioned("solar-sharp", serdes.valueSerde(Sample.class));
    this.solarFlares = compacted("solar-flares", serdes.valueSerde(SolarFlare.class));
    this.feedCursors = compacted("ingest-cursors", serdes.valueSerde(FeedCursor.class));
    this.solarObservations = compacted("solar-observations", serdes.valueSerde(SolarObservation.class));
    this.targetEmbeddings = compacted("target-embeddings", serdes.valueSerde(TargetReference.class));
    this.targetSamples = partitioned("target-samples", serdes.valueSerde(Sample.class));
    this.datasetAlignment = compacted("dataset-alignment",
        serdes.valueSerde(io.alignstream.schemas.dataset.DatasetAlignment.class));
  }

  public Settings settings() {
    return settings;
  }

  /** Validated samples from every source (key: sample id). */
  public TopicSpec<String, Sample> samplesRaw() {
    return samplesRaw;
  }

  /** Samples with their alignment scores (key: sample id). */
  public TopicSpec<String, ScoredSample> samplesScored() {
    return samplesScored;
  }

  /** Everything any stage could not process, with the reason (key: original key or source ref). */
  public TopicSpec<String, DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** Per-window alignment coefficients (compacted, key: target|method|probe|groupKind|group|start). */
  public TopicSpec<String, AlignmentWindow> alignmentWindows() {
    return alignmentWindows;
  }

  /**
   * The alignment coefficient of each curated dataset against its target, per method (compacted, key:
   * {@code datasetId|targetId|method}); written by the scorer's coefficient service.
   */
  public TopicSpec<String, io.alignstream.schemas.dataset.DatasetAlignment> datasetAlignment() {
    return datasetAlignment;
  }

  /** Dataset manifests (compacted, key: dataset id). */
  public TopicSpec<String, DatasetManifest> datasets() {
    return datasets;
  }

  /** Evaluations of models trained per dataset (key: dataset id). */
  public TopicSpec<String, TrainingResult> trainingResults() {
    return trainingResults;
  }

  /** Scaling-law fits (compacted, key: fit id). */
  public TopicSpec<String, ScalingFit> scalingFits() {
    return scalingFits;
  }

  /** Unlabelled SHARP observations waiting for their 24 h label window (key: HARPNUM). */
  public TopicSpec<String, Sample> solarSharp() {
    return solarSharp;
  }

  /** Flare events from the live feeds, upserted (compacted, key: the feed's upsert key). */
  public TopicSpec<String, SolarFlare> solarFlares() {
    return solarFlares;
  }

  /** Live feed positions (compacted, key: feed name). */
  public TopicSpec<String, FeedCursor> feedCursors() {
    return feedCursors;
  }

  /** Target references per alignment method, versioned (compacted, key: target id). */
  public TopicSpec<String, TargetReference> targetEmbeddings() {
    return targetEmbeddings;
  }

  /** TARGET samples re-keyed by target id, so one scorer task builds each target's reference. */
  public TopicSpec<String, Sample> targetSamples() {
    return targetSamples;
  }

  /** GOES X-ray flux and NOAA region summaries (compacted, key: feed/key). */
  public TopicSpec<String, SolarObservation> solarObservations() {
    return solarObservations;
  }

  /** Whether {@code datasetId} can name a curated dataset (and so a topic). */
  public static boolean isValidDatasetId(String datasetId) {
    return datasetId != null && DATASET_ID.matcher(datasetId).matches();
  }

  /** The topic of one curated dataset; dataset ids are lower-case [a-z0-9._-], at most 200 chars. */
  public TopicSpec<String, ScoredSample> curated(String datasetId) {
    if (!DATASET_ID.matcher(datasetId).matches()) {
      throw new IllegalArgumentException("Invalid dataset id '" + datasetId
          + "': use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    return partitioned(CURATED + datasetId, scoredSerde);
  }

  /** The name every curated-dataset topic of this catalogue starts with (for prefixed ACLs). */
  public String curatedPrefix() {
    return settings.prefix() + CURATED;
  }

  /** Matches every curated-dataset topic of this catalogue (for pattern subscriptions). */
  public Pattern curatedPattern() {
    return Pattern.compile(Pattern.quote(settings.prefix() + CURATED) + "[a-z0-9._-]+");
  }

  /** The dataset id of a curated topic name, or null when the name is not one. */
  public String datasetIdOf(String topic) {
    return curatedPattern().matcher(topic).matches()
        ? topic.substring(settings.prefix().length() + CURATED.length())
        : null;
  }

  /** Curation policies as users declare them (compacted, key: dataset or family id). */
  public TopicSpec<String, CurationPolicy> curationPolicies() {
    return curationPolicies;
  }

  /**
   * The curator's routing topic: each scored sample once per dataset (or family) that may take it,
   * keyed by that dataset id, so every dataset's state lives on one partition (key: dataset id).
   */
  public TopicSpec<String, ScoredSample> curatorByDataset() {
    return curatorByDataset;
  }

  /** Every fixed topic, to be created at start (curated topics are created as datasets appear). */
  public List<TopicSpec<String, ?>> fixedTopics() {
    return List.of(samplesRaw, samplesScored, deadLetters, alignmentWindows, datasets, trainingResults, scalingFits,
        solarSharp, solarFlares, feedCursors, solarObservations, targetEmbeddings,
        targetSamples, curationPolicies, curatorByDataset, datasetAlignment);
  }

  private <V> TopicSpec<String, V> partitioned(String name, Serde<V> values) {
    return new TopicSpec<>(settings.prefix() + name, settings.partitions(), CleanupPolicy.DELETE,
        Map.of("retention.ms", "-1"), Serdes.String(), values);
  }

  private <V> TopicSpec<String, V> compacted(String name, Serde<V> values) {
    return new TopicSpec<>(settings.prefix() + name, settings.partitions(),
        CleanupPolicy.COMPACT, Map.of(), Serdes.String(), values);
  }
}
