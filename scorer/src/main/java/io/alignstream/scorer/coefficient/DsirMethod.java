package io.alignstream.scorer.coefficient;

import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.dsir.HashedNgrams;
import io.alignstream.scorer.text.ScoringText;
import java.util.ArrayList;
import java.util.List;

/**
 * DSIR as a batch coefficient: the target batch gives p (its n-gram counts), the raw distribution q
 * is the pool the caller supplies (e.g. every dataset being compared), and a dataset batch's
 * alignment is the mean over its samples of {@code log w(x) / |x|} ({@link DsirCounts}, leave-one-out
 * q̂ when the pool counts x).
 */
public final class DsirMethod implements CoefficientMethod {
  /** The configuration id of DSIR scores (features, buckets, prior). */
  public static final String PROBE_ID = "dsir-wordpunct-uni-bi-" + HashedNgrams.BUCKETS + "-mu"
      + Math.round(DsirCounts.DEFAULT_PRIOR);

  private final DsirCounts raw;
  private final boolean rawCountsSamples;

  /**
   * @param raw the raw distribution's counts
   * @param rawCountsSamples whether {@code raw} includes the scored samples (then each is taken out of it)
   */
  public DsirMethod(DsirCounts raw, boolean rawCountsSamples) {
    this.raw = raw;
    this.rawCountsSamples = rawCountsSamples;
  }

  /** The raw counts of some text payloads. */
  public static DsirCounts counts(List<?> payloads) {
    DsirCounts c = new DsirCounts();
    for (Object p : payloads) {
      String text = ScoringText.of(p);
      if (text != null) {
        c.add(HashedNgrams.of(text));
      }
    }
    return c;
  }

  @Override
  public String name() {
    return "dsir";
  }

  @Override
  public String probeId() {
    return PROBE_ID;
  }

  @Override
  public String rejection(Object payload) {
    String text = ScoringText.of(payload);
    if (text == null) {
      return "not a text payload";
    }
    return HashedNgrams.of(text).total() == 0 ? "text has no tokens" : null;
  }

  private record Batch(DsirCounts total, List<HashedNgrams.Counts> samples) {}

  @Override
  public Object represent(List<?> batch) {
    DsirCounts total = new DsirCounts();
    List<HashedNgrams.Counts> samples = new ArrayList<>();
    for (Object p : batch) {
      HashedNgrams.Counts c = HashedNgrams.of(ScoringText.of(p));
      total.add(c);
      samples.add(c);
    }
    return new Batch(total, samples);
  }

  @Override
  public double alignment(Object targetBatch, Object datasetBatch) {
    DsirCounts target = ((Batch) targetBatch).total();
    double sum = 0;
    List<HashedNgrams.Counts> samples = ((Batch) datasetBatch).samples();
    for (HashedNgrams.Counts c : samples) {
      sum += DsirCounts.alignment(target, raw, c, rawCountsSamples);
    }
    return sum / samples.size();
  }
}
