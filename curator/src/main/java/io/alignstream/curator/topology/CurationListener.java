package io.alignstream.curator.topology;

import io.alignstream.curator.policy.Policy;
import java.util.List;

/** What the curator reports as it works (metrics and logs in the service; a recorder in tests). */
public interface CurationListener {
  /** A sample routed to a policy was not curated, and why (duplicate, no-score, ...). */
  default void skipped(String policyId, String reason) {}

  /** A sample was written to a curated dataset. */
  default void curated(String datasetId) {}

  /** A policy passed validation and is now in force (its curated topics must exist). */
  default void accepted(Policy policy) {}

  /** A policy was retired (a tombstone on curation-policies); its datasets keep their records. */
  default void retired(String policyId) {}

  /** A declared policy was refused; the previous version (if any) stays in force. */
  default void rejected(String policyId, List<String> problems) {}

  CurationListener NONE = new CurationListener() {};
}
