package io.alignstream.scorer.task2vec;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * Batched vs per-sample-loop embedding throughput, same probe, same payloads, same run (DESIGN §8
 * asks for the ratio). Not a timed test: the benchmark module and {@link #main} report it.
 */
public final class Task2VecSpeed {

    /** Micro-batch size used for the batched side. */
    public static final int DEFAULT_BATCH = 64;

    private Task2VecSpeed() {}

    /**
     * @param kind probe kind
     * @param samples payloads embedded by each method
     * @param batchSize micro-batch of the batched method
     * @param batchedSamplesPerSecond throughput of {@link Probe#embed} on micro-batches
     * @param loopSamplesPerSecond throughput of the per-sample autograd loop
     * @param probeId the probe measured
     * @param torchThreads PyTorch intra-op threads during the run (set with the system property
     *     {@code ai.djl.pytorch.num_threads} before the engine starts; on a busy 2-core host, 1
     *     avoids OpenMP oversubscription, which otherwise slows the batched side by up to 10×)
     */
    public record Result(ProbeKind kind, int samples, int batchSize, double batchedSamplesPerSecond,
            double loopSamplesPerSecond, String probeId, int torchThreads) {

        public double ratio() {
            return batchedSamplesPerSecond / loopSamplesPerSecond;
        }

        @Override
        public String toString() {
            return String.format(
                    "%s: batched %.0f samples/s, loop %.0f samples/s, ratio %.1fx (n=%d, batch=%d, torch threads %d, probe %s)",
                    kind, batchedSamplesPerSecond, loopSamplesPerSecond, ratio(), samples, batchSize, torchThreads,
                    probeId);
        }
    }

    /** Trains a default-sized probe on synthetic payloads of {@code kind}, then measures on {@code n} others. */
    public static Result measure(ProbeKind kind, int n) {
        ProbeConfig config = ProbeConfig.defaults().withEpochs(1);
        try (Probe probe = new ProbeTrainer().train(kind, SyntheticPayloads.of(kind, 256, 1, 0), config)) {
            return measure(probe, SyntheticPayloads.of(kind, n, 2, 0.3), DEFAULT_BATCH);
        }
    }

    /** Measures a given probe on given payloads (one warm-up batch per method first). */
    public static Result measure(Probe probe, List<?> payloads, int batchSize) {
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("no payloads to measure on");
        }
        List<?> warmUp = payloads.subList(0, Math.min(batchSize, payloads.size()));
        probe.embed(warmUp);
        ReferenceLoop.embed(probe, warmUp.subList(0, Math.min(4, warmUp.size())));

        long t0 = System.nanoTime();
        for (int from = 0; from < payloads.size(); from += batchSize) {
            probe.embed(payloads.subList(from, Math.min(payloads.size(), from + batchSize)));
        }
        long t1 = System.nanoTime();
        for (int from = 0; from < payloads.size(); from += batchSize) {
            ReferenceLoop.embed(probe, payloads.subList(from, Math.min(payloads.size(), from + batchSize)));
        }
        long t2 = System.nanoTime();
        double n = payloads.size();
        return new Result(probe.kind(), payloads.size(), batchSize, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9),
                probe.id(), JniUtils.getNumThreads());
    }

    /** Prints the measurement for every kind: {@code Task2VecSpeed [n]}. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        for (ProbeKind kind : ProbeKind.values()) {
            System.out.println(measure(kind, n));
        }
    }
}
