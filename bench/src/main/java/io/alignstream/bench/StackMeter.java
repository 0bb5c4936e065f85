package io.alignstream.bench;

import io.alignstream.infra.launcher.RunFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, every few seconds, what a long run must not let grow: the resident memory (VmRSS) of
 * every process in the run file and the lag (end offset − committed offset, summed over partitions)
 * of every consumer group of the stack. Read from /proc and the admin client; never throws on a
 * process that is gone or a group that is rebalancing (that sample is left out).
 */
final class StackMeter implements AutoCloseable {
  /** One sample: when (ms since the start), RSS KiB per part, lag per group. */
  record Snapshot(long atMs, Map<String, Long> rssKiB, Map<String, Long> lag) {}

  private final RunFile run;
  private final Admin admin;
  private final String groupPrefix;
  private final long start = System.nanoTime();
  private final List<Snapshot> snapshots = new ArrayList<>();

  StackMeter(RunFile run, String groupPrefix) {
    this.run = run;
    this.groupPrefix = groupPrefix;
    this.admin = Admin.create(Map.of("bootstrap.servers", run.bootstrapServers(),
        "request.timeout.ms", 5000, "default.api.timeout.ms", 8000));
  }

  synchronized List<Snapshot> snapshots() {
    return List.copyOf(snapshots);
  }

  /** Takes one snapshot (bounded by the admin client's timeouts). */
  Snapshot sample() {
    Map<String, Long> rss = new LinkedHashMap<>();
    long up = rssKiB(run.upPid());
    if (up > 0) {
      rss.put("up (launcher)", up);
    }
    for (RunFile.Part p : run.parts()) {
      long kib = rssKiB(p.pid());
      if (kib > 0) {
        rss.put(p.name(), kib);
      }
    }
    Map<String, Long> lag = lag();
    Snapshot s = new Snapshot((System.nanoTime() - start) / 1_000_000, rss, lag);
    synchronized (this) {
      snapshots.add(s);
    }
    return s;
  }

  static long rssKiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone, or no /proc here
    }
    return 0;
  }

  /** The 1-minute load average, or NaN without /proc. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private Map<String, Long> lag() {
    Map<String, Long> lag = new LinkedHashMap<>();
    try {
      List<String> groups = admin.listConsumerGroups().all().get(8, TimeUnit.SECONDS).stream()
          .map(ConsumerGroupListing::groupId).filter(g -> g.startsWith(groupPrefix)).sorted().toList();
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(8, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
            admin.listOffsets(latest).all().get(8, TimeUnit.SECONDS);
        long sum = 0;
        for (var e : committed.entrySet()) {
          if (e.getValue() != null && ends.containsKey(e.getKey())) {
            sum += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
          }
        }
        lag.put(group, sum);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // a rebalance or a slow broker: this sample has no lag figures
    }
    return lag;
  }

  /** Mean of a per-key series over the snapshots whose time falls in [from, to). */
  static Map<String, Double> mean(List<Snapshot> snapshots, long fromMs, long toMs, boolean rss) {
    Map<String, double[]> acc = new LinkedHashMap<>();
    for (Snapshot s : snapshots) {
      if (s.atMs() < fromMs || s.atMs() >= toMs) {
        continue;
      }
      (rss ? s.rssKiB() : s.lag()).forEach((k, v) -> {
        double[] a = acc.computeIfAbsent(k, x -> new double[2]);
        a[0] += v;
        a[1]++;
      });
    }
    Map<String, Double> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
    return out;
  }

  static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
