package io.alignstream.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults against the real stack, one after the other on one stack, each under a steady load through
 * ingest's HTTP API ({@link Load}): kill -9 and restart the broker (same data dir and ports), each
 * stage service, the schema registry; and a backlog written straight to one partition of
 * {@code samples-raw}. After each fault the topics are audited ({@link Audit}):
 * <ul>
 *   <li>every sample acknowledged (HTTP 200 or producer ack) is in {@code samples-raw}, exactly once
 *       unless its batch was sent more than once by the client (a retry after 503, a timeout or a
 *       refused connection may have stored it twice under the same content-hash id: counted apart as
 *       "retry copies", never as duplicates);</li>
 *   <li>each such sample reaches {@code samples-scored} and the {@code all} policy's curated topic,
 *       never more often than it is in the stage before (read committed);</li>
 *   <li>every rejected (400) request has its dead letter;</li>
 *   <li>every service's {@code /q/health/ready} is UP again by itself within {@link #RECOVERY_BOUND}.</li>
 * </ul>
 * Short form by default; {@code -Dfaults.long=true} kills every service, keeps the broker and the
 * registry down longer, sends more and runs a one-minute soak. Figures go to stdout and
 * {@code target/faults-report.md}.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {
  static final boolean LONG = Boolean.getBoolean("faults.long");
  /** A service must be ready again within this after the faulty part is back. */
  static final Duration RECOVERY_BOUND = Duration.ofSeconds(180);
  static final String TASK = "mt.faults";
  static final String DATASET = "faults-all";
  static final int RATE = LONG ? 200 : 100;

  private FaultStack stack;
  private final List<String> report = new ArrayList<>();

  @BeforeAll
  void startStackWithPolicyAndTargets() throws Exception {
    stack = FaultStack.start();
    CurationPolicy all = CurationPolicy.newBuilder().setDatasetId(DATASET).setTask(TASK).setTargetId(TASK + "/default")
        .setMethod("dsir").setPolicy(new PolicySpec("all", Map.of())).setUpdatedTime(Instant.now()).build();
    var policies = stack.topics().curationPolicies();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrap(), "acks", "all"),
        policies.keySerde().serializer(), policies.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(policies.name(), DATASET, all)).get(30, TimeUnit.SECONDS);
    }
    // Targets for DSIR, through ingest like everything else.
    {
      var http = java.net.http.HttpClient.newHttpClient();
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 64; i++) {
        body.append(i == 0 ? "" : ",").append("{\"task\":\"").append(TASK).append("\",\"role\":\"TARGET\",")
            .append("\"source\":\"faults\",\"payload\":{\"type\":\"TextPair\",\"src\":\"save the table row ").append(i)
            .append(" of the database\",\"tgt\":\"enregistrer la ligne\",\"srcLang\":\"en\",\"tgtLang\":\"fr\"}}");
      }
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.url("ingest") + "/samples"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.append("]").toString())).build();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      var r = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      while (r.statusCode() == 503 && System.nanoTime() < deadline) { // the first send waits for metadata
        Thread.sleep(500);
        r = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      }
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    report.add(String.format(Locale.ROOT, "%n### Fault injection (%s form, %d samples/s, %s UTC)%n%n"
            + "| scenario | sent | accepted | landed | duplicated | retry copies | lost | scored / curated missing | "
            + "rejected / dead-lettered | recovery |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        LONG ? "long" : "short", RATE, Instant.now().toString().substring(0, 16).replace('T', ' ')));
  }

  @AfterAll
  void stopStack() throws Exception {
    String text = String.join("\n", report) + "\n";
    System.out.println(text);
    Files.writeString(FaultStack.REPO.resolve("infra/faults/target/faults-report.md"), text, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void brokerKilledDuringIngestLosesAndDuplicatesNothingAndEveryServiceRecovers() throws Exception {
    // Long form: down longer than the clients' 60 s API timeout (positions, end offsets) and the 30 s
    // metadata look-ups of the trainer and the analyzer, so every such call fails at least once.
    runScenario("broker kill -9", "kafka", LONG ? Duration.ofSeconds(75) : Duration.ofSeconds(5));
  }

  @Test
  @Order(2)
  void eachStageKilledMidStreamLosesAndDuplicatesNothingAndRecovers() throws Exception {
    for (String service : LONG ? FaultStack.SERVICES : List.of("ingest", "scorer", "curator")) {
      runScenario(service + " kill -9", service, Duration.ofSeconds(1));
    }
  }

  @Test
  @Order(3)
  void registryStoppedForAWhileLosesNothingAndEveryServiceRecovers() throws Exception {
    runScenario("registry kill -9", "registry", LONG ? Duration.ofSeconds(30) : Duration.ofSeconds(10));
  }

  @Test
  @Order(4)
  void backlogInOnePartitionDrainsWithEverySampleScoredAndCuratedOnce() throws Exception {
    String tag = "backlog";
    int n = LONG ? 100_000 : 20_000;
    var raw = stack.topics().samplesRaw();
    AtomicLong acked = new AtomicLong();
    List<Long> failed = new ArrayList<>();
    long t0 = System.nanoTime();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrap(),
        "acks", "all", "enable.idempotence", true, "linger.ms", 5),
        raw.keySerde().serializer(), raw.valueSerde().serializer())) {
      Instant now = Instant.now();
      for (long i = 0; i < n; i++) {
        long index = i;
        String id = "faults-backlog-" + i;
        Sample s = Sample.newBuilder().setId(id).setTask(TASK).setRole(Role.POOL).setSource("faults").setDomain("db")
            .setEventTime(now).setIngestTime(now)
            .setPayload(new TextPair(Load.text(tag, i), "ouvrir la table", "en", "fr")).build();
        producer.send(new ProducerRecord<>(raw.name(), 0, id, s), (m, e) -> {
          if (e == null) {
            acked.incrementAndGet();
          } else {
            synchronized (failed) {
              failed.add(index);
            }
          }
        });
      }
      producer.flush();
    }
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    // Lag of the scorer on samples-raw partition 0: it grows while we write, then must drain.
    long maxLag = 0;
    long drained = -1;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrap()))) {
      TopicPartition p0 = new TopicPartition(raw.name(), 0);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LONG ? 10 : 4);
      while (System.nanoTime() < deadline) {
        long end = admin.listOffsets(Map.of(p0, OffsetSpec.latest())).partitionResult(p0).get(10, TimeUnit.SECONDS).offset();
        var committed = admin.listConsumerGroupOffsets("alignstream-scorer").partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS).get(p0);
        long lag = end - (committed == null ? 0 : committed.offset());
        maxLag = Math.max(maxLag, lag);
        if (lag <= 1) { // a transaction marker may follow the last record
          drained = (System.nanoTime() - t0) / 1_000_000;
          break;
        }
        Thread.sleep(500);
      }
    }
    assertThat(drained).as("the scorer's lag on the filled partition drains").isPositive();
    Audit a = awaitAudit(tag, x -> x.curated.size() >= n);
    long rawDup = a.raw.values().stream().filter(c -> c > 1).count();
    long lost = n - a.raw.size();
    long scoredMissing = n - a.scored.size();
    long curatedMissing = n - a.curated.size();
    long scoredDup = a.scored.values().stream().filter(c -> c > 1).count();
    long curatedDup = a.curated.values().stream().filter(c -> c > 1).count();
    report.add(String.format(Locale.ROOT, "| backlog: %d samples into one partition (written in %.1f s, max scorer lag %d) "
            + "| %d | %d | %d | %d | 0 | %d | %d / %d | – | drained %.1f s after the first write |",
        n, writeSeconds, maxLag, n, acked.get(), a.raw.size(), rawDup + scoredDup + curatedDup, lost, scoredMissing,
        curatedMissing, drained / 1e3));
    System.out.println(report.get(report.size() - 1));
    assertThat(failed).as("producer sends that failed").isEmpty();
    assertThat(acked.get()).isEqualTo(n);
    assertThat(lost).as("acknowledged but not in samples-raw").isZero();
    assertThat(rawDup + scoredDup + curatedDup).as("duplicates in raw + scored + curated").isZero();
    assertThat(scoredMissing).as("not scored").isZero();
    assertThat(curatedMissing).as("not curated").isZero();
  }

  @Test
  @Order(5)
  void oneMinuteSoakThroughTheBenchLosesAndDuplicatesNothing() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(LONG, "the soak runs in the long form (-Dfaults.long=true)");
    Path out = stack.state.resolve("soak.md");
    Process p = new ProcessBuilder(FaultStack.REPO.resolve("bin/alignstream").toString(), "bench", "soak",
        "--state-dir", stack.state.toString(), "--minutes", "1", "--rate", "100", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(stack.state.resolve("soak.log").toFile()).start();
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("soak finished").isTrue();
    String log = Files.readString(stack.state.resolve("soak.log"));
    System.out.println(log);
    assertThat(p.exitValue()).as(log).isZero();
    report.add("\n" + Files.readString(out));
  }

  /**
   * Load, fault (kill -9 {@code part}, wait {@code down}, restart), load on after recovery, then the
   * audit and the assertions of the class comment.
   */
  private void runScenario(String name, String part, Duration down) throws Exception {
    String tag = part + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    Load load = new Load(stack.url("ingest"), TASK, tag, RATE, 10, 20);
    double recovery;
    try {
      load.start();
      Thread.sleep(LONG ? 10_000 : 4_000);
      if (part.equals("ingest")) {
        load.invalid.set(false); // a dead letter ingest has not sent yet dies with it (see the report)
        Thread.sleep(2_000);
      }
      stack.kill(part);
      Thread.sleep(down.toMillis());
      stack.restart(part);
      long back = System.nanoTime();
      long deadline = back + RECOVERY_BOUND.toNanos();
      while (!stack.allReady()) {
        assertThat(System.nanoTime()).as("every service ready within %s after %s restarted: %s", RECOVERY_BOUND,
            part, stack.health()).isLessThan(deadline);
        Thread.sleep(250);
      }
      recovery = (System.nanoTime() - back) / 1e9;
      load.invalid.set(true);
      Thread.sleep(LONG ? 10_000 : 4_000);
    } finally {
      load.stop();
      load.close();
    }
    Audit a = awaitAudit(tag, x -> x.curated.keySet().containsAll(load.acknowledged.keySet()));
    long landed = load.acknowledged.keySet().stream().filter(a.raw::containsKey).count();
    long lost = load.acceptedCount() - landed;
    long duplicated = a.raw.entrySet().stream().filter(e -> e.getValue() > 1 && !load.retried.contains(e.getKey())).count();
    long retryCopies = a.raw.entrySet().stream().filter(e -> load.retried.contains(e.getKey()))
        .mapToLong(e -> e.getValue() - 1).sum();
    long scoredMissing = load.acknowledged.keySet().stream().filter(i -> !a.scored.containsKey(i)).count();
    long curatedMissing = load.acknowledged.keySet().stream().filter(i -> !a.curated.containsKey(i)).count();
    long scoredOverRaw = a.scored.entrySet().stream().filter(e -> e.getValue() > a.raw.getOrDefault(e.getKey(), 0)).count();
    long curatedOverScored = a.curated.entrySet().stream()
        .filter(e -> e.getValue() > a.scored.getOrDefault(e.getKey(), 0)).count();
    long idsDiffer = a.rawIds.values().stream().filter(ids -> ids.size() > 1).count();
    long deadLettered = load.rejectedMarkers.stream().filter(a.deadLetters::containsKey).count();
    long landedUnacknowledged = a.raw.keySet().stream().filter(i -> !load.acknowledged.containsKey(i)).count();
    report.add(String.format(Locale.ROOT, "| %s (down %d s) | %d | %d | %d%s | %d | %d | %d | %d / %d | %d / %d | %.1f s |",
        name, down.toSeconds(), load.sent.get(), load.acceptedCount(), landed,
        landedUnacknowledged > 0 ? " (+" + landedUnacknowledged + " never acknowledged)" : "",
        duplicated + scoredOverRaw + curatedOverScored, retryCopies, lost, scoredMissing, curatedMissing,
        load.rejectedMarkers.size(), deadLettered, recovery));
    System.out.println(report.get(report.size() - 1) + "  [" + load.attempts.get() + " requests, "
        + load.retried.size() + " samples in retried batches, " + load.failures.get() + " batches given up]");
    assertThat(load.failures.get()).as("batches the client gave up on").isZero();
    assertThat(lost).as("acknowledged but not in samples-raw").isZero();
    assertThat(duplicated).as("second copies in samples-raw of samples sent once").isZero();
    assertThat(idsDiffer).as("indices with more than one id").isZero();
    assertThat(scoredMissing).as("acknowledged but not scored").isZero();
    assertThat(curatedMissing).as("acknowledged but not curated").isZero();
    assertThat(scoredOverRaw).as("scored more often than in samples-raw").isZero();
    assertThat(curatedOverScored).as("curated more often than scored").isZero();
    assertThat(deadLettered).as("rejected requests with a dead letter").isEqualTo(load.rejectedMarkers.size());
  }

  /** Audits until every expected index is curated (bounded), then once more a little later for late copies. */
  private Audit awaitAudit(String tag, java.util.function.Predicate<Audit> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LONG ? 10 : 3);
    Audit a = Audit.of(stack.bootstrap(), stack.topics(), DATASET, tag);
    while (!done.test(a) && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      a = Audit.of(stack.bootstrap(), stack.topics(), DATASET, tag);
    }
    Thread.sleep(2_000);
    return Audit.of(stack.bootstrap(), stack.topics(), DATASET, tag);
  }
}
