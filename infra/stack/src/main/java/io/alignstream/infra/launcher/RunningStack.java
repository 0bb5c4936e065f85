package io.alignstream.infra.launcher;

import io.alignstream.infra.broker.BrokerConfig;
import io.alignstream.infra.broker.KafkaBroker;
import io.alignstream.infra.process.ChildProcess;
import io.alignstream.infra.process.JavaCommand;
import io.alignstream.infra.topics.TopicAdmin;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole local stack started by {@code up}: the KRaft broker, the schema registry (child JVM),
 * the catalogue's topics, then each service as a child JVM with its log prefixed on the console.
 * {@link #close()} stops everything in reverse order (SIGTERM, bounded wait, SIGKILL) and removes
 * the run file, so nothing is left running.
 */
public final class RunningStack implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final StackSettings settings;
  private final PrintStream console;
  private KafkaBroker broker;
  private ChildProcess registry;
  private final List<ChildProcess> services = new ArrayList<>();
  private final List<RunFile.Part> parts = new ArrayList<>();
  private String registryUrl;
  private boolean closed;

  private RunningStack(StackSettings settings, PrintStream console) {
    this.settings = settings;
    this.console = console;
  }

  /** Starts everything and waits until each part is healthy; on any failure stops what started. */
  public static RunningStack start(StackSettings settings, PrintStream console) {
    RunningStack stack = new RunningStack(settings, console);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    long t0 = System.nanoTime();
    Path logs = settings.stateDir().resolve("logs");
    for (String service : settings.getList("services")) {
      if (!Files.exists(settings.serviceJar(service))) {
        throw new IllegalStateException("Service '" + service + "' is not built (" + settings.serviceJar(service)
            + "): run `mvn -B -DskipTests package` in " + settings.home());
      }
    }
    writeRunFile(false);
    console.printf("Starting Kafka (KRaft) with data in %s ...%n", settings.stateDir().resolve("kafka"));
    broker = KafkaBroker.start(new BrokerConfig(settings.stateDir().resolve("kafka"), settings.getInt("broker.port"),
        settings.getInt("broker.controller-port"), settings.get("broker.heap"),
        settings.getDuration("broker.start-timeout"), Map.of(), List.of()), null);
    parts.add(new RunFile.Part("kafka", broker.pid(), null));
    writeRunFile(false);
    console.printf("Kafka ready at %s (log: %s)%n", broker.bootstrapServers(),
        settings.stateDir().resolve("kafka/broker.log"));

    startRegistry(logs);
    TopicCatalogue catalogue = new AvroSerdes(new RegistryClient(RegistrySettings.of(registryUrl)), true)
        .catalogue(new TopicCatalogue.Settings(settings.get("topics.prefix"), settings.getInt("topics.partitions"),
            (short) 1));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      List<String> created = new TopicAdmin(admin, (short) 1, Duration.ofSeconds(30)).ensure(catalogue.fixedTopics());
      console.printf("Topics ready (%d created, %d in the catalogue)%n", created.size(), catalogue.fixedTopics().size());
    }
    startServices(logs);
    writeRunFile(true);
    console.printf("AlignStream is up in %.1f s. Stop with Ctrl-C or `bin/alignstream down`.%n",
        (System.nanoTime() - t0) / 1e9);
  }

  private void startRegistry(Path logs) {
    int port = settings.getInt("registry.port");
    registry = ChildProcess.start("registry", JavaCommand.mainClass(JavaCommand.ownClassPath(),
            List.of("-Xmx" + settings.get("registry.heap"), "-Djava.net.preferIPv4Stack=true"),
            "io.alignstream.infra.registry.RegistryMain",
            List.of("--bootstrap-servers", broker.bootstrapServers(), "--port", Integer.toString(port))),
        settings.stateDir(), logs.resolve("registry.log"), console,
        line -> line.contains("Schema registry listening on"));
    registryUrl = "http://127.0.0.1:" + port;
    parts.add(new RunFile.Part("registry", registry.pid(), registryUrl));
    writeRunFile(false);
    awaitLine(registry, Duration.ofSeconds(60));
  }

  private void startServices(Path logs) {
    for (String service : settings.getList("services")) {
      int port = settings.getInt("service." + service + ".port");
      List<String> jvm = new ArrayList<>(List.of("-Xmx" + settings.get("service.heap"),
          "-Djava.net.preferIPv4Stack=true",
          "-Dquarkus.http.port=" + port,
          "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
          "-Dalignstream.registry.url=" + registryUrl,
          "-Dalignstream.topics.partitions=" + settings.get("topics.partitions")));
      if (!settings.get("topics.prefix").isEmpty()) {
        jvm.add("-Dalignstream.topics.prefix=" + settings.get("topics.prefix"));
      }
      // Extra options per service, e.g. service.scorer.jvm-options=-Dalignstream.scorer.methods=mt=dsir
      settings.getOptional("service." + service + ".jvm-options")
          .ifPresent(o -> jvm.addAll(java.util.Arrays.asList(o.trim().split("\\s+"))));
      ChildProcess child = ChildProcess.start(service, JavaCommand.jar(settings.serviceJar(service), jvm),
          settings.home(), logs.resolve(service + ".log"), console, null);
      services.add(child);
      parts.add(new RunFile.Part(service, child.pid(), "http://127.0.0.1:" + port));
    }
    writeRunFile(false);
    awaitServicesReady(settings.getDuration("service.ready-timeout"));
  }

  private void awaitServicesReady(Duration timeout) {
    HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RunFile.Part> pending = new ArrayList<>(parts.subList(2, parts.size()));
    while (!pending.isEmpty()) {
      for (ChildProcess s : services) {
        if (!s.isAlive()) {
          throw new IllegalStateException("Service " + s.name() + " exited during start; see "
              + settings.stateDir().resolve("logs/" + s.name() + ".log"));
        }
      }
      pending.removeIf(p -> {
        boolean up = probe.service(p.name(), p.url()).up();
        if (up) {
          console.printf("%s ready at %s%n", p.name(), p.url());
        }
        return up;
      });
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Not ready within " + timeout + ": "
            + pending.stream().map(p -> probe.service(p.name(), p.url()).toString()).toList());
      }
      if (!pending.isEmpty()) {
        sleep(500);
      }
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return registryUrl;
  }

  public List<RunFile.Part> parts() {
    return List.copyOf(parts);
  }

  /** Stops services (in parallel), then the registry, then the broker; removes the run file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    console.println("Stopping AlignStream ...");
    CompletableFuture.allOf(services.stream()
        .map(s -> CompletableFuture.runAsync(() -> s.stop(STOP_GRACE)))
        .toArray(CompletableFuture[]::new)).join();
    if (registry != null) {
      registry.stop(STOP_GRACE);
    }
    if (broker != null) {
      broker.close();
    }
    RunFile.delete(settings.stateDir());
    console.println("AlignStream stopped.");
  }

  private void writeRunFile(boolean ready) {
    new RunFile(ProcessHandle.current().pid(), ready, broker == null ? null : broker.bootstrapServers(),
        registryUrl, settings.get("topics.prefix"), List.copyOf(parts)).write(settings.stateDir());
  }

  private static void awaitLine(ChildProcess child, Duration timeout) {
    try {
      if (!child.awaitReadyLine(timeout)) {
        throw new IllegalStateException(child.name() + " did not start within " + timeout
            + (child.isAlive() ? "" : " (it exited)"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting " + child.name(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
