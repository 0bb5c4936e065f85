package io.alignstream.analyzer.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of some topics from the beginning, for ever, on one thread: the analyzer's
 * state is a function of these topics, so each start replays them (no consumer group, no committed
 * offsets; every instance reads everything). Only committed records are read ({@code read_committed}).
 *
 * <p>The handler sees raw records in offset order per partition. When it throws {@link TransientException}
 * (the schema registry is unreachable, say), the partition is rewound to that record and retried after
 * a growing pause (0.2 s doubling to 5 s): nothing is skipped. {@link #caughtUp()} turns true once the
 * positions reach the end offsets taken at the first assignment (the replay is over). Partitions and
 * topics that appear later are picked up by a periodic look-up and read from their beginning.
 */
public final class TopicFollower implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long MAX_BACKOFF_MS = 5_000;

  /** What the follower feeds. */
  public interface Handler {
    void handle(ConsumerRecord<byte[], byte[]> record);

    /** Called once, on the follower's thread, when the replay of what was there at start is over. */
    void caughtUp();
  }

  /** The record cannot be handled now but may be later (e.g. the registry is unreachable). */
  public static final class TransientException extends RuntimeException {
    public TransientException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Map<String, Object> consumerConfig;
  private final List<String> topics;
  private final Handler handler;
  private final Duration discoverEvery;
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final CountDownLatch replayed = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile String lastError;
  private Map<TopicPartition, Long> replayTargets;
  private long backoffMs;
  private boolean brokerAway;

  /**
   * @param consumerConfig bootstrap servers and any client settings; deserializers, isolation and offset
   *     handling are set here
   * @param discoverEvery how often to look for new topics and partitions
   */
  public TopicFollower(String name, Map<String, Object> consumerConfig, List<String> topics, Handler handler,
      Duration discoverEvery) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put("isolation.level", "read_committed");
    config.put("enable.auto.commit", false);
    config.put("auto.offset.reset", "earliest");
    config.remove("group.id");
    this.consumerConfig = Map.copyOf(config);
    this.topics = List.copyOf(topics);
    this.handler = handler;
    this.discoverEvery = discoverEvery;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Waits for the replay to end; false when it did not within the time. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return replayed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean caughtUp() {
    return replayed.getCount() == 0;
  }

  /** The next offset to read per partition (for the lag against end offsets). */
  public Map<TopicPartition, Long> positions() {
    return Map.copyOf(positions);
  }

  /** The last error that stopped progress, null when reading normally. */
  public String lastError() {
    return lastError;
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      long nextDiscovery = 0;
      while (running) {
        try {
          if (System.currentTimeMillis() >= nextDiscovery) {
            discover(c);
            nextDiscovery = System.currentTimeMillis() + discoverEvery.toMillis();
          }
          if (c.assignment().isEmpty()) {
            markCaughtUp();
            sleep(POLL.toMillis());
            continue;
          }
          ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
          for (TopicPartition partition : records.partitions()) {
            handlePartition(c, partition, records.records(partition));
          }
          c.assignment().forEach(p -> positions.put(p, c.position(p)));
          checkReplayed();
          if (brokerAway) {
            brokerAway = false;
            lastError = null;
            backoffMs = 0;
          }
        } catch (RetriableException e) {
          // The broker is away for a while (a restart, a network hiccup): keep the assignment and the
          // positions and try again, rather than let the thread die and readiness stay DOWN for good.
          brokerAway = true;
          lastError = e.toString();
          backoffMs = backoffMs == 0 ? 200 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
          LOG.warnf("%s; reading %s again in %d ms", e.toString(), topics, backoffMs);
          sleep(backoffMs);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOG.errorf(e, "Reading %s stopped", topics);
      throw e;
    }
  }

  private void handlePartition(KafkaConsumer<byte[], byte[]> c, TopicPartition partition,
      List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        handler.handle(record);
        backoffMs = 0;
        lastError = null;
      } catch (TransientException e) {
        c.seek(partition, record.offset());
        backoffMs = backoffMs == 0 ? 200 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        lastError = e.getMessage();
        LOG.warnf("%s; retrying %s@%d in %d ms", e.getMessage(), partition, record.offset(), backoffMs);
        sleep(backoffMs);
        return;
      }
    }
  }

  private void discover(KafkaConsumer<byte[], byte[]> c) {
    Set<TopicPartition> found = new HashSet<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
      if (infos != null) {
        infos.forEach(i -> found.add(new TopicPartition(i.topic(), i.partition())));
      }
    }
    Set<TopicPartition> added = new HashSet<>(found);
    added.removeAll(c.assignment());
    if (added.isEmpty()) {
      return;
    }
    List<TopicPartition> all = new ArrayList<>(c.assignment());
    all.addAll(added);
    c.assign(all);
    c.seekToBeginning(added);
    if (replayTargets == null) {
      replayTargets = new HashMap<>(c.endOffsets(all));
      LOG.infof("Replaying %s from the beginning: %s records at most", topics,
          replayTargets.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  private void checkReplayed() {
    if (replayed.getCount() == 0 || replayTargets == null) {
      return;
    }
    boolean done = replayTargets.entrySet().stream()
        .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    if (done) {
      markCaughtUp();
    }
  }

  private void markCaughtUp() {
    if (replayed.getCount() > 0) {
      replayed.countDown();
      handler.caughtUp();
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
