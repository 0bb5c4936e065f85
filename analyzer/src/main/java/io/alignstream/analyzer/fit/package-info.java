/**
 * The analyzer's fitting engine (DESIGN §5), plain Java with no framework: scaling laws
 * ({@link io.alignstream.analyzer.fit.CrossEntropyLaw}, {@link io.alignstream.analyzer.fit.MetricLogLaw},
 * {@link io.alignstream.analyzer.fit.AlignmentAwareLaw}), a robust fitter (log-space residuals, Huber loss summed
 * over points, {@link io.alignstream.analyzer.fit.Lbfgs} from a grid of starts, seeded percentile bootstrap),
 * held-out prediction error and model comparison, crossovers, non-monotonic metric detection and the
 * alignment-vs-loss correlation table.
 *
 * <p>Everything here is deterministic given its inputs and seed, and single-threaded; callers that
 * want parallelism fit different datasets on different threads (no state is shared).
 */
package io.alignstream.analyzer.fit;
