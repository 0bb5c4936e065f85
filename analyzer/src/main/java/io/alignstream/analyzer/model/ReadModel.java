package io.alignstream.analyzer.model;

import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.fit.ScalingFit;
import io.alignstream.schemas.scored.AlignmentWindow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;

/**
 * The analyzer's in-memory view of its topics, rebuilt from them on every start: training results by
 * group and dataset (deduplicated by run and step), the latest manifest per dataset, recent alignment
 * windows, the latest fit per fit id, the latest analysis per group, and dead-letter counts. One lock
 * guards it all (the data are small: thousands of results, not millions); readers get copies.
 */
public final class ReadModel {
  private final Map<GroupKey, Map<String, Map<ResultPoint.Id, ResultPoint>>> results = new TreeMap<>();
  private final Map<GroupKey, Long> pendingSince = new HashMap<>();
  private final Map<GroupKey, Long> versions = new HashMap<>();
  private final Map<String, DatasetManifest> datasets = new TreeMap<>();
  /** datasetId → method → the latest OK coefficient (dataset-alignment), for the dataset's target. */
  private final Map<String, Map<String, io.alignstream.schemas.dataset.DatasetAlignment>> coefficients = new TreeMap<>();
  private final LinkedHashMap<String, AlignmentWindow> windows = new LinkedHashMap<>();
  private final Map<String, ScalingFit> fits = new TreeMap<>();
  private final Map<GroupKey, GroupAnalysis> analyses = new TreeMap<>();
  private final Map<String, Long> deadLetters = new TreeMap<>();
  private final Deque<Long> recentReceipts = new ArrayDeque<>();
  private final int maxWindows;
  private long resultCount;

  /** @param maxWindows alignment windows kept (the most recently updated); older ones leave the view */
  public ReadModel(int maxWindows) {
    this.maxWindows = maxWindows;
  }

  /** A group's points at one moment, with the earliest arrival time of what changed since the last snapshot. */
  public record GroupSnapshot(GroupKey key, long version, List<ResultPoint> points, Optional<Long> pendingSince) {}

  /**
   * Adds or replaces a result (same dataset, run and step). Returns whether the group changed: a
   * duplicate of a point already held changes nothing and triggers no refit.
   */
  public synchronized boolean addResult(ResultPoint point, long receivedAtMillis) {
    Map<ResultPoint.Id, ResultPoint> dataset = results.computeIfAbsent(point.group(), g -> new TreeMap<>())
        .computeIfAbsent(point.datasetId(), d -> new LinkedHashMap<>());
    ResultPoint previous = dataset.put(point.id(), point);
    recentReceipts.addLast(receivedAtMillis);
    while (recentReceipts.size() > 100_000) {
      recentReceipts.removeFirst();
    }
    if (point.equals(previous)) {
      return false;
    }
    if (previous == null) {
      resultCount++;
    }
    versions.merge(point.group(), 1L, Long::sum);
    pendingSince.merge(point.group(), receivedAtMillis, Math::min);
    return true;
  }

  /**
   * The group's points in curve order, each method's alignment A replaced by its dataset's coefficient
   * where one was published (the paper's batch coefficient; the trainer's values are per-sample score
   * means); clears its pending arrival time. One kind of A per method within a group: once any dataset
   * of the group has a coefficient by a method, that method's per-sample means are dropped from the
   * others (a dataset too small for one batch then has no A by it), since a coefficient and a mean of
   * contrast scores are different quantities and must not meet in one correlation or fit.
   */
  public synchronized GroupSnapshot takeSnapshot(GroupKey key) {
    List<ResultPoint> points = new ArrayList<>();
    Map<String, Map<ResultPoint.Id, ResultPoint>> group = results.getOrDefault(key, Map.of());
    Set<String> withCoefficient = new TreeSet<>();
    group.keySet().forEach(dataset -> withCoefficient.addAll(coefficients.getOrDefault(dataset, Map.of()).keySet()));
    group.values().forEach(d -> d.values().forEach(p -> points.add(withCoefficients(p, withCoefficient))));
    points.sort(Comparator.comparing(ResultPoint::datasetId).thenComparing(ResultPoint.CURVE_ORDER));
    return new GroupSnapshot(key, versions.getOrDefault(key, 0L), points, Optional.ofNullable(pendingSince.remove(key)));
  }

  public synchronized Set<GroupKey> groups() {
    return new TreeSet<>(results.keySet());
  }

  /** Results matching every non-null filter, by group, dataset and D. */
  public synchronized List<ResultPoint> results(String task, String family, String dataset) {
    List<ResultPoint> out = new ArrayList<>();
    results.forEach((key, byDataset) -> {
      if (key.matches(task, family)) {
        byDataset.forEach((id, points) -> {
          if (dataset == null || dataset.equals(id)) {
            points.values().stream().sorted(ResultPoint.CURVE_ORDER).forEach(out::add);
          }
        });
      }
    });
    return out;
  }

  public synchronized long resultCount() {
    return resultCount;
  }

  /** Results received (duplicates included) at or after {@code sinceMillis} (the last 100,000 are remembered). */
  public synchronized long receivedSince(long sinceMillis) {
    return recentReceipts.stream().filter(t -> t >= sinceMillis).count();
  }

