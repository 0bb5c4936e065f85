package io.alignstream.curator.config;

import io.alignstream.curator.policy.Policy;
import io.alignstream.curator.topology.CurationListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's {@link CurationListener}: counters for curated and skipped samples and policy
 * decisions, an ERROR log line for every rejected policy, curated topics created for accepted
 * ones, and the view of policies in force and rejections that the REST API shows.
 */
public final class CuratorMetrics implements CurationListener {
  private static final Logger LOG = LoggerFactory.getLogger(CuratorMetrics.class);
  private final MeterRegistry registry;
  private final CuratedTopics topics;
  private final Map<String, Policy> inForce = new ConcurrentHashMap<>();
  private final Map<String, List<String>> rejections = new ConcurrentHashMap<>();

  public CuratorMetrics(MeterRegistry registry, CuratedTopics topics) {
    this.registry = registry;
    this.topics = topics;
  }

  @Override
  public void skipped(String policyId, String reason) {
    registry.counter("alignstream.curator.skipped", "policy", policyId, "reason", reason).increment();
  }

  @Override
  public void curated(String datasetId) {
    registry.counter("alignstream.curator.curated", "dataset", datasetId).increment();
  }

  @Override
  public void accepted(Policy policy) {
    topics.ensure(policy.datasetIds());
    inForce.put(policy.id(), policy);
    rejections.remove(policy.id());
    registry.counter("alignstream.curator.policies", "outcome", "accepted").increment();
    LOG.info("Curation policy {} in force: {} {} on {} ({} datasets)", policy.id(), policy.declared().getPolicy().getKind(),
        policy.declared().getPolicy().getParameters(), policy.task(), policy.datasetIds().size());
  }

  @Override
  public void retired(String policyId) {
    inForce.remove(policyId);
    rejections.remove(policyId);
    registry.counter("alignstream.curator.policies", "outcome", "retired").increment();
    LOG.info("Curation policy {} retired; its datasets keep their records", policyId);
  }

  @Override
  public void rejected(String policyId, List<String> problems) {
    rejections.put(policyId, problems);
    registry.counter("alignstream.curator.policies", "outcome", "rejected").increment();
    LOG.error("Curation policy {} rejected, the previous version (if any) stays in force: {}", policyId,
        String.join("; ", problems));
  }

  public Map<String, Policy> inForce() {
    return Map.copyOf(inForce);
  }

  public Map<String, List<String>> rejections() {
    return Map.copyOf(rejections);
  }
}
