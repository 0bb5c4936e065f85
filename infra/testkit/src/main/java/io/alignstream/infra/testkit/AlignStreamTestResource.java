package io.alignstream.infra.testkit;

import io.alignstream.schemas.topics.TopicCatalogue;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points a {@code @QuarkusTest} application at the shared real Kafka cluster
 * and schema registry, with a unique topic prefix whose fixed topics exist before the app starts.
 * Use with {@code @QuarkusTestResource(AlignStreamTestResource.class)}; read the prefix in tests from
 * the {@code alignstream.topics.prefix} config property.
 */
public final class AlignStreamTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    TestStack stack = SharedStack.get();
    TopicCatalogue catalogue = stack.newCatalogue(TestStack.uniquePrefix(), 1);
    return Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(),
        "alignstream.registry.url", stack.registryUrl(),
        "alignstream.topics.prefix", catalogue.settings().prefix(),
        "alignstream.topics.partitions", "1");
  }

  @Override
  public void stop() {
    // The shared stack outlives one application; it closes with the JVM.
  }
}
