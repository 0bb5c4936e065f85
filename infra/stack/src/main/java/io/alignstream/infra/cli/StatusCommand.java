package io.alignstream.infra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.infra.launcher.HealthProbe;
import io.alignstream.infra.launcher.HealthProbe.Health;
import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.security.StackSecrets;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Health of every part of the running stack. Exit 0 when all are up, 1 otherwise, 3 when none runs. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Health of every part of the running stack.")
final class StatusCommand implements Callable<Integer> {
  @Mixin StackOptions stack;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    Optional<RunFile> run = RunFile.read(stack.stateDir());
    if (run.isEmpty()) {
      if (json) {
        System.out.println("{\"running\":false,\"parts\":[]}");
      } else {
        System.out.println("AlignStream is not running (no run file in " + stack.stateDir() + ").");
      }
      return 3;
    }
    return print(run.get(), json, System.out) ? 0 : 1;
  }

  /** Prints the parts' health; true when all are up. */
  boolean print(RunFile run, boolean asJson, PrintStream out) {
    HealthProbe probe = new HealthProbe(Duration.ofSeconds(3));
    List<Health> health = new ArrayList<>();
    for (RunFile.Part part : run.parts()) {
      boolean alive = ProcessHandle.of(part.pid()).map(ProcessHandle::isAlive).orElse(false);
      Health h;
      if (part.name().equals("kafka") || part.name().startsWith("kafka-")) { // kafka-1..n: the nodes of --brokers n
        Health cluster = probe.broker(run.kafkaClient(StackSecrets.ADMIN));
        h = new Health(part.name(), cluster.up(), cluster.detail());
      } else if (part.name().equals("registry")) {
        h = probe.registry(part.url());
      } else {
        h = probe.service(part.name(), part.url());
      }
      health.add(alive ? h : new Health(part.name(), false, "process " + part.pid() + " is not running"));
    }
    boolean allUp = run.ready() && health.stream().allMatch(Health::up);
    if (asJson) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode().put("running", true).put("ready", run.ready()).put("up", allUp)
          .put("secure", run.clientConfigDir() != null)
          .put("bootstrapServers", run.bootstrapServers()).put("registryUrl", run.registryUrl());
      ArrayNode parts = root.putArray("parts");
      for (int i = 0; i < health.size(); i++) {
        Health h = health.get(i);
        parts.addObject().put("name", h.name()).put("pid", run.parts().get(i).pid())
            .put("status", h.up() ? "UP" : "DOWN").put("detail", h.detail());
      }
      out.println(root.toString());
    } else {
      out.printf("%-10s %-8s %-8s %s%n", "PART", "PID", "STATUS", "DETAIL");
      for (int i = 0; i < health.size(); i++) {
        Health h = health.get(i);
        out.printf("%-10s %-8d %-8s %s%n", h.name(), run.parts().get(i).pid(), h.up() ? "UP" : "DOWN", h.detail());
      }
      if (!run.ready()) {
        out.println("(still starting)");
      }
    }
    return allUp;
  }
}
