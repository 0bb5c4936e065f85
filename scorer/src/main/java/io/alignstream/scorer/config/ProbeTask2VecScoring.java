package io.alignstream.scorer.config;

import io.alignstream.scorer.task2vec.Probe;
import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.task2vec.ProbeKind;
import io.alignstream.scorer.task2vec.ProbeStore;
import io.alignstream.scorer.task2vec.ProbeTrainer;
import io.alignstream.scorer.task2vec.Task2Vec;
import io.alignstream.scorer.topology.EmbeddingScoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Task2Vec of feature and image payloads over the legacy DJL probes, one per task. A task's probe is
 * trained once, on the first {@code minTargets} or more target samples, then frozen and saved under
 * {@code probeDir} (with a {@code <task>.probe} file naming its id), so a restarted scorer reloads the
 * same probe and its scores stay comparable. f(T) is the mean of K batch embeddings of the target
 * reservoir, with its spread (mean distance of the batch embeddings to f(T)). Scores are not contrasted.
 *
 * <p>Not the paper's probe: it is trained on the targets (text uses the pretrained encoder, {@link
 * TextTask2VecScoring}); features and images have no probe pretrained on general data yet.
 */
final class ProbeTask2VecScoring implements EmbeddingScoring, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ProbeTask2VecScoring.class);

  private final Path probeDir;
  private final int minTargets;
  private final int referenceBatches;
  private final ProbeConfig config;
  private final ProbeStore store = new ProbeStore();
  private final Map<String, Probe> probes = new ConcurrentHashMap<>();

  ProbeTask2VecScoring(Path probeDir, int minTargets, int referenceBatches, ProbeConfig config) {
    this.probeDir = probeDir;
    this.minTargets = minTargets;
    this.referenceBatches = referenceBatches;
    this.config = config;
  }

  @Override
  public synchronized Reference reference(String task, List<Object> targetPayloads) {
    List<Object> usable = usable(targetPayloads);
    Probe probe = probes.computeIfAbsent(task, t -> load(t).orElse(null));
    if (probe == null) {
      if (usable.size() < minTargets) {
        return null;
      }
      probe = train(task, usable);
    }
    List<Object> accepted = usable.stream().filter(p -> ProbeKind.of(p) == probeKindOf(task)).toList();
    if (accepted.isEmpty()) {
      return null;
    }
    int k = Math.max(1, Math.min(referenceBatches, accepted.size() / 8));
    List<float[]> batches = new ArrayList<>();
    for (int b = 0; b < k; b++) {
      List<Object> batch = new ArrayList<>();
      for (int i = b; i < accepted.size(); i += k) {
        batch.add(accepted.get(i));
      }
      final Probe p = probe;
      batches.add(p.embedBatch(batch.stream().filter(x -> p.rejection(x).isEmpty()).toList()));
    }
    float[] f = Task2Vec.mean(batches);
    double spread = batches.stream().mapToDouble(e -> Task2Vec.distance(e, f)).average().orElse(0);
    return new Reference(probe.id(), f, spread, k);
  }

  @Override
  public synchronized Embeddings embed(String task, List<Object> payloads) {
    Probe probe = probes.computeIfAbsent(task, t -> load(t).orElse(null));
    if (probe == null) {
      return null;
    }
    List<Integer> index = new ArrayList<>();
    List<Object> accepted = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      if (probe.rejection(payloads.get(i)).isEmpty()) {
        index.add(i);
        accepted.add(payloads.get(i));
      }
    }
    float[][] rows = new float[payloads.size()][];
    if (!accepted.isEmpty()) {
      float[][] embedded = probe.embed(accepted);
      for (int j = 0; j < index.size(); j++) {
        rows[index.get(j)] = embedded[j];
      }
    }
    return new Embeddings(probe.id(), rows, false);
  }

  @Override
  public String method() {
    return "task2vec";
  }

  @Override
  public double similarity(float[] sample, float[] reference) {
    return sample == null ? Double.NaN : Task2Vec.alignment(sample, reference);
  }

  private Probe train(String task, List<Object> payloads) {
    ProbeKind kind = ProbeKind.of(payloads.get(0));
    List<Object> sameKind = payloads.stream().filter(p -> ProbeKind.of(p) == kind).toList();
    long start = System.nanoTime();
    Probe probe = new ProbeTrainer().train(kind, sameKind, config.withSeed(task.hashCode()));
    try {
      Files.createDirectories(probeDir);
      store.save(probe, probeDir);
      Files.writeString(index(task), probe.id());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the probe of " + task + " under " + probeDir, e);
    }
    LOG.infof("Trained %s probe %s for %s on %d target samples in %.1f s", kind, probe.id(), task, sameKind.size(),
        (System.nanoTime() - start) / 1e9);
    probes.put(task, probe);
    return probe;
  }

  private java.util.Optional<Probe> load(String task) {
    Path index = index(task);
    if (!Files.exists(index)) {
      return java.util.Optional.empty();
    }
    try {
      String id = Files.readString(index).trim();
      Probe probe = store.load(id, probeDir);
      LOG.infof("Reloaded probe %s for %s", id, task);
      return java.util.Optional.of(probe);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The probe of " + task + " in " + probeDir + " cannot be loaded: " + e, e);
    }
  }

  private ProbeKind probeKindOf(String task) {
    return probes.get(task).kind();
  }

  private static List<Object> usable(List<Object> payloads) {
    List<Object> out = new ArrayList<>();
    for (Object p : payloads) {
      try {
        ProbeKind.of(p);
        out.add(p);
      } catch (IllegalArgumentException notProbeable) {
        // e.g. a payload type no probe handles: left out of training and references
      }
    }
    return out;
  }

  private Path index(String task) {
    return probeDir.resolve(task.replaceAll("[^A-Za-z0-9._-]", "_") + ".probe");
  }

  @Override
  public void close() {
    probes.values().forEach(Probe::close);
  }
}
