package io.alignstream.analyzer.refit;

import io.alignstream.analyzer.fit.AlignmentLossPoint;
import io.alignstream.analyzer.fit.CorrelationRow;
import io.alignstream.analyzer.fit.CorrelationTable;
import io.alignstream.analyzer.model.ResultPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The correlation table of DESIGN §5 for one group: Pearson r of alignment (per method) against
 * downstream loss across the group's datasets, each dataset read at the same D, the largest D every
 * dataset reached (log-linear interpolation between its points), so that size does not masquerade as
 * alignment. Methods with fewer than three datasets are left out.
 */
final class ComparableCorrelations {
  private ComparableCorrelations() {}

  /** @param comparableSize null when fewer than three datasets have a loss curve */
  record Table(Double comparableSize, List<CorrelationRow> rows) {}

  /**
   * @param preferred methods listed first, in this order; others follow alphabetically
   */
  static Table compute(Map<String, List<ResultPoint>> byDataset, List<String> preferred, int resamples, long seed,
      double confidence) {
    Map<String, List<ResultPoint>> curves = new TreeMap<>();
    byDataset.forEach((d, c) -> {
      List<ResultPoint> loss = c.stream().filter(ResultPoint::hasLoss).toList();
      if (!loss.isEmpty()) {
        curves.put(d, loss);
      }
    });
    if (curves.size() < 3) {
      return new Table(null, List.of());
    }
    double at = curves.values().stream().mapToDouble(c -> c.get(c.size() - 1).size()).min().orElseThrow();
    List<String> methods = new ArrayList<>(preferred);
    curves.values().forEach(c -> c.forEach(p -> p.alignment().keySet().stream().filter(m -> !methods.contains(m))
        .sorted().forEach(methods::add)));
    List<AlignmentLossPoint> rows = new ArrayList<>();
    for (String method : methods) {
      List<AlignmentLossPoint> forMethod = new ArrayList<>();
      curves.forEach((dataset, curve) -> {
        Double loss = Interpolation.atSize(curve, at, ResultPoint::loss);
        Double alignment = Interpolation.atSize(curve, at, p -> p.alignment().get(method));
        if (loss != null && alignment != null) {
          forMethod.add(new AlignmentLossPoint(method, dataset, alignment, loss));
        }
      });
      if (forMethod.size() >= 3) {
        rows.addAll(forMethod);
      }
    }
    return new Table(at, rows.isEmpty() ? List.of() : CorrelationTable.compute(rows, resamples, seed, confidence));
  }
}
