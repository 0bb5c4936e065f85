package io.alignstream.scorer.config;

import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.topology.Task2VecScoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Task2Vec for the scorer: DJL probes per task, saved under {@code alignstream.scorer.probe-dir}. */
@ApplicationScoped
public class Task2VecBeans {

  @Produces
  @ApplicationScoped
  Task2VecScoring task2vec(
      @ConfigProperty(name = "alignstream.scorer.task2vec.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "alignstream.scorer.probe-dir", defaultValue = ".alignstream/probes") Path dir,
      @ConfigProperty(name = "alignstream.scorer.task2vec.min-targets", defaultValue = "32") int minTargets,
      @ConfigProperty(name = "alignstream.scorer.task2vec.reference-batches", defaultValue = "4") int batches,
      @ConfigProperty(name = "alignstream.scorer.task2vec.probe-size", defaultValue = "default") String size,
      @ConfigProperty(name = "alignstream.scorer.torch-threads", defaultValue = "1") int threads) {
    if (!enabled) {
      return Task2VecScoring.NONE;
    }
    // Set before the PyTorch engine loads: never download, and one intra-op thread per scorer
    // thread (two threads fight over two cores and make throughput erratic).
    System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    ProbeConfig config = size.equals("ci") ? ProbeConfig.ciSized() : ProbeConfig.defaults();
    return new ProbeTask2VecScoring(dir, minTargets, batches, config);
  }

  void close(@Disposes Task2VecScoring scoring) {
    if (scoring instanceof ProbeTask2VecScoring probes) {
      probes.close();
    }
  }
}
