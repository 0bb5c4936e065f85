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
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
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

  @Override
  public Integer call() throws Exception {
    BenchStack stack = BenchStack.find(stateDir);
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
        return 1;
      }
      double scorer = samples / ((System.nanoTime() - start) / 1e9);
      double passThrough = passThrough(bootstrap, topics, samples + targets);
      System.out.printf("%n%-58s %12s %8s%n", "path (same records, same partitions)", "samples/s", "ratio");
      System.out.printf("%-58s %12.0f %8.2f%n", "pass-through topology (decode+encode, EOS)", passThrough, 1.0);
      System.out.printf("%-58s %12.0f %8.2f%n", "scorer service (produce -> samples-scored)", scorer, scorer / passThrough);
    }
    return 0;
  }

  private static void readScored(String bootstrap, TopicCatalogue topics, Set<String> ids, AtomicLong seen,
      CountDownLatch done) {
    Set<String> remaining = new HashSet<>(ids);
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
        "group.id", "bench-" + UUID.randomUUID(), "isolation.level", "read_committed", "auto.offset.reset", "latest"),
        topics.samplesScored().keySerde().deserializer(), topics.samplesScored().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.samplesScored().name()));
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

  /** Reads the last {@code n} records of samples-raw (the ones just produced) through a pass-through app. */
  private static double passThrough(String bootstrap, TopicCatalogue topics, int n) throws Exception {
    String out = "bench-pass-through-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      int partitions = admin.describeTopics(List.of(topics.samplesRaw().name())).allTopicNames().get()
          .get(topics.samplesRaw().name()).partitions().size();
      admin.createTopics(List.of(new NewTopic(out, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    StreamsBuilder b = new StreamsBuilder();
    var serde = topics.samplesRaw().valueSerde();
    AtomicLong count = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    b.stream(topics.samplesRaw().name(), Consumed.with(Serdes.String(), serde))
        .peek((k, v) -> {
          if (count.incrementAndGet() >= n) {
            done.countDown();
          }
        })
        .to(out, Produced.with(Serdes.String(), serde));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-pass-through-" + UUID.randomUUID());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/bench-streams-" + UUID.randomUUID());
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
      // The whole topic goes through (the n new records and any earlier ones): records/s over all.
      long already = countRaw(bootstrap, topics);
      count.set(n - already);
      long start = System.nanoTime();
      streams.start();
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("pass-through did not finish");
      }
      return already / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static long countRaw(String bootstrap, TopicCatalogue topics) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())) {
      var parts = consumer.partitionsFor(topics.samplesRaw().name()).stream()
          .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
      long end = consumer.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
      long begin = consumer.beginningOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
      return end - begin;
    }
  }
}
