package io.alignstream.trainer.train;

import io.alignstream.schemas.scored.AlignmentScore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running mean alignment per method (task2vec, dsir, gzip, …) of the samples a model has trained on.
 * A sample contributes to the methods it has a finite score for; each method's mean is over its own
 * count.
 */
public final class AlignmentAccumulator {

  /**
   * The saved form.
   *
   * @param sums per method, the sum of the scores
   * @param counts per method, the number of scores
   */
  public record State(Map<String, Double> sums, Map<String, Long> counts) {

    public State {
      sums = Collections.unmodifiableMap(new TreeMap<>(sums));
      counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }
  }

  private final Map<String, Double> sums = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();

  public AlignmentAccumulator() {}

  public static AlignmentAccumulator restore(State state) {
    AlignmentAccumulator a = new AlignmentAccumulator();
    a.sums.putAll(state.sums());
    a.counts.putAll(state.counts());
    return a;
  }

  /** Adds one sample's scores, method → value; null, NaN and infinite values are skipped. */
  public void add(Map<String, Double> scores) {
    scores.forEach((method, value) -> {
      if (value != null && Double.isFinite(value)) {
        sums.merge(method, value, Double::sum);
        counts.merge(method, 1L, Long::sum);
      }
    });
  }

  /** Method → mean score so far, sorted by method. */
  public Map<String, Double> means() {
    Map<String, Double> out = new TreeMap<>();
    sums.forEach((method, sum) -> out.put(method, sum / counts.get(method)));
    return out;
  }

  public State state() {
    return new State(sums, counts);
  }

  /**
   * A scored sample's alignment per method: the mean of its scores for {@code targetId} (all
   * targets when null), per method.
   */
  public static Map<String, Double> byMethod(List<AlignmentScore> scores, String targetId) {
    AlignmentAccumulator a = new AlignmentAccumulator();
    for (AlignmentScore s : scores) {
      if (targetId == null || targetId.equals(s.getTargetId())) {
        a.add(Map.of(s.getMethod(), s.getValue()));
      }
    }
    return a.means();
  }
}
