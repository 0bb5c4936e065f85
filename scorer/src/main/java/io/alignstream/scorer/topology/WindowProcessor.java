package io.alignstream.scorer.topology;

import io.alignstream.schemas.common.ConfidenceInterval;
import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.schemas.scored.ScoredSample;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tumbling event-time windows of alignment per (target, method, probe) and per domain and per
 * source. Each window keeps n, Σv and Σv² in a changelogged store; when stream time (the largest
 * event time seen) passes the window's end plus the grace, it is emitted with its coefficient (the
 * mean alignment of the window's samples) and a 95% normal CI, and dropped from the store.
 */
final class WindowProcessor implements Processor<String, Object, String, Object> {
  private final ScorerSettings settings;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> store;
  private long streamTime = Long.MIN_VALUE;
  private long nextCheck = Long.MIN_VALUE;

  WindowProcessor(ScorerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(ScorerTopology.WINDOWS_STORE);
  }

  @Override
  public void process(Record<String, Object> record) {
    ScoredSample s = (ScoredSample) record.value();
    long t = s.getSample().getEventTime().toEpochMilli();
    long size = settings.window().toMillis();
    long start = Math.floorDiv(t, size) * size;
    for (AlignmentScore score : s.getScores()) {
      if (Double.isNaN(score.getValue())) {
        continue;
      }
      add(key(score, "domain", s.getSample().getDomain(), start), score.getValue(), score.getReferenceVersion());
      add(key(score, "source", s.getSample().getSource(), start), score.getValue(), score.getReferenceVersion());
    }
    streamTime = Math.max(streamTime, t);
    if (streamTime >= nextCheck) {
      closeWindows();
    }
  }

  /** Aggregate layout: n (long), Σv, Σv² (doubles), newest reference version (long). */
  private void add(String key, double v, long version) {
    if (key == null) {
      return;
    }
    byte[] old = store.get(key);
    ByteBuffer agg = ByteBuffer.wrap(old == null ? new byte[32] : old);
    store.put(key, ByteBuffer.allocate(32).putLong(agg.getLong(0) + 1).putDouble(agg.getDouble(8) + v)
        .putDouble(agg.getDouble(16) + v * v).putLong(Math.max(agg.getLong(24), version)).array());
  }

  private void closeWindows() {
    long size = settings.window().toMillis();
    long grace = settings.windowGrace().toMillis();
    List<KeyValue<String, byte[]>> due = new ArrayList<>();
    long earliestOpenEnd = Long.MAX_VALUE;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        long end = Long.parseLong(kv.key.substring(kv.key.lastIndexOf('|') + 1)) + size;
        if (end + grace <= streamTime) {
          due.add(kv);
        } else {
          earliestOpenEnd = Math.min(earliestOpenEnd, end + grace);
        }
      }
    }
    for (KeyValue<String, byte[]> kv : due) {
      context.forward(new Record<>(kv.key, (Object) window(kv.key, kv.value, size), streamTime), ScorerTopology.WINDOW_SINK);
      store.delete(kv.key);
    }
    nextCheck = earliestOpenEnd == Long.MAX_VALUE ? streamTime + 1 : earliestOpenEnd;
  }

  private static String key(AlignmentScore s, String kind, String group, long start) {
    if (group == null) {
      return null;
    }
    return String.join("|", s.getTargetId().replace('|', '/'), s.getMethod(), s.getProbeId(), kind,
        group.replace('|', '/'), Long.toString(start));
  }

  static AlignmentWindow window(String key, byte[] aggregate, long size) {
    String[] p = key.split("\\|");
    ByteBuffer agg = ByteBuffer.wrap(aggregate);
    long n = agg.getLong(0);
    double mean = agg.getDouble(8) / n;
    ConfidenceInterval ci = null;
    if (n >= 2) {
      double variance = Math.max(0, (agg.getDouble(16) - n * mean * mean) / (n - 1));
      double half = 1.96 * Math.sqrt(variance / n);
      ci = new ConfidenceInterval(mean - half, mean + half, 0.95);
    }
    long start = Long.parseLong(p[5]);
    return AlignmentWindow.newBuilder()
        .setTargetId(p[0]).setMethod(p[1]).setProbeId(p[2]).setReferenceVersion(agg.getLong(24))
        .setGroupKind(p[3]).setGroup(p[4])
        .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(start + size))
        .setN(n).setCoefficient(mean).setCi(ci)
        .build();
  }
}
