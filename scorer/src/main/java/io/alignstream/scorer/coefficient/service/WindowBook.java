package io.alignstream.scorer.coefficient.service;

import io.alignstream.schemas.scored.AlignmentScore;
import io.alignstream.schemas.scored.ScoredSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open windows of the scored stream: tumbling event-time windows per task and per domain and per
 * source. A window keeps its sample count, a uniform reservoir of payloads (for the batch
 * coefficient), per target and method the sum and sum of squares of the per-sample scores, and the
 * first offset it holds per partition (what may be committed). Not thread-safe: the poll thread owns it.
 */
final class WindowBook {

  /** A window: task, grouping (domain or source), group value and start (epoch ms). */
  record Key(String task, String groupKind, String group, long start) {}

  /** Per-sample score statistics of one target and method in a window. */
  static final class ScoreStats {
    long n;
    double sum;
    double sumSquares;
    long referenceVersion;
    String probeId;
  }

  static final class Window {
    final Key key;
    final Reservoir<Object> payloads;
    final Map<String, ScoreStats> scores = new LinkedHashMap<>(); // targetId|method -> stats
    final Map<Integer, Long> firstOffsets = new HashMap<>();
    long n;
    long lastAddedMs;

    Window(Key key, int reservoir) {
      this.key = key;
      this.payloads = new Reservoir<>(reservoir, (key.toString()).hashCode());
    }
  }

  private final Duration size;
  private final Duration grace;
  private final int reservoir;
  private final Map<Key, Window> open = new LinkedHashMap<>();
  private final Map<String, Long> streamTime = new HashMap<>();

  WindowBook(Duration size, Duration grace, int reservoir) {
    this.size = size;
    this.grace = grace;
    this.reservoir = reservoir;
  }

  /** Adds a POOL sample (targets and unscored samples are ignored). */
  void add(ScoredSample s, int partition, long offset, long nowMs) {
    if (s.getScores().isEmpty()) {
      return;
    }
    String task = s.getSample().getTask();
    long t = s.getSample().getEventTime().toEpochMilli();
    long start = Math.floorDiv(t, size.toMillis()) * size.toMillis();
    streamTime.merge(task, t, Math::max);
    for (String[] group : new String[][] {{"domain", s.getSample().getDomain()}, {"source", s.getSample().getSource()}}) {
      if (group[1] == null) {
        continue;
      }
      Window w = open.computeIfAbsent(new Key(task, group[0], group[1], start), k -> new Window(k, reservoir));
      w.n++;
      w.lastAddedMs = nowMs;
      w.payloads.add(s.getSample().getPayload());
      w.firstOffsets.putIfAbsent(partition, offset);
      for (AlignmentScore score : s.getScores()) {
        if (Double.isNaN(score.getValue())) {
          continue;
        }
        ScoreStats st = w.scores.computeIfAbsent(score.getTargetId() + "|" + score.getMethod(), k -> new ScoreStats());
        st.n++;
        st.sum += score.getValue();
        st.sumSquares += score.getValue() * score.getValue();
        st.referenceVersion = Math.max(st.referenceVersion, score.getReferenceVersion());
        st.probeId = score.getProbeId();
      }
    }
  }

  /** A closed window and why it closed. */
  record Closed(Window window, String closedBy) {}

  /**
   * Removes and returns the windows due: stream time of their task past end + grace, or no sample
   * added for the grace (wall clock).
   */
  List<Closed> closeDue(long nowMs) {
    List<Closed> due = new ArrayList<>();
    for (Iterator<Window> it = open.values().iterator(); it.hasNext();) {
      Window w = it.next();
      long end = w.key.start() + size.toMillis();
      if (streamTime.getOrDefault(w.key.task(), Long.MIN_VALUE) >= end + grace.toMillis()) {
        due.add(new Closed(w, "stream-time"));
        it.remove();
      } else if (nowMs - w.lastAddedMs >= grace.toMillis()) {
        due.add(new Closed(w, "wall-clock"));
        it.remove();
      }
    }
    return due;
  }

  /** Per partition, the first offset still held by an open window. */
  Map<Integer, Long> heldOffsets() {
    Map<Integer, Long> held = new HashMap<>();
    for (Window w : open.values()) {
      w.firstOffsets.forEach((p, o) -> held.merge(p, o, Math::min));
    }
    return held;
  }

  int openWindows() {
    return open.size();
  }

  Duration size() {
    return size;
  }
}
