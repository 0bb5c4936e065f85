package io.alignstream.scorer.task2vec;

import io.alignstream.schemas.sample.Features;
import io.alignstream.schemas.sample.Image;
import io.alignstream.schemas.sample.TextPair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small deterministic payload families with a shift knob, for probe smoke tests and the speed
 * measurement when no real data is at hand. {@code shift = 0} is the reference family; larger
 * shifts move the distribution away from it.
 */
final class SyntheticPayloads {

    private static final String[] WORDS = {
        "file", "open", "save", "cannot", "error", "directory", "user", "password", "server", "connection",
        "table", "index", "column", "query", "commit", "branch", "merge", "remote", "window", "button",
        "print", "copy", "move", "delete", "option", "value", "invalid", "missing", "read", "write",
    };
    private static final String[] OTHER_WORDS = {
        "france", "germany", "italy", "spain", "japan", "canada", "brazil", "india", "china", "kenya",
        "island", "republic", "kingdom", "federation", "state", "province", "territory", "union", "of", "the",
    };

    private SyntheticPayloads() {}

    /** Text pairs; {@code shift} in [0, 1] is the share of words drawn from another domain. */
    static List<Object> textPairs(int n, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TextPair(sentence(r, shift, 2 + r.nextInt(8)), sentence(r, shift, 2 + r.nextInt(8)), "en", "fr"));
        }
        return out;
    }

    private static String sentence(SplittableRandom r, double shift, int words) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String[] pool = r.nextDouble() < shift ? OTHER_WORDS : WORDS;
            sb.append(w == 0 ? "" : " ").append(pool[r.nextInt(pool.length)]);
        }
        return sb.append(r.nextInt(4) == 0 ? "." : "").toString();
    }

    /**
     * Log-normal-ish positive features (like SHARP magnitudes); label = 1 when the first two
     * log-features sum above their mean. {@code shift} moves every log-feature's mean by that many
     * standard deviations, and flips the sign of the label rule's second feature.
     */
    static List<Object> features(int n, int d, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("F" + j);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Double> values = new ArrayList<>();
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                z[j] = r.nextGaussian() + shift * (j % 2 == 0 ? 1 : -1);
                values.add(Math.expm1(Math.abs(3 + z[j])) * Math.signum(3 + z[j]));
            }
            double score = z[0] + (shift > 0 ? -z[1] : z[1]) + 0.3 * r.nextGaussian();
            out.add(new Features(names, values, score > 0 ? 1.0 : 0.0));
        }
        return out;
    }

    /**
     * 16-bit images of one bright disc on a noisy background; label = disc diameter in pixels.
     * {@code shift} lowers the dose (brightness) and widens the blur.
     */
    static List<Object> images(int n, int side, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double diameter = side * (0.15 + 0.5 * r.nextDouble());
            double cx = side / 2.0 + (r.nextDouble() - 0.5) * side * 0.2;
            double cy = side / 2.0 + (r.nextDouble() - 0.5) * side * 0.2;
            double peak = 20000 / (1 + shift);
            double blur = 1.0 + 2 * shift;
            ByteBuffer px = ByteBuffer.allocate(side * side * 2);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double dist = Math.hypot(x - cx, y - cy) - diameter / 2;
                    double v = 2000 + peak / (1 + Math.exp(dist / blur)) + 500 * r.nextGaussian();
                    int u = (int) Math.max(0, Math.min(65535, Math.round(v)));
                    px.putShort((short) u);
                }
            }
            px.flip();
            out.add(new Image(side, side, 16, px, 0.5, diameter));
        }
        return out;
    }

    static List<Object> of(ProbeKind kind, int n, long seed, double shift) {
        return switch (kind) {
            case TEXT -> textPairs(n, seed, shift);
            case FEATURES -> features(n, 18, seed, shift);
            case IMAGE -> images(n, 48, seed, shift);
        };
    }
}
