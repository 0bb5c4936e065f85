/**
 * Synthetic sample generators with a known <em>alignment knob</em>, so experiments can build pools
 * whose alignment to a target configuration is known in advance.
 *
 * <p>Every generator takes a parameter record and produces {@code Sample}s:
 * <ul>
 *   <li>deterministically: sample {@code i} is a pure function of {@code (seed, i)} (a
 *       {@link java.util.SplittableRandom} seeded from both), so streams can be replayed, split or
 *       read at any offset without generating the samples before it;
 *   <li>streaming: {@link io.alignstream.ingest.generate.SampleGenerator#stream()} is unbounded and
 *       holds nothing but the current sample;
 *   <li>with the knob {@code alignment ∈ [0,1]}: 1 = drawn from exactly the target distribution,
 *       0 = from a maximally shifted one. Each parameter record documents how the knob maps onto its
 *       parameters ({@link io.alignstream.ingest.generate.MtParams},
 *       {@link io.alignstream.ingest.generate.SolarParams},
 *       {@link io.alignstream.ingest.generate.StemParams}).
 * </ul>
 *
 * <p>Every sample records how it was made: {@code source = generator:<kind>}, {@code domain =
 * synthetic-a<alignment>} and metadata {@code gen.kind}, {@code gen.seed}, {@code gen.index},
 * {@code gen.alignment} plus the generating parameters; {@code eventTime = base + index × spacing}
 * (never the wall clock).
 */
package io.alignstream.ingest.generate;
