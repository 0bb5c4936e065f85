package io.alignstream.infra.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the cluster's topics with partitions and cleanup policy. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "List topics with partitions and cleanup policy.")
final class TopicsCommand implements Callable<Integer> {
  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    try (Admin admin = Admin.create(stack.kafka().config(Map.of(
        "default.api.timeout.ms", 10_000, "request.timeout.ms", 5_000)))) {
      var names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
      Map<String, TopicDescription> described = new TreeMap<>(
          admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS));
      var resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(15, TimeUnit.SECONDS);
      System.out.printf("%-40s %10s %10s%n", "TOPIC", "PARTITIONS", "CLEANUP");
      for (TopicDescription d : described.values()) {
        Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name()));
        String cleanup = c == null || c.get("cleanup.policy") == null ? "?" : c.get("cleanup.policy").value();
        System.out.printf("%-40s %10d %10s%n", d.name(), d.partitions().size(), cleanup);
      }
    }
    return 0;
  }
}
