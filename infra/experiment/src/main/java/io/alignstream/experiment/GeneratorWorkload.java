package io.alignstream.experiment;

import io.alignstream.ingest.generate.SampleGenerator;
import io.alignstream.ingest.generate.SolarGenerator;
import io.alignstream.ingest.generate.SolarParams;
import io.alignstream.ingest.generate.StemGenerator;
import io.alignstream.ingest.generate.StemParams;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Solar flares and STEM on the generators: targets from the target distribution (knob 1, role TARGET,
 * their own seed), the pool an equal mix of every knob value (1 = the target distribution, 0 = the most
 * shifted one: other instrument epoch / flare rate for solar, other microscope settings for STEM), shuffled.
 * The knob is known to the generator only: the scorer has to find the alignment by itself.
 */
final class GeneratorWorkload {
  private GeneratorWorkload() {}

  static Workload generate(String kind, String task, int targets, int perKnob, double[] knobs, long seed) {
    List<Sample> targetSamples = new ArrayList<>();
    SampleGenerator t = generator(kind, seed + 1_000_003L, Role.TARGET, 1.0);
    for (int i = 0; i < targets; i++) {
      targetSamples.add(withTask(t.sample(i), task));
    }
    List<Sample> pool = new ArrayList<>();
    Map<String, Integer> composition = new TreeMap<>();
    for (int k = 0; k < knobs.length; k++) {
      SampleGenerator g = generator(kind, seed + 17L * (k + 1), Role.POOL, knobs[k]);
      for (int i = 0; i < perKnob; i++) {
        pool.add(withTask(g.sample(i), task));
      }
      composition.put(String.format(Locale.ROOT, "knob %.2f", knobs[k]), perKnob);
    }
    Collections.shuffle(pool, new Random(seed));
    String description = kind + " generator: " + targets + " targets at knob 1.00; pool of " + pool.size() + " samples, "
        + perKnob + " at each knob in " + composition.keySet().stream().map(s -> s.substring(5)).toList();
    return new Workload(kind, task, description, targetSamples, pool, composition);
  }

  private static SampleGenerator generator(String kind, long seed, Role role, double alignment) {
    return switch (kind) {
      case "solar" -> new SolarGenerator(SolarParams.defaults().withSeed(seed).withRole(role).withAlignment(alignment));
      case "stem" -> new StemGenerator(StemParams.defaults().withSeed(seed).withRole(role).withAlignment(alignment));
      default -> throw new IllegalArgumentException("No generator for '" + kind + "'");
    };
  }

  /** The experiment's task; the id is left to ingest (it hashes the content, task included). */
  private static Sample withTask(Sample s, String task) {
    s.setTask(task);
    return s;
  }
}
