package io.alignstream.scorer.config;

import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.topology.EmbeddingScoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The embedding-based methods of the scorer: Task2Vec (text: the pretrained MiniLM probe; features and
 * images: the legacy per-task probes saved under {@code alignstream.scorer.probe-dir}) and the
 * sentence-embedding method, sharing one encoder.
 */
@ApplicationScoped
public class Task2VecBeans {

  /** The enabled embedding-based methods, in the order they score. */
  public record Encoders(List<EmbeddingScoring> all) {
    public static final Encoders NONE = new Encoders(List.of());
  }

  @Produces
  @Singleton
  Encoders encoders(
      @ConfigProperty(name = "alignstream.scorer.task2vec.enabled", defaultValue = "true") boolean task2vec,
      @ConfigProperty(name = "alignstream.scorer.embedding.enabled", defaultValue = "true") boolean embedding,
      @ConfigProperty(name = "alignstream.scorer.probe-dir", defaultValue = ".alignstream/probes") Path dir,
      @ConfigProperty(name = "alignstream.scorer.task2vec.min-targets", defaultValue = "32") int minTargets,
      @ConfigProperty(name = "alignstream.scorer.task2vec.reference-batches", defaultValue = "4") int batches,
      @ConfigProperty(name = "alignstream.scorer.task2vec.probe-size", defaultValue = "default") String size,
      @ConfigProperty(name = "alignstream.scorer.torch-threads", defaultValue = "1") int threads) {
    if (!task2vec && !embedding) {
      return Encoders.NONE;
    }
    // Set before the PyTorch engine loads: never download, and one intra-op thread per scorer
    // thread (two threads fight over two cores and make throughput erratic).
    System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    List<EmbeddingScoring> all = new ArrayList<>();
    if (task2vec) {
      ProbeConfig config = size.equals("ci") ? ProbeConfig.ciSized() : ProbeConfig.defaults();
      all.add(new TextTask2VecScoring(() -> new EncoderTextProbe(MiniLm.shared(), EncoderTextProbe.Options.defaults(), dir),
          new ProbeTask2VecScoring(dir, minTargets, batches, config)));
    }
    if (embedding) {
      all.add(new TextEmbeddingScoring(() -> new SentenceEncoder(MiniLm.shared(), TextInput.DEFAULT, 128)));
    }
    return new Encoders(List.copyOf(all));
  }

  /**
   * Frees the encoders' native memory under the encoders' lock, so a chunk the encoders' thread is in
   * the middle of finishes first instead of writing into freed memory (a later chunk of that call then
   * fails on the closed arrays, which is harmless at shutdown).
   */
  void close(@Disposes Encoders encoders) {
    io.alignstream.scorer.task2vec.Autograd.locked(() -> {
      for (EmbeddingScoring e : encoders.all()) {
        if (e instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception ignored) {
            // native memory
          }
        }
      }
      return null;
    });
  }
}
