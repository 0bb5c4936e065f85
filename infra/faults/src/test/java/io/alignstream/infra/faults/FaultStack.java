package io.alignstream.infra.faults;

import io.alignstream.infra.launcher.HealthProbe;
import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.launcher.RunningStack;
import io.alignstream.infra.launcher.StackSettings;
import io.alignstream.infra.process.FreePorts;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole local stack as {@code bin/alignstream up} starts it (the real KRaft broker, the registry
 * and the five services as child processes), in a temporary state dir with free ports, owned by the
 * test JVM so that one part can be killed with SIGKILL and started again ({@link RunningStack#kill},
 * {@link RunningStack#restart}). Its console goes to {@code <state>/console.log}.
 */
final class FaultStack implements AutoCloseable {
  static final Path REPO = Path.of("").toAbsolutePath().resolve("../..").normalize();
  static final List<String> SERVICES = List.of("ingest", "scorer", "curator", "trainer", "analyzer");

  final Path state;
  private final PrintStream console;
  private final RunningStack stack;
  private final TopicCatalogue topics;
  private final HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));

  private FaultStack(Path state, PrintStream console, RunningStack stack) {
    this.state = state;
    this.console = console;
    this.stack = stack;
    this.topics = new AvroSerdes(new RegistryClient(RegistrySettings.of(stack.registryUrl())), true)
        .catalogue(new TopicCatalogue.Settings("", 3, (short) 1));
  }

  /**
   * Scorer with DSIR only (Task2Vec would take the two cores), trainer with its small CI model, every
   * port free, everything else as {@code up} does it.
   */
  static FaultStack start() {
    try {
      Files.createDirectories(REPO.resolve("infra/faults/target"));
      Path state = Files.createTempDirectory(REPO.resolve("infra/faults/target"), "stack-");
      List<String> lines = new ArrayList<>(List.of(
          "registry.port=" + FreePorts.orFree(0),
          "topics.partitions=3",
          "service.ready-timeout=PT240S",
          "service.scorer.jvm-options=-Dalignstream.scorer.methods=mt=dsir -Dalignstream.scorer.target-wait=PT10S",
          "service.trainer.jvm-options=-Dalignstream.trainer.model-size=ci"));
      for (String s : SERVICES) {
        lines.add("service." + s + ".port=" + FreePorts.orFree(0));
      }
      Files.write(state.resolve("stack.properties"), lines);
      PrintStream console = new PrintStream(Files.newOutputStream(state.resolve("console.log")), true);
      RunningStack stack = RunningStack.start(StackSettings.load(REPO, state), console);
      // A test JVM that is stopped (Ctrl-C, a fork timeout) still stops its stack.
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "fault-stack-down"));
      return new FaultStack(state, console, stack);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String bootstrap() {
    return stack.bootstrapServers();
  }

  TopicCatalogue topics() {
    return topics;
  }

  String url(String part) {
    return stack.parts().stream().filter(p -> p.name().equals(part)).map(RunFile.Part::url).findFirst().orElseThrow();
  }

  void kill(String part) {
    stack.kill(part);
  }

  void restart(String part) {
    stack.restart(part);
  }

  /** Readiness of every service now ({@code /q/health/ready} UP). */
  boolean allReady() {
    return SERVICES.stream().allMatch(this::ready);
  }

  boolean ready(String service) {
    return probe.service(service, url(service)).up();
  }

  String health() {
    return SERVICES.stream().map(s -> probe.service(s, url(s)).toString()).collect(Collectors.joining("; "));
  }

  /** Stops everything; keeps the logs under {@link #state}, drops the broker's and the streams' data. */
  @Override
  public void close() {
    stack.close();
    console.close();
    for (String data : List.of("kafka/kafka-logs", "streams", "trainer", "probes")) {
      try (var files = Files.walk(state.resolve(data))) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // absent or busy: it is under target/ and goes with the next clean
      }
    }
  }
}
