package io.alignstream.analyzer.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Laws compared by how well they extrapolate (DESIGN §5: the alignment-aware law is tested against
 * the plain one, not assumed): each is fitted on the same smallest points by D and scored on the
 * same held-out larger ones; the best has the lowest mean relative held-out error.
 *
 * @param entries one per law, in the order given
 * @param best the name of the law with the lowest mean relative error
 */
public record ModelComparison(List<Entry> entries, String best) {

  public record Entry(String law, HeldOutError heldOut) {}

  public ModelComparison {
    entries = List.copyOf(entries);
  }

  /** Compares the laws with each one's default Huber δ. */
  public static ModelComparison byHeldOutError(ScalingLawFitter fitter, List<Observation> points, int trainPoints,
      List<ScalingLaw> laws) {
    if (laws.isEmpty()) {
      throw new IllegalArgumentException("No laws to compare");
    }
    List<Entry> entries = new ArrayList<>();
    for (ScalingLaw law : laws) {
      entries.add(new Entry(law.name(), fitter.heldOutError(law, points, trainPoints, law.defaultHuberDelta())));
    }
    String best = entries.stream().min(Comparator.comparingDouble(e -> e.heldOut().meanRelativeError()))
        .orElseThrow().law();
    return new ModelComparison(entries, best);
  }
}
