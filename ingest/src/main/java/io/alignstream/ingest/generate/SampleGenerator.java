package io.alignstream.ingest.generate;

import io.alignstream.schemas.sample.Sample;
import java.util.Iterator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A deterministic, random-access source of synthetic samples: {@link #sample(long)} depends only on
 * the generator's parameters and the index, so streams of any length hold one sample at a time.
 * Implementations are immutable once built, so one instance may serve parallel streams.
 */
public interface SampleGenerator {

  /** The sample at {@code index} (≥ 0); the same parameters and index always give the same sample. */
  Sample sample(long index);

  /** Samples 0, 1, 2, … without end. */
  default Stream<Sample> stream() {
    return LongStream.iterate(0, i -> i + 1).mapToObj(this::sample);
  }

  /** Samples {@code 0 … count−1}. */
  default Stream<Sample> stream(long count) {
    return LongStream.range(0, count).mapToObj(this::sample);
  }

  /** Samples 0, 1, 2, … without end. */
  default Iterator<Sample> iterator() {
    return stream().iterator();
  }
}
