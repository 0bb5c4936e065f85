package io.alignstream.scorer.task2vec;

import java.time.Clock;
import java.util.List;

/**
 * Trains a probe of the given kind on reference data (targets plus a pool sample, chosen by the
 * caller) and returns it frozen. Deterministic given {@link ProbeConfig#seed()}, as far as PyTorch
 * CPU kernels are; the probe id is derived from the result, so equal training gives equal ids.
 */
public final class ProbeTrainer {

    private final Clock clock;

    public ProbeTrainer() {
        this(Clock.systemUTC());
    }

    public ProbeTrainer(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param payloads training payloads, all of {@code kind} (FEATURES and IMAGE need labels on at
     *     least one; unlabelled ones still shape the standardisation)
     * @throws IllegalArgumentException on an empty list, a payload of another kind, or no usable
     *     training signal
     */
    public Probe train(ProbeKind kind, List<?> payloads, ProbeConfig config) {
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("cannot train a probe on no payloads");
        }
        for (int i = 0; i < payloads.size(); i++) {
            ProbeKind actual = ProbeKind.of(payloads.get(i));
            if (actual != kind) {
                throw new IllegalArgumentException("payload " + i + " is " + actual + ", not " + kind);
            }
        }
        return switch (kind) {
            case TEXT -> TextLmProbe.train(payloads, config, clock.instant());
            case FEATURES -> FeatureMlpProbe.train(payloads, config, clock.instant());
            case IMAGE -> ImageCnnProbe.train(payloads, config, clock.instant());
        };
    }
}
