package io.alignstream.scorer.coefficient.service;

import io.alignstream.schemas.common.ConfidenceInterval;
import io.alignstream.schemas.dataset.DatasetAlignment;
import io.alignstream.schemas.dataset.DatasetManifest;
import io.alignstream.schemas.scored.AlignmentWindow;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import io.alignstream.scorer.coefficient.CoefficientMethod;
import io.alignstream.scorer.coefficient.DsirMethod;
import io.alignstream.scorer.coefficient.EmbeddingMethod;
import io.alignstream.scorer.coefficient.GzipMethod;
import io.alignstream.scorer.coefficient.Task2VecTextMethod;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.ProbeKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a closed window or a dataset into its coefficient records, one per target and method (DESIGN
 * §4: the batch formula, K pairs of N). Owned by one thread (the service's worker): the text probe and
 * the cache of each target's prepared batches are not shared.
 *
 * <p>Methods: for text payloads task2vec (the pretrained probe, head fine-tuned per batch), embedding,
 * dsir (raw distribution: the task's pool as the service has seen it, for windows; the dataset itself,
 * for datasets) and gzip, as enabled for the task. Feature and image payloads have no pretrained probe
 * yet: their windows carry the per-sample means with status NO_METHOD.
 */
final class CoefficientComputer implements AutoCloseable {

  /** A target as the service has sampled it. */
  record TargetSample(String targetId, long count, List<Object> payloads) {}

  private final CoefficientSettings settings;
  private final Path cacheDir;
  private EncoderTextProbe probe;
  private SentenceEncoder encoder;
  /** targetId|method|probeId -> prepared target batches and the target count they were drawn at. */
  private final Map<String, Object[]> prepared = new HashMap<>();

  CoefficientComputer(CoefficientSettings settings, Path cacheDir) {
    this.settings = settings;
    this.cacheDir = cacheDir;
  }

  // ---- windows -----------------------------------------------------------------------------------

  /** Every target × method record of a closed window. */
  List<AlignmentWindow> window(WindowBook.Closed closed, List<TargetSample> targets, Set<String> methods,
      DsirCounts raw) {
    WindowBook.Window w = closed.window();
    List<Object> payloads = w.payloads.snapshot();
    boolean text = !payloads.isEmpty() && isText(payloads.get(0));
    List<AlignmentWindow> out = new ArrayList<>();
    for (TargetSample t : targets) {
      for (String method : methods) {
        WindowBook.ScoreStats stats = w.scores.get(t.targetId() + "|" + method);
        AlignmentWindow.Builder b = base(closed, t.targetId(), method, stats);
        if (!text) {
          b.setStatus("NO_METHOD").setMessage("no pretrained probe for these payloads: per-sample means only");
          b.setProbeId(stats == null ? method : stats.probeId);
        } else {
          CoefficientMethod m = method(method, raw, true);
          AlignmentCoefficient.Result r = coefficient(t, m, payloads);
          fill(b, r);
        }
        if (stats != null || text) {
          out.add(b.build());
        }
      }
    }
    return out;
  }

  /** The per-sample means of a window whose coefficient is not computed (status, message). */
  List<AlignmentWindow> meansOnly(WindowBook.Closed closed, List<TargetSample> targets, Set<String> methods,
      String status, String message) {
    List<AlignmentWindow> out = new ArrayList<>();
    for (TargetSample t : targets) {
      for (String method : methods) {
        WindowBook.ScoreStats stats = closed.window().scores.get(t.targetId() + "|" + method);
        if (stats != null) {
          out.add(base(closed, t.targetId(), method, stats).setProbeId(stats.probeId).setStatus(status)
              .setMessage(message).build());
        }
      }
    }
    return out;
  }

  private AlignmentWindow.Builder base(WindowBook.Closed closed, String targetId, String method,
      WindowBook.ScoreStats stats) {
    WindowBook.Window w = closed.window();
    AlignmentWindow.Builder b = AlignmentWindow.newBuilder().setTargetId(targetId).setMethod(method)
        .setProbeId(method).setReferenceVersion(stats == null ? 0 : stats.referenceVersion)
        .setGroupKind(w.key.groupKind()).setGroup(w.key.group())
        .setWindowStart(Instant.ofEpochMilli(w.key.start()))
        .setWindowEnd(Instant.ofEpochMilli(w.key.start() + windowMillis())).setN(w.n)
        .setCoefficient(null).setCi(null).setClosedBy(closed.closedBy());
    if (stats != null && stats.n > 0) {
      double mean = stats.sum / stats.n;
      b.setMeanScore(mean);
      if (stats.n >= 2) {
        double variance = Math.max(0, (stats.sumSquares - stats.n * mean * mean) / (stats.n - 1));
        double half = 1.96 * Math.sqrt(variance / stats.n);
        b.setMeanScoreCi(new ConfidenceInterval(mean - half, mean + half, 0.95));
      }
    }
    return b;
  }

  private long windowMillis() {
    return settings.window().toMillis();
  }

  private static void fill(AlignmentWindow.Builder b, AlignmentCoefficient.Result r) {
    b.setProbeId(r.probeId()).setBatches(r.batches()).setBatchSize(r.batchSize()).setStatus(r.status().name())
        .setMessage(r.message());
    if (r.status() == AlignmentCoefficient.Status.OK) {
      b.setCoefficient(r.coefficient());
      if (r.ciLow() != null) {
        b.setCi(new ConfidenceInterval(r.ciLow(), r.ciHigh(), 0.95));
      }
    }
  }

  // ---- datasets ----------------------------------------------------------------------------------

  /** A dataset's record per method against its target. */
  List<DatasetAlignment> dataset(DatasetManifest manifest, TargetSample target, List<Object> payloads,
      Set<String> methods) {
    List<DatasetAlignment> out = new ArrayList<>();
    boolean text = !payloads.isEmpty() && isText(payloads.get(0));
    DsirCounts raw = DsirMethod.counts(payloads);
    for (String method : methods) {
      DatasetAlignment.Builder b = DatasetAlignment.newBuilder().setDatasetId(manifest.getDatasetId())
          .setFamily(manifest.getFamily()).setTask(manifest.getTask()).setTargetId(target.targetId()).setMethod(method)
          .setDatasetSize(manifest.getSize()).setSealed(manifest.getSealed()).setComputedTime(Instant.now())
          .setBatches(settings.coefficient().batches()).setBatchSize(settings.coefficient().batchSize())
          .setTargetSamples(target.count()).setSamplesUsed(payloads.size()).setProbeId(method).setPairValues(List.of());
      if (!text) {
        b.setStatus("NO_METHOD").setMessage("no pretrained probe for these payloads");
      } else {
        AlignmentCoefficient.Result r = coefficient(target, method(method, raw, true), payloads);
        b.setProbeId(r.probeId()).setStatus(r.status().name()).setMessage(r.message()).setSamplesUsed(r.datasetSamples())
            .setPairValues(r.pairValues()).setCoefficient(r.coefficient());
        if (r.ciLow() != null) {
          b.setCi(new ConfidenceInterval(r.ciLow(), r.ciHigh(), 0.95));
        }
      }
      out.add(b.build());
    }
    return out;
  }

  // ---- shared ------------------------------------------------------------------------------------

  /**
   * The coefficient of {@code payloads} against a target; the target's batches are prepared once and
   * drawn again when its sample has grown by a quarter.
   */
  private AlignmentCoefficient.Result coefficient(TargetSample t, CoefficientMethod m, List<Object> payloads) {
    String key = t.targetId() + "|" + m.name() + "|" + m.probeId();
    Object[] cached = prepared.get(key);
    boolean dsir = m.name().equals("dsir"); // its target batches depend on the raw distribution: never cached
    if (dsir || cached == null || t.count() >= 1.25 * (Long) cached[1]) {
      cached = new Object[] {AlignmentCoefficient.prepare(m, t.payloads(), settings.coefficient(),
          AlignmentCoefficient.Progress.NONE), t.count()};
      if (!dsir) {
        prepared.put(key, cached);
      }
    }
    return AlignmentCoefficient.against((AlignmentCoefficient.Prepared) cached[0], payloads,
        AlignmentCoefficient.Progress.NONE);
  }

  private CoefficientMethod method(String name, DsirCounts raw, boolean rawCountsSamples) {
    return switch (name) {
      case "task2vec" -> new Task2VecTextMethod(probe());
      case "embedding" -> new EmbeddingMethod(encoder());
      case "dsir" -> new DsirMethod(raw, rawCountsSamples);
      case "gzip" -> new GzipMethod(32);
      default -> throw new IllegalArgumentException("unknown method " + name);
    };
  }

  private EncoderTextProbe probe() {
    if (probe == null) {
      // two encoder passes per batch: bounded native memory in a long-running service
      probe = new EncoderTextProbe(MiniLm.shared(), EncoderTextProbe.Options.defaults().withSharedForwardTokens(0),
          cacheDir);
    }
    return probe;
  }

  private SentenceEncoder encoder() {
    if (encoder == null) {
      encoder = new SentenceEncoder(MiniLm.shared(), TextInput.DEFAULT, 128);
    }
    return encoder;
  }

  static boolean isText(Object payload) {
    try {
      return ProbeKind.of(payload) == ProbeKind.TEXT;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (probe != null) {
      io.alignstream.scorer.task2vec.Autograd.locked(() -> { // never in the middle of another thread's chunk
        probe.close();
        return null;
      });
    }
  }
}
