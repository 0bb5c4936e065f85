package io.alignstream.infra.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the schema topic exists and can hold the registry: created compacted with one
 * partition when missing; an existing topic with more partitions or without compaction is
 * refused rather than used.
 */
final class SchemaTopic {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaTopic.class);

  private final String topic;
  private final short replicationFactor;
  private final Duration timeout;
  private final String bootstrapServers;

  SchemaTopic(String topic, short replicationFactor, Duration timeout, String bootstrapServers) {
    this.topic = topic;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
    this.bootstrapServers = bootstrapServers;
  }

  /** @throws SchemaLogException when the topic is unfit or the broker does not answer in time */
  void ensure(Properties adminConfig) {
    Admin admin = Admin.create(adminConfig);
    try {
      create(admin);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          checkPartitions(admin);
          checkCompaction(admin);
          break;
        } catch (ExecutionException e) {
          // A topic created a moment ago may not be hosted yet (KRaft applies metadata asynchronously):
          // "This server does not host this topic-partition" then means "ask again", not "unfit".
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    } catch (java.util.concurrent.TimeoutException | TimeoutException e) {
      throw unreachable(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw unreachable(e.getCause());
      }
      throw new SchemaLogException("Cannot prepare schema topic '" + topic + "': "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaLogException("Interrupted preparing schema topic '" + topic + "'", e);
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
  }

  private void create(Admin admin) throws ExecutionException, InterruptedException,
      java.util.concurrent.TimeoutException {
    NewTopic wanted = new NewTopic(topic, 1, replicationFactor)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(wanted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Created schema topic '{}'", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private void checkPartitions(Admin admin) throws ExecutionException, InterruptedException,
      java.util.concurrent.TimeoutException {
    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    if (description.partitions().size() != 1) {
      throw new SchemaLogException("Schema topic '" + topic + "' has "
          + description.partitions().size() + " partitions; the registry needs exactly 1 to"
          + " read its records in order", null);
    }
  }

  private void checkCompaction(Admin admin) throws ExecutionException, InterruptedException,
      java.util.concurrent.TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
    String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      // Time-based retention would silently drop schemas that consumers still need.
      throw new SchemaLogException("Schema topic '" + topic + "' has cleanup.policy=" + policy
          + "; the registry needs 'compact' so that no schema expires", null);
    }
  }

  private SchemaLogException unreachable(Throwable cause) {
    return SchemaLogException.timeout("Could not prepare schema topic '" + topic + "': Kafka at "
        + bootstrapServers + " did not answer within " + timeout, cause);
  }
}
