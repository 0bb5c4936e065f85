package io.alignstream.analyzer.config;

import io.alignstream.analyzer.engine.AnalyzerListener;
import io.alignstream.analyzer.engine.RefitStats;
import io.alignstream.analyzer.model.GroupAnalysis;
import io.alignstream.analyzer.model.ResultPoint;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.deadletter.DeadLetter;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.scored.AlignmentWindow;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Tells several listeners in turn; one that throws is logged and does not keep the others from hearing. */
final class CompositeListener implements AnalyzerListener {
  private static final Logger LOG = Logger.getLogger(CompositeListener.class);
  private final List<AnalyzerListener> listeners;

  CompositeListener(List<AnalyzerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String what, Consumer<AnalyzerListener> call) {
    for (AnalyzerListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.errorf(e, "%s failed on %s", l.getClass().getSimpleName(), what);
      }
    }
  }

  @Override
  public void recordRead(String topic, boolean replay) {
    each("recordRead", l -> l.recordRead(topic, replay));
  }

  @Override
  public void resultAdded(ResultPoint point, boolean replay) {
    each("resultAdded", l -> l.resultAdded(point, replay));
  }

  @Override
  public void datasetChanged(String key, DatasetManifest manifest, boolean replay) {
    each("datasetChanged", l -> l.datasetChanged(key, manifest, replay));
  }

  @Override
  public void windowChanged(String key, AlignmentWindow window, boolean replay) {
    each("windowChanged", l -> l.windowChanged(key, window, replay));
  }

  @Override
  public void deadLetterRead(DeadLetter letter, boolean replay) {
    each("deadLetterRead", l -> l.deadLetterRead(letter, replay));
  }

  @Override
  public void deadLetterSent(DeadLetter letter) {
    each("deadLetterSent", l -> l.deadLetterSent(letter));
  }

  @Override
  public void fitPublished(ScalingFit fit) {
    each("fitPublished", l -> l.fitPublished(fit));
  }

  @Override
  public void refitted(GroupAnalysis analysis, RefitStats.Refit refit) {
    each("refitted", l -> l.refitted(analysis, refit));
  }
}
