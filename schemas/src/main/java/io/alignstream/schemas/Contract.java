package io.alignstream.schemas;

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
import org.apache.avro.Schema;

/** The top-level records of the Avro contract: every one is a topic value somewhere. */
public final class Contract {
  private Contract() {}

  public static List<Schema> topLevelSchemas() {
    return List.of(
        Sample.getClassSchema(),
        ScoredSample.getClassSchema(),
        AlignmentWindow.getClassSchema(),
        DatasetManifest.getClassSchema(),
        io.alignstream.schemas.dataset.CurationPolicy.getClassSchema(),
        TrainingResult.getClassSchema(),
        ScalingFit.getClassSchema(),
        DeadLetter.getClassSchema(),
        SolarFlare.getClassSchema(),
        FeedCursor.getClassSchema(),
        SolarObservation.getClassSchema(),
        TargetReference.getClassSchema(),
        io.alignstream.schemas.dataset.DatasetAlignment.getClassSchema());
  }
}
