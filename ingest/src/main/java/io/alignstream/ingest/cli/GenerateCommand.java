package io.alignstream.ingest.cli;

import io.alignstream.ingest.generate.MtGenerator;
import io.alignstream.ingest.generate.MtParams;
import io.alignstream.ingest.generate.SampleGenerator;
import io.alignstream.ingest.generate.SolarGenerator;
import io.alignstream.ingest.generate.SolarParams;
import io.alignstream.ingest.generate.StemGenerator;
import io.alignstream.ingest.generate.StemParams;
import io.alignstream.ingest.kafka.SampleSink;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/alignstream generate mt|solar|stem --count N --rate R --seed S --alignment A}: streams
 * synthetic samples with a known alignment knob into {@code samples-raw} at a steady rate.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate synthetic samples (MT pairs, SHARP-like vectors, HAADF-STEM images) into samples-raw.")
public final class GenerateCommand implements Callable<Integer> {
  /** The generator kinds. */
  public enum Kind { mt, solar, stem }

  @Mixin StackConnection stack;

  @Parameters(index = "0", description = "mt, solar or stem.")
  Kind kind;

  @Option(names = "--count", defaultValue = "1000", description = "Samples to generate (default 1000).")
  long count;

  @Option(names = "--rate", defaultValue = "0", description = "Samples per second; 0 = as fast as Kafka takes them.")
  double rate;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (same seed, same samples and ids).")
  long seed;

  @Option(names = "--alignment", defaultValue = "1.0", description = "Alignment knob in [0,1]: 1 = the target distribution.")
  double alignment;

  @Option(names = "--role", defaultValue = "POOL", description = "POOL or TARGET.")
  Role role;

  @Option(names = "--offset", defaultValue = "0", description = "Index of the first sample (to continue a series).")
  long offset;

  @Override
  public Integer call() throws Exception {
    SampleGenerator generator = generator(kind, seed, role, alignment);
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Semaphore inFlight = new Semaphore(10_000);
    long start = System.nanoTime();
    try (SampleSink sink = new SampleSink(stack.kafka(), stack.catalogue(), Duration.ofSeconds(60), Map.of())) {
      Iterator<Sample> samples = generator.stream(offset + count).skip(offset).iterator();
      for (long i = 0; samples.hasNext(); i++) {
        pace(start, i);
        inFlight.acquire();
        sink.send(samples.next()).whenComplete((m, e) -> {
          (e == null ? acked : failed).incrementAndGet();
          inFlight.release();
        });
        if (i % 1000 == 999) {
          System.err.printf("\r%s: %d/%d sent, %d acknowledged", kind, i + 1, count, acked.get());
        }
      }
      sink.flush();
      if (!inFlight.tryAcquire(10_000, 2, TimeUnit.MINUTES)) {
        System.err.println("\nKafka did not acknowledge every sample within 2 minutes");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%n%s: %d samples acknowledged, %d failed, in %.1f s (%.0f/s), seed %d, alignment %.2f%n",
        kind, acked.get(), failed.get(), seconds, acked.get() / seconds, seed, alignment);
    return failed.get() == 0 ? 0 : 2;
  }

  /** The generator of a kind with the default parameters and the given seed, role and knob. */
  public static SampleGenerator generator(Kind kind, long seed, Role role, double alignment) {
    return switch (kind) {
      case mt -> new MtGenerator(MtParams.defaults().withSeed(seed).withRole(role).withAlignment(alignment));
      case solar -> new SolarGenerator(SolarParams.defaults().withSeed(seed).withRole(role).withAlignment(alignment));
      case stem -> new StemGenerator(StemParams.defaults().withSeed(seed).withRole(role).withAlignment(alignment));
    };
  }

  private void pace(long start, long i) throws InterruptedException {
    if (rate <= 0) {
      return;
    }
    long due = start + (long) (i / rate * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
