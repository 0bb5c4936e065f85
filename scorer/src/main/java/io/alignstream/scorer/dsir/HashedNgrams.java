package io.alignstream.scorer.dsir;

import java.util.Arrays;
import java.util.Locale;

/**
 * DSIR features as the reference implementation ({@code p-lambda/dsir}, {@code wordpunct}) makes
 * them: the lower-cased text split into word runs ({@code \w+}) and punctuation runs ({@code
 * [^\w\s]+}), Unicode-aware; unigrams and bigrams of that sequence hashed into {@value #BUCKETS}
 * buckets (FNV-1a here, SHA-256 there: any well-mixed hash serves). Returned as sparse (bucket,
 * count) pairs sorted by bucket.
 */
public final class HashedNgrams {
  public static final int BUCKETS = 10_000;

  /** Sparse counts: {@code buckets[i]} occurred {@code counts[i]} times; {@code tokens} = unigram (token) count. */
  public record Counts(int[] buckets, int[] counts, int tokens) {
    public int total() {
      int sum = 0;
      for (int c : counts) {
        sum += c;
      }
      return sum;
    }
  }

  private HashedNgrams() {}

  private static final java.util.regex.Pattern WORDPUNCT =
      java.util.regex.Pattern.compile("\\w+|[^\\w\\s]+", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

  public static Counts of(String text) {
    java.util.List<String> list = new java.util.ArrayList<>();
    java.util.regex.Matcher m = WORDPUNCT.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      list.add(m.group());
    }
    String[] tokens = list.toArray(new String[0]);
    int[] hashed = new int[tokens.length * 2];
    int n = 0;
    String previous = null;
    int words = 0;
    for (String token : tokens) {
      if (token.isEmpty()) {
        continue;
      }
      words++;
      hashed[n++] = bucket(token);
      if (previous != null) {
        hashed[n++] = bucket(previous + ' ' + token);
      }
      previous = token;
    }
    Arrays.sort(hashed, 0, n);
    int[] buckets = new int[n];
    int[] counts = new int[n];
    int k = -1;
    for (int i = 0; i < n; i++) {
      if (k >= 0 && buckets[k] == hashed[i]) {
        counts[k]++;
      } else {
        k++;
        buckets[k] = hashed[i];
        counts[k] = 1;
      }
    }
    return new Counts(Arrays.copyOf(buckets, k + 1), Arrays.copyOf(counts, k + 1), words);
  }

  /** A stable hash (not String.hashCode's weak low bits): FNV-1a over UTF-16 units, mod BUCKETS. */
  static int bucket(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return Math.floorMod(h, BUCKETS);
  }
}
