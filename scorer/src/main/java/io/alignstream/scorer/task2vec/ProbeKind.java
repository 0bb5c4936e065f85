package io.alignstream.scorer.task2vec;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;

/** The payload families a Task2Vec probe can embed; one probe architecture per kind. */
public enum ProbeKind {
    /** {@link TextPair} and {@link Text}: a small causal language model over hashed tokens. */
    TEXT,
    /** {@link Features}: an MLP over standardized, log-scaled features. */
    FEATURES,
    /** {@link Image}: a small CNN on a resized grey-scale image. */
    IMAGE;

    /**
     * The kind of probe that embeds this payload.
     *
     * @throws IllegalArgumentException for null or an unknown payload type
     */
    public static ProbeKind of(Object payload) {
        if (payload instanceof TextPair || payload instanceof Text) {
            return TEXT;
        }
        if (payload instanceof Features) {
            return FEATURES;
        }
        if (payload instanceof Image) {
            return IMAGE;
        }
        throw new IllegalArgumentException(
                "no Task2Vec probe kind for payload "
                        + (payload == null ? "null" : payload.getClass().getName()));
    }
}
