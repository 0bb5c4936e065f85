package io.alignstream.curator.policy;

import java.util.List;

/** A policy that cannot be used, with every problem found (not only the first). */
public final class InvalidPolicyException extends Exception {
  private final transient List<String> problems;

  public InvalidPolicyException(String policyId, List<String> problems) {
    super("Invalid curation policy '" + policyId + "': " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
