package io.alignstream.scorer.config;

import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.ProbeKind;
import io.alignstream.scorer.task2vec.Task2Vec;
import io.alignstream.scorer.topology.EmbeddingScoring;
import java.util.List;

/**
 * Task2Vec per sample for routing: the pretrained text probe ({@link EncoderTextProbe}) with its
 * initial head (no per-batch fine-tuning, so every scorer instance computes the same embedding without
 * sharing head weights), per-sample Monte Carlo Fisher over every encoder weight tensor. Feature and
 * image payloads go to the legacy per-task probes. The coefficient of windows and datasets uses the
 * full procedure (a head fine-tuned per batch) in the coefficient service.
 */
final class TextTask2VecScoring implements EmbeddingScoring, AutoCloseable {
  private final java.util.function.Supplier<EncoderTextProbe> loader;
  private final EmbeddingScoring legacy;
  private EncoderTextProbe probe;
  private EncoderTextProbe.Head head;

  /** The probe is loaded on first use (the encoder's native library and 90 MB of weights). */
  TextTask2VecScoring(java.util.function.Supplier<EncoderTextProbe> probe, EmbeddingScoring legacy) {
    this.loader = probe;
    this.legacy = legacy;
  }

  private synchronized EncoderTextProbe probe() {
    if (probe == null) {
      probe = loader.get();
      head = probe.initialHead();
    }
    return probe;
  }

  @Override
  public String method() {
    return "task2vec";
  }

  @Override
  public Reference reference(String task, List<Object> targetPayloads) {
    List<Object> text = textOnly(targetPayloads);
    if (text.isEmpty()) {
      return legacy.reference(task, targetPayloads);
    }
    float[][] rows = probe().embed(text, head);
    float[] mean = Task2Vec.mean(List.of(rows));
    double spread = 0;
    for (float[] r : rows) {
      spread += Task2Vec.distance(r, mean);
    }
    return new Reference(probe().id(), mean, spread / rows.length, 1);
  }

  @Override
  public Embeddings embed(String task, List<Object> payloads) {
    if (payloads.isEmpty() || !isText(payloads.get(0))) {
      return legacy.embed(task, payloads);
    }
    float[][] rows = EmbeddingScoring.embedAccepted(payloads, p -> probe().rejection(p) == null,
        accepted -> probe().embed(accepted, head));
    if (rows == null) {
      rows = new float[payloads.size()][];
    }
    return new Embeddings(probe().id(), rows, true);
  }

  @Override
  public double similarity(float[] a, float[] b) {
    return 1.0 - Task2Vec.distance(a, b);
  }

  private static boolean isText(Object payload) {
    try {
      return ProbeKind.of(payload) == ProbeKind.TEXT;
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  private List<Object> textOnly(List<Object> payloads) {
    return payloads.stream().filter(TextTask2VecScoring::isText).filter(p -> probe().rejection(p) == null).toList();
  }

  @Override
  public synchronized void close() {
    if (probe != null) {
      head.close();
      probe.close();
    }
    if (legacy instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // native memory of the legacy probes
      }
    }
  }
}
