package io.alignstream.ingest.solar;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One labelled SWAN-SF multivariate time series: a file of (nominally) 60 SHARP records at 12-minute
 * cadence, the observation window before a flare (positive) or a quiet or minor-flare period.
 *
 * @param harpnum the HARP, from the file name
 * @param start first timestamp of the window, from the file name
 * @param end last timestamp of the window, from the file name
 * @param label true when an M or X flare follows (FL), false otherwise (NF)
 * @param flareClass the class in the file name ({@code M1.0}, {@code C4.5}, {@code FQ}), null if not named
 * @param rows the readable rows in file order, never empty; immutable
 */
public record SwanSfSeries(int harpnum, Instant start, Instant end, boolean label, String flareClass,
    List<SharpRecord> rows) {

  public SwanSfSeries {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a SWAN-SF series has at least one row");
    }
  }

  /** The last row: the state of the region at forecast time. */
  public SharpRecord last() {
    return rows.get(rows.size() - 1);
  }

  /** The last row's keywords in {@link SharpKeywords#NAMES} order: the point-in-time feature vector. */
  public double[] lastFeatures() {
    return last().features();
  }

  /** All rows as a [row][keyword] matrix in {@link SharpKeywords#NAMES} order (fresh arrays). */
  public double[][] matrix() {
    return rows.stream().map(SharpRecord::features).toArray(double[][]::new);
  }
}
