package io.alignstream.scorer.task2vec;

import io.alignstream.schemas.sample.Text;
import io.alignstream.schemas.sample.TextPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lower-cased word tokens (letter runs, digit runs, single other symbols) hashed into {@code
 * buckets} ids. Id 0 is BOS/padding, id 1 separates the source and target of a {@link TextPair};
 * words hash into {@code [2, buckets)}.
 */
final class HashedTokenizer {

    static final int BOS = 0;
    static final int SEP = 1;

    private static final Pattern TOKEN = Pattern.compile("\\p{L}+|\\p{N}+|[^\\s\\p{L}\\p{N}]");

    private final int buckets;
    private final int maxTokens;

    HashedTokenizer(int buckets, int maxTokens) {
        this.buckets = buckets;
        this.maxTokens = maxTokens;
    }

    /** Token ids of a TEXT payload, at most {@code maxTokens}; a pair keeps room for both sides. */
    int[] tokenize(Object payload) {
        if (payload instanceof Text t) {
            List<Integer> ids = words(t.getText());
            return toArray(ids.subList(0, Math.min(ids.size(), maxTokens)));
        }
        if (payload instanceof TextPair p) {
            List<Integer> src = words(p.getSrc());
            List<Integer> tgt = words(p.getTgt());
            int budget = maxTokens - 1;
            int s = Math.min(src.size(), Math.max(budget - tgt.size(), budget / 2));
            int t = Math.min(tgt.size(), budget - s);
            List<Integer> ids = new ArrayList<>(src.subList(0, s));
            ids.add(SEP);
            ids.addAll(tgt.subList(0, t));
            return toArray(ids);
        }
        throw new IllegalArgumentException("not a TEXT payload: " + payload);
    }

    private List<Integer> words(String text) {
        List<Integer> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            long h = PayloadSeeds.mix(PayloadSeeds.fnv(0xcbf29ce484222325L, m.group()));
            ids.add(2 + (int) Math.floorMod(h, (long) (buckets - 2)));
        }
        return ids;
    }

    private static int[] toArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
