package io.alignstream.scorer.coefficient;

import io.alignstream.scorer.gzip.GzipReference;
import io.alignstream.scorer.text.ScoringText;
import java.util.List;

/**
 * gzip (ZIP-FIT) as a batch coefficient: the target batch gives a reference sample of {@code
 * references} texts; a dataset batch's alignment is the mean over its samples of the mean
 * {@code 1 − NCD} to those references ({@link GzipReference}).
 */
public final class GzipMethod implements CoefficientMethod {
  private final int references;

  public GzipMethod(int references) {
    this.references = references;
  }

  @Override
  public String name() {
    return "gzip";
  }

  @Override
  public String probeId() {
    return "gzip-ncd-" + references;
  }

  @Override
  public String rejection(Object payload) {
    String text = ScoringText.of(payload);
    return text == null ? "not a text payload" : text.isBlank() ? "text is empty" : null;
  }

  @Override
  public Object represent(List<?> batch) {
    GzipReference ref = new GzipReference(references, 1);
    for (Object p : batch) {
      ref.add(ScoringText.of(p)); // reservoir over the batch's (already random) order
    }
    return new Object[] {ref, batch};
  }

  @Override
  public double alignment(Object targetBatch, Object datasetBatch) {
    GzipReference ref = (GzipReference) ((Object[]) targetBatch)[0];
    List<?> samples = (List<?>) ((Object[]) datasetBatch)[1];
    double sum = 0;
    for (Object p : samples) {
      sum += ref.alignment(ScoringText.of(p));
    }
    return sum / samples.size();
  }
}
