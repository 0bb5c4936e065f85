package io.alignstream.bench;

import io.alignstream.ingest.generate.MtGenerator;
import io.alignstream.ingest.generate.MtParams;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.scored.ScoredSample;
import io.alignstream.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scorer throughput through the running service, next to a pass-through Kafka Streams topology on
 * the same records and partitions in the same run: N pool samples are produced to samples-raw
 * (after K targets), and the time until all N are in samples-scored (read committed) is measured;
 * then a pass-through app (decode, re-encode, exactly-once, same commit interval) reads the same N
 * records from samples-raw into a scratch topic (it reads the whole topic, earlier runs' records
 * included, and reports records/s over all of them).
 */
@Command(name = "scorer", mixinStandardHelpOptions = true,
    description = "Samples/s through the running scorer vs a pass-through topology on the same records.")
public final class ScorerBenchmark implements Callable<Integer> {
  @Option(names = "--state-dir")
  Path stateDir;

  @Option(names = "--samples", defaultValue = "20000")
  int samples;

  @Option(names = "--targets", defaultValue = "200")
  int targets;

  /** Samples/s of the service and of the pass-through on the same records; null service when it timed out. */
  record Ratio(Double service, double passThrough) {
    double ratio() {
      return service == null ? Double.NaN : service / passThrough;
    }
  }

  @Override
  public Integer call() throws Exception {
    Ratio r = measure(BenchStack.find(stateDir), samples, targets);
    if (r == null) {
      return 1;
    }
    System.out.printf("%n%-58s %12s %8s%n", "path (same records, same partitions)", "samples/s", "ratio");
    System.out.printf("%-58s %12.0f %8.2f%n", "pass-through topology (decode+encode, EOS)", r.passThrough(), 1.0);
    System.out.printf("%-58s %12.0f %8.2f%n", "scorer service (produce -> samples-scored)", r.service(), r.ratio());
    return 0;
  }

  /** The scorer's samples/s next to the pass-through's; null when not every sample was scored in 10 minutes. */
  static Ratio measure(BenchStack stack, int samples, int targets) throws Exception {
    String bootstrap = stack.bootstrap();
    TopicCatalogue topics = stack.topics();
    long seed = System.nanoTime();
    List<Sample> targetSamples = new MtGenerator(MtParams.defaults().withSeed(seed).withRole(Role.TARGET))
        .stream(targets).toList();
    List<Sample> pool = new MtGenerator(MtParams.defaults().withSeed(seed + 1).withAlignment(0.5)).stream(samples).toList();
    Set<String> ids = new HashSet<>();
    pool.forEach(s -> ids.add(s.getId()));

    try (SampleSink sink = new SampleSink(bootstrap, topics, Duration.ofSeconds(60), Map.of())) {
      targetSamples.forEach(sink::send);
      sink.flush();
      Thread.sleep(5_000); // let the target reference be built and published first
      CountDownLatch scored = new CountDownLatch(1);
      AtomicLong seen = new AtomicLong();
      Thread reader = new Thread(() -> readScored(bootstrap, topics, ids, seen, scored), "bench-reader");
      reader.start();
      Thread.sleep(2_000);
      long start = System.nanoTime();
      pool.forEach(sink::send);
      sink.flush();
      if (!scored.await(10, TimeUnit.MINUTES)) {
        System.out.printf("scorer: only %d of %d scored within 10 minutes%n", seen.get(), samples);
        return null;
      }
      double scorer = samples / ((System.nanoTime() - start) / 1e9);
      return new Ratio(scorer, PassThrough.recordsPerSecond(bootstrap, topics.samplesRaw()));
    }
  }

  private static void readScored(String bootstrap, TopicCatalogue topics, Set<String> ids, AtomicLong seen,
      CountDownLatch done) {
    Set<String> remaining = new HashSet<>(ids);
    // Assigned at the end, not subscribed: no consumer-group join inside the timed window.
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
        "isolation.level", "read_committed"),
        topics.samplesScored().keySerde().deserializer(), topics.samplesScored().valueSerde().deserializer())) {
      var partitions = consumer.partitionsFor(topics.samplesScored().name()).stream()
          .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end now, before the pool is produced
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!remaining.isEmpty() && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          ScoredSample s = r.value();
          if (remaining.remove(s.getSample().getId())) {
            seen.incrementAndGet();
          }
        }
      }
    }
    if (remaining.isEmpty()) {
      done.countDown();
    }
  }
}
