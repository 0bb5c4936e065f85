package io.alignstream.analyzer.engine;

import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.scored.AlignmentWindow;

/**
 * What the engine tells the service around it (live stream, metrics). Called on the engine's threads
 * (the reader and the refit thread): implementations must be quick and must not block. Every method
 * has an empty default.
 */
public interface AnalyzerListener {

  /** A record of any input topic was read ({@code replay} while the start-up replay runs). */
  default void recordRead(String topic, boolean replay) {}

  /** A training result that changed the read model (duplicates do not come here). */
  default void resultAdded(ResultPoint point, boolean replay) {}

  /** A manifest changed; {@code manifest} is null for a tombstone. */
  default void datasetChanged(String key, DatasetManifest manifest, boolean replay) {}

  /** An alignment window changed; {@code window} is null for a tombstone. */
  default void windowChanged(String key, AlignmentWindow window, boolean replay) {}

  /** A dead letter was read from the dead-letter topic (any stage's). */
  default void deadLetterRead(DeadLetter letter, boolean replay) {}

  /** The analyzer sent a record it could not use to the dead-letter topic. */
  default void deadLetterSent(DeadLetter letter) {}

  /** A new or changed fit was published to scaling-fits. */
  default void fitPublished(ScalingFit fit) {}

  /** A group was refitted. */
  default void refitted(GroupAnalysis analysis, RefitStats.Refit refit) {}
}
