package io.alignstream.infra.launcher;

import io.alignstream.infra.broker.BrokerConfig;
import io.alignstream.infra.broker.KafkaBroker;
import io.alignstream.infra.process.ChildProcess;
import io.alignstream.infra.process.JavaCommand;
import io.alignstream.infra.security.AccessControl;
import io.alignstream.infra.security.SecuritySetup;
import io.alignstream.infra.security.StackSecrets;
import io.alignstream.infra.topics.TopicAdmin;
import io.alignstream.schemas.kafka.KafkaClientProperties;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.serde.AvroSerdes;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole local stack started by {@code up}: the KRaft broker, the schema registry (child JVM),
 * the catalogue's topics, then each service as a child JVM with its log prefixed on the console.
 * {@link #close()} stops everything in reverse order (SIGTERM, bounded wait, SIGKILL) and removes
 * the run file, so nothing is left running. With the setting {@code secure=true} the broker speaks
 * only SASL_SSL, every part logs in as its own user ({@link StackSecrets}, credentials passed in the
 * child's environment, never on its command line) and the {@link AccessControl} table is enforced;
 * the registry takes writes only with a login of {@link StackSecrets#REGISTRY_USERS} (its users file
 * holds hashes), which each service gets as {@value RegistrySettings#BASIC_AUTH_ENV} in its
 * environment. Reads stay open.
 */
public final class RunningStack implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final StackSettings settings;
  private final PrintStream console;
  private KafkaBroker broker;
  /** With {@code broker.count} > 1: every node; {@link #broker} is then its node 1. */
  private io.alignstream.infra.broker.KafkaCluster cluster;
  private StackSecrets secrets;
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
    } catch (RuntimeException | Error e) {
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
    if (settings.getBoolean("secure")) {
      secrets = StackSecrets.ensure(settings.stateDir().resolve("secure"));
    }
    int nodes = brokerCount();
    if (nodes > 1) {
      if (secrets != null) {
        throw new IllegalStateException("--secure runs one broker; --brokers " + nodes + " is PLAINTEXT only");
      }
      console.printf("Starting Kafka (KRaft, %d nodes, replication %d, min.insync.replicas %d) with data in %s ...%n",
          nodes, replication(), Math.max(1, replication() - 1), settings.stateDir().resolve("kafka-cluster"));
      cluster = io.alignstream.infra.broker.KafkaCluster.start(settings.stateDir().resolve("kafka-cluster"), nodes,
          settings.get("broker.heap"), settings.getDuration("broker.start-timeout"), null);
      broker = cluster.node(1);
      for (int id = 1; id <= nodes; id++) {
        putPart(new RunFile.Part("kafka-" + id, cluster.node(id).pid(), null));
      }
      writeRunFile(false);
      console.printf("Kafka ready at %s (logs: %s/node-*/broker.log)%n", bootstrapServers(),
          settings.stateDir().resolve("kafka-cluster"));
    } else {
      console.printf("Starting Kafka (KRaft%s) with data in %s ...%n", secrets == null ? "" : ", SASL_SSL",
          settings.stateDir().resolve("kafka"));
      broker = KafkaBroker.start(new BrokerConfig(settings.stateDir().resolve("kafka"), settings.getInt("broker.port"),
          settings.getInt("broker.controller-port"), settings.get("broker.heap"),
          settings.getDuration("broker.start-timeout"), Map.of(), List.of(),
          secrets == null ? null : secrets.brokerSecurity()), null);
      putPart(new RunFile.Part("kafka", broker.pid(), null));
      writeRunFile(false);
      console.printf("Kafka ready at %s (log: %s)%n", broker.bootstrapServers(),
          settings.stateDir().resolve("kafka/broker.log"));
    }
    if (secrets != null) {
      try (Admin admin = Admin.create(broker.brokerClient().config())) {
        SecuritySetup.apply(admin, secrets, AccessControl.names(new TopicCatalogue.Settings(
            settings.get("topics.prefix"), settings.getInt("topics.partitions"), (short) 1)), Duration.ofSeconds(30));
      }
      console.printf("Users and ACLs ready; client settings (owner-only) in %s%n",
          StackSecrets.clientsDir(secrets.dir()));
    }

    startRegistry(logs);
    TopicCatalogue catalogue = new AvroSerdes(new RegistryClient(registry(StackSecrets.ADMIN)), true)
        .catalogue(new TopicCatalogue.Settings(settings.get("topics.prefix"), settings.getInt("topics.partitions"),
            replication()));
    try (Admin admin = Admin.create(kafka(StackSecrets.ADMIN).config())) {
      List<String> created = new TopicAdmin(admin, replication(), Duration.ofSeconds(30)).ensure(catalogue.fixedTopics());
      console.printf("Topics ready (%d created, %d in the catalogue)%n", created.size(), catalogue.fixedTopics().size());
    }
    startServices(logs);
    writeRunFile(true);
    console.printf("AlignStream is up in %.1f s. Stop with Ctrl-C or `bin/alignstream down`.%n",
        (System.nanoTime() - t0) / 1e9);
  }

  private void startRegistry(Path logs) {
    int port = settings.getInt("registry.port");
    List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers(),
        "--port", Integer.toString(port), "--replication-factor", Short.toString(replication())));
    if (secrets != null) {
      // Writes need a login; the file holds only hashes, so its path may show on the command line.
      args.addAll(List.of("--auth-users-file", secrets.registryUsersFile().toString()));
    }
    registry = ChildProcess.start("registry", JavaCommand.mainClass(JavaCommand.ownClassPath(),
            List.of("-Xmx" + settings.get("registry.heap"), "-Djava.net.preferIPv4Stack=true"),
            "io.alignstream.infra.registry.RegistryMain", args),
        kafka("registry").environment(), settings.stateDir(), logs.resolve("registry.log"), console,
        line -> line.contains("Schema registry listening on"));
    registryUrl = "http://127.0.0.1:" + port;
    putPart(new RunFile.Part("registry", registry.pid(), registryUrl));
    writeRunFile(false);
    awaitLine(registry, Duration.ofSeconds(60));
  }

  private void startServices(Path logs) {
    for (String service : settings.getList("services")) {
      services.add(startService(service, logs));
    }
    writeRunFile(false);
    awaitServicesReady(settings.getDuration("service.ready-timeout"));
  }

  private ChildProcess startService(String service, Path logs) {
    int port = settings.getInt("service." + service + ".port");
    Path state = settings.stateDir().toAbsolutePath();
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + settings.get("service.heap"),
        "-Djava.net.preferIPv4Stack=true",
        "-Dquarkus.http.port=" + port,
        "-Dkafka.bootstrap.servers=" + bootstrapServers(),
        // Kafka Streams' changelogs and repartition topics, replicated like the rest
        "-Dkafka-streams.replication.factor=" + replication(),
        "-Dalignstream.registry.url=" + registryUrl,
        "-Dalignstream.topics.partitions=" + settings.get("topics.partitions"),
        // Files of the services live in this stack's state dir, so stacks in other state dirs share nothing
        // (a Kafka Streams state dir is locked per application id: two stacks in one /tmp/kafka-streams clash).
        "-Dkafka-streams.state.dir=" + state.resolve("streams"),
        "-Dalignstream.scorer.probe-dir=" + state.resolve("probes"),
        "-Dalignstream.trainer.checkpoint-dir=" + state.resolve("trainer")));
    if (!settings.get("topics.prefix").isEmpty()) {
      jvm.add("-Dalignstream.topics.prefix=" + settings.get("topics.prefix"));
    }
    // Extra options per service, e.g. service.scorer.jvm-options=-Dalignstream.scorer.methods=mt=dsir
    settings.getOptional("service." + service + ".jvm-options")
        .ifPresent(o -> jvm.addAll(java.util.Arrays.asList(o.trim().split("\\s+"))));
    // Logins go in the child's environment (readable only by its owner), never on its command line.
    Map<String, String> env = new LinkedHashMap<>(kafka(service).environment());
    if (secrets != null) {
      env.put(RegistrySettings.BASIC_AUTH_ENV, secrets.registryLogin(service));
    }
    ChildProcess child = ChildProcess.start(service, JavaCommand.jar(settings.serviceJar(service), jvm),
        env, settings.home(), logs.resolve(service + ".log"), console, null);
    putPart(new RunFile.Part(service, child.pid(), "http://127.0.0.1:" + port));
    return child;
  }

  private void awaitServicesReady(Duration timeout) {
    HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> serviceNames = services.stream().map(ChildProcess::name).collect(java.util.stream.Collectors.toSet());
    List<RunFile.Part> pending = new ArrayList<>(parts.stream().filter(p -> serviceNames.contains(p.name())).toList());
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
    return cluster != null ? cluster.bootstrapServers() : broker.bootstrapServers();
  }

  /** {@code broker.count} (the {@code up --brokers} option): 1, or a cluster of that many nodes. */
  private int brokerCount() {
    return settings.getOptional("broker.count").map(Integer::parseInt).orElse(1);
  }

  /** Replicas of every topic: min(nodes, 3). */
  private short replication() {
    return (short) Math.min(3, brokerCount());
  }

  public String registryUrl() {
    return registryUrl;
  }

  /**
   * How a stack user ({@link StackSecrets#SERVICE_USERS} or {@link StackSecrets#ADMIN}) reaches the
   * broker: its SCRAM login on a secure stack, PLAINTEXT otherwise.
   */
  public KafkaClientProperties kafka(String user) {
    if (secrets == null) {
      return KafkaClientProperties.plaintext(bootstrapServers());
    }
    if (!secrets.scramUsers().contains(user)) {
      throw new IllegalArgumentException("'" + user + "' has no Kafka user on the secure stack; users: "
          + secrets.scramUsers());
    }
    return secrets.client(user, broker.bootstrapServers());
  }

  /**
   * How a registry user ({@link StackSecrets#REGISTRY_USERS}) reaches the registry: with its login on a
   * secure stack (writes need one), without otherwise.
   */
  public RegistrySettings registry(String user) {
    RegistrySettings plain = RegistrySettings.of(registryUrl);
    return secrets == null ? plain : plain.withBasicAuth(secrets.registryLogin(user));
  }

  public synchronized List<RunFile.Part> parts() {
    return List.copyOf(parts);
  }

  /** kill -9 one part (fault injection): {@code kafka}, {@code registry} or a service's name. */
  public synchronized void kill(String part) {
    if (cluster != null && part.startsWith("kafka-")) {
      cluster.kill(Integer.parseInt(part.substring("kafka-".length())));
    } else if (part.equals("kafka")) {
      broker.kill();
    } else if (part.equals("registry")) {
      registry.kill();
    } else {
      service(part).kill();
    }
    console.printf("%s killed (SIGKILL)%n", part);
  }

  /**
   * Starts one part again after {@link #kill} (a part still running is stopped first): the broker on
   * its data dir and ports, the registry on its port, a service with the same options. Waits until
   * the broker or the registry answers; a service is only started (its readiness is the caller's to
   * watch). The run file names the new pid.
   */
  public synchronized void restart(String part) {
    Path logs = settings.stateDir().resolve("logs");
    if (cluster != null && part.startsWith("kafka-")) {
      int id = Integer.parseInt(part.substring("kafka-".length()));
      cluster.restart(id, null);
      broker = cluster.node(1);
      putPart(new RunFile.Part(part, cluster.node(id).pid(), null));
    } else if (part.equals("kafka")) {
      broker.close();
      int controllerPort = controllerPort(broker.config().dataDir());
      String bootstrap = broker.bootstrapServers();
      int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
      broker = KafkaBroker.start(broker.config().withPorts(brokerPort, controllerPort), null);
      putPart(new RunFile.Part("kafka", broker.pid(), null));
    } else if (part.equals("registry")) {
      registry.stop(STOP_GRACE);
      startRegistry(logs);
    } else {
      ChildProcess old = service(part);
      old.stop(STOP_GRACE);
      services.set(services.indexOf(old), startService(part, logs));
    }
    writeRunFile(true);
    console.printf("%s restarted%n", part);
  }

  private ChildProcess service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No part '" + name + "' in this stack"));
  }

  /** The controller port the broker was started with (server.properties is rewritten on every start). */
  private static int controllerPort(Path dataDir) {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newBufferedReader(dataDir.resolve("server.properties"))) {
      p.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read the broker's server.properties in " + dataDir, e);
    }
    String voters = p.getProperty("controller.quorum.voters", "");
    return Integer.parseInt(voters.substring(voters.lastIndexOf(':') + 1).trim());
  }

  /** Adds a part to the run file, or replaces the one of the same name (a restart). */
  private void putPart(RunFile.Part part) {
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).name().equals(part.name())) {
        parts.set(i, part);
        return;
      }
    }
    parts.add(part);
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
    if (cluster != null) {
      cluster.close();
    } else if (broker != null) {
      broker.close();
    }
    RunFile.delete(settings.stateDir());
    console.println("AlignStream stopped.");
  }

  private void writeRunFile(boolean ready) {
    new RunFile(ProcessHandle.current().pid(), ready, broker == null ? null : bootstrapServers(),
        registryUrl, settings.get("topics.prefix"), List.copyOf(parts),
        secrets == null ? null : StackSecrets.clientsDir(secrets.dir()).toString()).write(settings.stateDir());
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
