package io.alignstream.experiment;

import io.alignstream.schemas.sample.Sample;
import java.util.List;
import java.util.Map;

/**
 * The samples of one experiment: target samples (role TARGET: what the downstream task looks like; the
 * trainer splits them into test, fine-tune and reference data) and a pool of candidate training samples
 * of mixed alignment, in the order they will be streamed. Every sample carries the experiment's task.
 *
 * @param task the experiment's own task name (the scorer's probe, the trainer's frozen splits and the
 *     analyzer's groups are per task, so one experiment never reuses another's)
 * @param description one line for the report, e.g. "gettext fr, target domain postgres"
 * @param composition pool samples per group (domain, or the generator's alignment knob), for the report
 */
record Workload(String kind, String task, String description, List<Sample> targets, List<Sample> pool,
    Map<String, Integer> composition) {

  Workload {
    targets = List.copyOf(targets);
    pool = List.copyOf(pool);
    composition = Map.copyOf(composition);
  }
}
