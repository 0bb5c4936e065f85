package io.alignstream.scorer.task2vec;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit content hashes of payloads, so a sample's Monte Carlo labels depend only on the
 * probe seed and the sample itself (not on its batch, the JVM or the run).
 */
final class PayloadSeeds {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private PayloadSeeds() {}

    static long seed(long probeSeed, Object payload) {
        return mix(probeSeed ^ mix(hash(payload)));
    }

    static long hash(Object payload) {
        long h = FNV_OFFSET;
        if (payload instanceof TextPair p) {
            h = fnv(h, "pair");
            h = fnv(h, p.getSrc());
            h = fnv(h, p.getTgt());
            h = fnv(h, p.getSrcLang());
            h = fnv(h, p.getTgtLang());
        } else if (payload instanceof Text t) {
            h = fnv(h, "text");
            h = fnv(h, t.getText());
        } else if (payload instanceof Features f) {
            h = fnv(h, "features");
            for (int i = 0; i < f.getValues().size(); i++) {
                h = fnv(h, f.getNames().get(i));
                h = fnvLong(h, Double.doubleToLongBits(f.getValues().get(i)));
            }
        } else if (payload instanceof Image im) {
            h = fnv(h, "image");
            h = fnvLong(h, im.getWidth());
            h = fnvLong(h, im.getHeight());
            ByteBuffer px = im.getPixels().duplicate();
            while (px.hasRemaining()) {
                h = (h ^ (px.get() & 0xff)) * FNV_PRIME;
            }
        } else {
            throw new IllegalArgumentException("cannot hash payload " + payload);
        }
        return h;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long fnv(long h, String s) {
        byte[] bytes = (s == null ? "\u0000null" : s).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return (h ^ 0xff) * FNV_PRIME; // field terminator: ("ab","c") != ("a","bc")
    }

    private static long fnvLong(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((v >>> (8 * i)) & 0xff)) * FNV_PRIME;
        }
        return h;
    }
}
