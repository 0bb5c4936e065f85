package io.alignstream.bench;

import io.alignstream.schemas.dataset.CurationPolicy;
import io.alignstream.schemas.dataset.PolicySpec;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Curator throughput through the running service, next to a pass-through Kafka Streams topology
 * over the same samples-scored records and partitions in the same run: a threshold policy (half the
 * samples pass) is declared on curation-policies, N scored samples of a fresh task are produced to
 * samples-scored, and the time until every passing sample is in its curated topic (read committed)
 * gives the curator's input samples/s.
 */
@Command(name = "curator", mixinStandardHelpOptions = true,
    description = "Samples/s through the running curator vs a pass-through topology on the same records.")
public final class CuratorBenchmark implements Callable<Integer> {
  @Option(names = "--state-dir")
  Path stateDir;

  @Option(names = "--samples", defaultValue = "30000")
  int samples;

  @Option(names = "--policy", defaultValue = "threshold", description = "threshold or top-q")
  String kind;

  @Override
  public Integer call() throws Exception {
    ScorerBenchmark.Ratio r = measure(BenchStack.find(stateDir), samples, kind);
    if (r == null) {
      return 1;
    }
    System.out.printf("%n%-58s %12s %8s%n", "path (same records, same partitions)", "samples/s", "ratio");
    System.out.printf("%-58s %12.0f %8.2f%n", "pass-through topology (decode+encode, EOS)", r.passThrough(), 1.0);
    System.out.printf("%-58s %12.0f %8.2f%n", "curator service, " + kind + " (samples-scored -> curated)", r.service(),
        r.ratio());
    return 0;
  }

  /** The curator's input samples/s next to the pass-through's; null when not everything was curated in 10 min. */
  static ScorerBenchmark.Ratio measure(BenchStack stack, int samples, String kind) throws Exception {
    String bootstrap = stack.bootstrap();
    TopicCatalogue topics = stack.topics();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String task = "bench.curator." + run;
    String dataset = "bench-" + run;
    CurationPolicy policy = CurationPolicy.newBuilder().setDatasetId(dataset).setTask(task).setTargetId("target")
        .setMethod("dsir")
        .setPolicy(kind.equals("top-q") ? new PolicySpec("top-q", Map.of("q", "0.5", "warmup", "0"))
            : new PolicySpec("threshold", Map.of("tau", "0.5")))
        .setUpdatedTime(Instant.now()).build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.curationPolicies().name(), dataset, policy)).get(30, TimeUnit.SECONDS);
    }
    Thread.sleep(3_000); // the curator validates it, creates the curated topic and sees it within a second

    Set<String> expected = new HashSet<>();
    SplittableRandom random = new SplittableRandom(42);
    long start;
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all",
        "linger.ms", 5), topics.samplesScored().keySerde().serializer(), topics.samplesScored().valueSerde().serializer())) {
      Instant now = Instant.now();
      start = System.nanoTime();
      for (int i = 0; i < samples; i++) {
        String id = run + "-" + i;
        double value = random.nextDouble();
        if (kind.equals("threshold") && value >= 0.5) {
          expected.add(id);
        }
        Sample s = Sample.newBuilder().setId(id).setTask(task).setRole(Role.POOL).setSource("bench").setDomain("d")
            .setEventTime(now).setIngestTime(now)
            .setPayload(new TextPair("sentence number " + i + " of the benchmark", "phrase " + i, "en", "fr")).build();
        producer.send(new ProducerRecord<>(topics.samplesScored().name(), id,
            new ScoredSample(s, List.of(new AlignmentScore("target", "dsir", "bench", 1L, value, null)), now)));
      }
      producer.flush();
    }
    long want = kind.equals("threshold") ? expected.size() : samples / 2 - samples / 20;
    long got = readCurated(bootstrap, topics, dataset, want);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (got < want) {
      retire(bootstrap, topics, dataset);
      System.out.printf("curator: only %d of %d curated within 10 minutes%n", got, want);
      return null;
    }
    double curator = samples / seconds;
    retire(bootstrap, topics, dataset);
    return new ScorerBenchmark.Ratio(curator, PassThrough.recordsPerSecond(bootstrap, topics.samplesScored()));
  }

  /** Retires the benchmark's policy (a tombstone), so later runs and the trainer leave its dataset alone. */
  private static void retire(String bootstrap, TopicCatalogue topics, String dataset) throws Exception {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        topics.curationPolicies().keySerde().serializer(), topics.curationPolicies().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.curationPolicies().name(), dataset, null)).get(30, TimeUnit.SECONDS);
    }
  }

  private static long readCurated(String bootstrap, TopicCatalogue topics, String dataset, long want) {
    var topic = topics.curated(dataset);
    Set<String> seen = new HashSet<>();
    // Assigned, not subscribed: a consumer group's join (3 s initial rebalance delay) would be timed too.
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
        "isolation.level", "read_committed"), topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      var partitions = consumer.partitionsFor(topic.name()).stream()
          .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (seen.size() < want && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.key()));
      }
    }
    return seen.size();
  }
}
