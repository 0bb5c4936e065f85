package io.alignstream.analyzer.model;

/**
 * The key of a {@code scaling-fits} record: {@code task|family|law|metric|scope}, where scope is the
 * dataset id of a per-dataset fit or {@code alignment=<method>} for a fit across the family's
 * datasets. Dataset ids are {@code [a-z0-9._-]} (TopicCatalogue), so neither '|' nor '=' occurs in them.
 */
public record FitId(String task, String family, String law, String metric, String scope) {
  private static final String SEPARATOR = "|";
  private static final String ALIGNMENT_SCOPE = "alignment=";

  public static FitId ofDataset(GroupKey group, String law, String metric, String dataset) {
    return new FitId(group.task(), group.family(), law, metric, dataset);
  }

  public static FitId ofFamily(GroupKey group, String law, String metric, String method) {
    return new FitId(group.task(), group.family(), law, metric, ALIGNMENT_SCOPE + method);
  }

  /** Parses a key written by {@link #toString()}; null when it is not one. */
  public static FitId parse(String key) {
    String[] parts = key.split("\\|", -1);
    return parts.length == 5 ? new FitId(parts[0], parts[1], parts[2], parts[3], parts[4]) : null;
  }

  public GroupKey group() {
    return new GroupKey(task, family);
  }

  /** The dataset of a per-dataset fit, null for a family fit. */
  public String dataset() {
    return scope.startsWith(ALIGNMENT_SCOPE) ? null : scope;
  }

  /** The alignment method of a family fit, null for a per-dataset fit. */
  public String method() {
    return scope.startsWith(ALIGNMENT_SCOPE) ? scope.substring(ALIGNMENT_SCOPE.length()) : null;
  }

  @Override
  public String toString() {
    return String.join(SEPARATOR, task, family, law, metric, scope);
  }
}
