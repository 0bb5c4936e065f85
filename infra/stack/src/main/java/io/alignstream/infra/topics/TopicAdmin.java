package io.alignstream.infra.topics;

import io.alignstream.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates catalogue topics idempotently: missing topics are created with their partitions, cleanup
 * policy and configs; existing ones are kept, and grown when they have fewer partitions than the
 * catalogue asks for (partitions never shrink).
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private final Admin admin;
  private final short replicationFactor;
  private final Duration timeout;

  public TopicAdmin(Admin admin, short replicationFactor, Duration timeout) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  /** Ensures every topic exists; returns the names it created. */
  public List<String> ensure(Collection<? extends TopicSpec<?, ?>> specs) {
    List<NewTopic> wanted = specs.stream()
        .map(s -> new NewTopic(s.name(), s.partitions(), replicationFactor).configs(s.topicConfigs()))
        .toList();
    CreateTopicsResult result = admin.createTopics(wanted);
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (var entry : result.values().entrySet()) {
      try {
        entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Cannot create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
        }
        existing.add(entry.getKey());
      } catch (TimeoutException e) {
        throw new IllegalStateException("Creating topic " + entry.getKey() + " timed out after " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while creating topics", e);
      }
    }
    growPartitions(specs, existing);
    if (!created.isEmpty()) {
      LOG.info("Created topics {}", created);
    }
    return created;
  }

  private void growPartitions(Collection<? extends TopicSpec<?, ?>> specs, List<String> existing) {
    if (existing.isEmpty()) {
      return;
    }
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(existing).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      for (TopicSpec<?, ?> spec : specs) {
        TopicDescription d = described.get(spec.name());
        if (d != null && d.partitions().size() < spec.partitions()) {
          admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions())))
              .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("Grew {} from {} to {} partitions", spec.name(), d.partitions().size(), spec.partitions());
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot check partitions of " + existing + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking partitions", e);
    }
  }
}
