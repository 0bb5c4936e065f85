package io.alignstream.analyzer.model;

/**
 * What the analyzer refits together: one task and one family of datasets (DESIGN §5). Datasets
 * without a family form the task's {@value #NO_FAMILY} group.
 */
public record GroupKey(String task, String family) implements Comparable<GroupKey> {
  /** The family of datasets that belong to none. */
  public static final String NO_FAMILY = "-";

  public GroupKey {
    if (task == null || task.isBlank()) {
      throw new IllegalArgumentException("A group needs a task");
    }
    family = family == null || family.isBlank() ? NO_FAMILY : family;
  }

  /** The family as the contract stores it: null for {@value #NO_FAMILY}. */
  public String contractFamily() {
    return NO_FAMILY.equals(family) ? null : family;
  }

  public boolean matches(String taskFilter, String familyFilter) {
    return (taskFilter == null || taskFilter.equals(task))
        && (familyFilter == null || familyFilter.equals(family));
  }

  @Override
  public int compareTo(GroupKey other) {
    int byTask = task.compareTo(other.task);
    return byTask != 0 ? byTask : family.compareTo(other.family);
  }

  @Override
  public String toString() {
    return task + "|" + family;
  }
}