  private ResultPoint withCoefficients(ResultPoint p, Set<String> coefficientMethods) {
    Map<String, io.alignstream.schemas.dataset.DatasetAlignment> byMethod = coefficients.getOrDefault(p.datasetId(),
        Map.of());
    if (coefficientMethods.isEmpty()) {
      return p;
    }
    Map<String, Double> a = new TreeMap<>(p.alignment());
    a.keySet().removeAll(coefficientMethods);
    byMethod.forEach((method, c) -> a.put(method, c.getCoefficient()));
    return p.withAlignment(a);
  }

  /**
   * Keeps a dataset's coefficient when it is OK, for the dataset's own target (the manifest's, or the
   * task's default), and not older than the one held (by dataset size); returns whether it changed.
   */
  public synchronized boolean putCoefficient(io.alignstream.schemas.dataset.DatasetAlignment c) {
    if (c == null || !"OK".equals(c.getStatus()) || c.getCoefficient() == null || !Double.isFinite(c.getCoefficient())) {
      return false;
    }
    DatasetManifest m = datasets.get(c.getDatasetId());
    String target = m != null && m.getTargetId() != null ? m.getTargetId() : c.getTask() + "/default";
    if (!target.equals(c.getTargetId())) {
      return false;
    }
    var byMethod = coefficients.computeIfAbsent(c.getDatasetId(), k -> new TreeMap<>());
    var held = byMethod.get(c.getMethod());
    if (held != null && held.getDatasetSize() > c.getDatasetSize()) {
      return false;
    }
    byMethod.put(c.getMethod(), c);
    GroupKey group = new GroupKey(c.getTask(), c.getFamily());
    versions.merge(group, 1L, Long::sum);
    return true;
  }

  /** A dataset's coefficients by method (OK ones only). */
  public synchronized Map<String, io.alignstream.schemas.dataset.DatasetAlignment> coefficients(String datasetId) {
    return Map.copyOf(coefficients.getOrDefault(datasetId, Map.of()));
  }

  /** The latest manifest, or removes it on a tombstone (null). */
  public synchronized void putDataset(String key, DatasetManifest manifest) {
    if (manifest == null) {
      datasets.remove(key);
    } else {
      datasets.put(key, manifest);
    }
  }

  public synchronized List<DatasetManifest> datasets(String task, String family) {
    return datasets.values().stream()
        .filter(m -> new GroupKey(m.getTask(), m.getFamily()).matches(task, family)).toList();
  }

  public synchronized int datasetCount() {
    return datasets.size();
  }

  /** The latest window per key, keeping the {@code maxWindows} most recently updated; null removes. */
  public synchronized void putWindow(String key, AlignmentWindow window) {
    windows.remove(key);
    if (window != null) {
      windows.put(key, window);
      if (windows.size() > maxWindows) {
        windows.remove(windows.keySet().iterator().next());
      }
    }
  }

  /** Keyed windows matching the filters (task = the target id up to its first '/'), newest window end first. */
  public synchronized List<Map.Entry<String, AlignmentWindow>> windows(String task, String method, String group,
      int limit) {
    return windows.entrySet().stream()
        .filter(e -> task == null || taskOf(e.getValue()).equals(task))
        .filter(e -> method == null || method.equals(e.getValue().getMethod()))
        .filter(e -> group == null || group.equals(e.getValue().getGroup()))
        .sorted(Comparator.comparing((Map.Entry<String, AlignmentWindow> e) -> e.getValue().getWindowEnd()).reversed())
        .limit(limit)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }

  public synchronized int windowCount() {
    return windows.size();
  }

  /** The task a window's target belongs to: target ids are {@code <task>/<name>}. */
  public static String taskOf(AlignmentWindow window) {
    String target = window.getTargetId();
    int slash = target.indexOf('/');
    return slash < 0 ? target : target.substring(0, slash);
  }

  /** The latest fit per id (as read from or published to scaling-fits); null removes. */
  public synchronized void putFit(String fitId, ScalingFit fit) {
    if (fit == null) {
      fits.remove(fitId);
    } else {
      fits.put(fitId, fit);
    }
  }

  public synchronized Optional<ScalingFit> fit(String fitId) {
    return Optional.ofNullable(fits.get(fitId));
  }

  /** Fits matching the filters; the dataset filter matches per-dataset fits of that dataset only. */
  public synchronized List<ScalingFit> fits(String task, String family, String dataset, String law) {
    List<ScalingFit> out = new ArrayList<>();
    fits.forEach((key, fit) -> {
      FitId id = FitId.parse(key);
      boolean matches = id != null && id.group().matches(task, family)
          && (dataset == null || dataset.equals(id.dataset()))
          && (law == null || law.equals(fit.getLaw()));
      if (matches) {
        out.add(fit);
      }
    });
    return out;
  }

  public synchronized int fitCount() {
    return fits.size();
  }

  public synchronized void putAnalysis(GroupAnalysis analysis) {
    analyses.put(analysis.key(), analysis);
  }

  public synchronized List<GroupAnalysis> analyses(String task, String family) {
    return analyses.values().stream().filter(a -> a.key().matches(task, family)).toList();
  }

  public synchronized void countDeadLetter(String stage) {
    deadLetters.merge(stage == null ? "unknown" : stage, 1L, Long::sum);
  }

  /** Dead letters seen on the dead-letter topic, by stage. */
  public synchronized Map<String, Long> deadLetters() {
    return Map.copyOf(deadLetters);
  }
}
