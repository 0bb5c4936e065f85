package io.alignstream.bench;

import io.alignstream.ingest.generate.MtGenerator;
import io.alignstream.ingest.generate.MtParams;
import io.alignstream.ingest.generate.SolarGenerator;
import io.alignstream.ingest.generate.SolarParams;
import io.alignstream.ingest.generate.StemGenerator;
import io.alignstream.ingest.generate.StemParams;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.model.HyperParameters;
import io.alignstream.trainer.model.MtHyperParameters;
import io.alignstream.trainer.model.SolarHyperParameters;
import io.alignstream.trainer.model.StemHyperParameters;
import io.alignstream.trainer.model.TaskModel;
import io.alignstream.trainer.model.TaskModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training samples/s per task with the trainer's own models on the generators' samples (one pass,
 * batches of the trainer's default size), on the device DJL picks (GPU when present, else CPU).
 * A warm-up pass of a few batches is not timed.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true,
    description = "Training samples/s per task (MT, solar, STEM) with the trainer's models.")
public final class TrainerBenchmark implements Callable<Integer> {
  @Option(names = "--samples", defaultValue = "2000", description = "samples per task (MT uses a fifth)")
  int samples;

  @Option(names = "--batch", defaultValue = "32")
  int batch;

  @Option(names = "--size", defaultValue = "default", description = "model size: default or ci")
  String size;

  @Override
  public Integer call() {
    System.setProperty("ai.djl.offline", "true");
    boolean ci = size.equals("ci");
    System.out.printf("%-8s %10s %8s %12s %10s %s%n", "task", "samples", "batch", "samples/s", "device", "model");
    run("mt", ci ? MtHyperParameters.ciSized() : MtHyperParameters.defaults(),
        n -> new MtGenerator(MtParams.defaults().withSeed(1)).stream(n).toList(), Math.max(batch * 4, samples / 5));
    run("solar", SolarHyperParameters.defaults(),
        n -> new SolarGenerator(SolarParams.defaults().withSeed(2)).stream(n).toList(), samples);
    run("stem", StemHyperParameters.defaults(),
        n -> new StemGenerator(StemParams.defaults().withSeed(3)).stream(n).toList(), samples);
    return 0;
  }

  private void run(String task, HyperParameters hp, IntFunction<List<Sample>> generate, int n) {
    List<Sample> reference = generate.apply(Math.min(n, 500));
    try (TaskModel model = TaskModels.create(hp, 42)) {
      List<Sample> data = new ArrayList<>(generate.apply(n + 2 * batch).stream()
          .filter(s -> model.rejection(s).isEmpty()).toList());
      if (data.size() < n + 2 * batch) {
        System.out.printf("%-8s only %d of %d generated samples are trainable%n", task, data.size(), n + 2 * batch);
        return;
      }
      model.prepare(reference.stream().filter(s -> model.rejection(s).isEmpty()).toList());
      model.trainBatch(data.subList(0, batch)); // warm-up
      model.trainBatch(data.subList(batch, 2 * batch));
      long start = System.nanoTime();
      int trained = 0;
      for (int i = 2 * batch; i + batch <= data.size() && trained < n; i += batch) {
        model.trainBatch(data.subList(i, i + batch));
        trained += batch;
      }
      double perSecond = trained / ((System.nanoTime() - start) / 1e9);
      System.out.printf("%-8s %10d %8d %12.0f %10s %s%n", task, trained, batch, perSecond, model.device(),
          model.architecture());
    }
  }
}
