package io.alignstream.trainer.model;

import io.alignstream.trainer.metrics.PyText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MT model's tokeniser: byte-pair encoding (Sennrich et al. 2016) over Unicode code points,
 * learnt deterministically from a reference corpus up to a declared vocabulary size, and saved with
 * the model as its {@link State}.
 *
 * <p>Text is split on whitespace; each word is marked with a leading {@code ▁} (U+2581, as in
 * SentencePiece) so decoding restores word boundaries: {@code "the cat"} → {@code ▁the ▁cat} (or
 * subwords such as {@code ▁c at}). Ids: 0 = padding, 1 = begin, 2 = end, 3 = unknown, then the
 * alphabet (the most frequent code points, as many as fit), then merged symbols. Learning: count
 * the adjacent symbol pairs over the distinct words weighted by frequency, merge the most frequent
 * pair (ties: the lexicographically smaller merged string, then the smaller left part), repeat until
 * the vocabulary is full or no pair occurs twice. Equal corpora and sizes give equal tokenisers.
 * Code points outside the alphabet encode as unknown and never merge.
 */
public final class SubwordTokenizer {

  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final int UNK = 3;
  static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");
  static final String WORD_START = "\u2581";
  private static final int CACHE_LIMIT = 100_000;

  /**
   * The saved form.
   *
   * @param capacity the declared vocabulary size (the model's embedding rows)
   * @param alphabet single code points, in id order after the specials
   * @param merges the merge rules in the order learnt, each {@code [left, right]}
   */
  public record State(int capacity, List<String> alphabet, List<List<String>> merges) {

    public State {
      alphabet = List.copyOf(alphabet);
      merges = merges.stream().map(List::copyOf).toList();
    }
  }

  private final State state;
  private final List<String> tokens = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();
  /** (left id, right id) → {rank, merged id}. */
  private final Map<Long, int[]> rules = new HashMap<>();
  /** Encoded words; shared by a model and its copies, so safe for concurrent use. */
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private SubwordTokenizer(State state) {
    this.state = state;
    for (String s : SPECIALS) {
      add(s);
    }
    for (String a : state.alphabet()) {
      if (a.codePointCount(0, a.length()) != 1 || ids.containsKey(a)) {
        throw new IllegalArgumentException("alphabet entry '" + a + "' is not a distinct single code point");
      }
      add(a);
    }
    int rank = 0;
    for (List<String> merge : state.merges()) {
      Integer left = ids.get(merge.get(0));
      Integer right = ids.get(merge.get(1));
      if (merge.size() != 2 || left == null || right == null) {
        throw new IllegalArgumentException("merge " + merge + " refers to unknown symbols");
      }
      String merged = merge.get(0) + merge.get(1);
      int id = ids.containsKey(merged) ? ids.get(merged) : add(merged);
      rules.put(pair(left, right), new int[] {rank++, id});
    }
    if (tokens.size() > state.capacity()) {
      throw new IllegalArgumentException("tokeniser has " + tokens.size() + " symbols, capacity " + state.capacity());
    }
  }

  /** Rebuilds a saved tokeniser. */
  public static SubwordTokenizer fromState(State state) {
    return new SubwordTokenizer(state);
  }

  /**
   * Learns a tokeniser of at most {@code vocabularySize} ids (specials included) from {@code texts}.
   *
   * @throws IllegalArgumentException if {@code vocabularySize} cannot hold the specials and one symbol
   */
  public static SubwordTokenizer fit(List<String> texts, int vocabularySize) {
    if (vocabularySize < SPECIALS.size() + 2) {
      throw new IllegalArgumentException("vocabulary size " + vocabularySize + " leaves no room for symbols");
    }
    Map<String, Long> wordCounts = new TreeMap<>();
    for (String text : texts) {
      for (String w : PyText.split(text)) {
        wordCounts.merge(WORD_START + w, 1L, Long::sum);
      }
    }
    Map<String, Long> charCounts = new HashMap<>();
    wordCounts.forEach((w, c) -> w.codePoints().forEach(cp -> charCounts.merge(Character.toString(cp), c, Long::sum)));
    List<String> alphabet = charCounts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(vocabularySize - SPECIALS.size())
        .map(Map.Entry::getKey)
        .toList();
    SubwordTokenizer base = new SubwordTokenizer(new State(vocabularySize, alphabet, List.of()));
    return fromState(new State(vocabularySize, alphabet, base.learnMerges(wordCounts, vocabularySize)));
  }

  public State state() {
    return state;
  }

  /** The declared vocabulary size. */
  public int capacity() {
    return state.capacity();
  }

  /** Ids in use (≤ {@link #capacity()}). */
  public int size() {
    return tokens.size();
  }

  /** The symbol string of an id. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** Token ids of {@code text}, without begin/end markers. */
  public int[] encode(String text) {
    List<String> words = PyText.split(text);
    int[][] parts = new int[words.size()][];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      parts[i] = encodeWord(WORD_START + words.get(i));
      n += parts[i].length;
    }
    int[] out = new int[n];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  /** Text of {@code ids}: specials (padding, markers, unknown) are dropped; words joined by one space. */
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id >= SPECIALS.size() && id < tokens.size()) {
        sb.append(tokens.get(id));
      }
    }
    return sb.toString().replace(WORD_START, " ").strip();
  }

  // ---- encoding ---------------------------------------------------------------------------------

  private int[] encodeWord(String word) {
    int[] cached = cache.get(word);
    if (cached != null) {
      return cached;
    }
    int[] symbols = word.codePoints().map(cp -> ids.getOrDefault(Character.toString(cp), UNK)).toArray();
    int length = symbols.length;
    while (length > 1) {
      int bestRank = Integer.MAX_VALUE;
      int bestId = -1;
      long bestPair = 0;
      for (int i = 0; i + 1 < length; i++) {
        int[] rule = rules.get(pair(symbols[i], symbols[i + 1]));
        if (rule != null && rule[0] < bestRank) {
          bestRank = rule[0];
          bestId = rule[1];
          bestPair = pair(symbols[i], symbols[i + 1]);
        }
      }
      if (bestId < 0) {
        break;
      }
      length = mergeInPlace(symbols, length, bestPair, bestId);
    }
    int[] out = Arrays.copyOf(symbols, length);
    if (cache.size() < CACHE_LIMIT) {
      cache.put(word, out);
    }
    return out;
  }

  /** Replaces every non-overlapping occurrence of {@code pair}, left to right; returns the new length. */
  private static int mergeInPlace(int[] symbols, int length, long pair, int merged) {
    int w = 0;
    for (int i = 0; i < length; i++) {
      if (i + 1 < length && pair(symbols[i], symbols[i + 1]) == pair) {
        symbols[w++] = merged;
        i++;
      } else {
        symbols[w++] = symbols[i];
      }
    }
    return w;
  }

  // ---- learning ---------------------------------------------------------------------------------

  private record Candidate(long pair, long count) {}

  private List<List<String>> learnMerges(Map<String, Long> wordCounts, int capacity) {
    int n = wordCounts.size();
    int[][] words = new int[n][];
    long[] freq = new long[n];
    int w = 0;
    for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
      words[w] = e.getKey().codePoints().map(cp -> ids.getOrDefault(Character.toString(cp), UNK)).toArray();
      freq[w++] = e.getValue();
    }
    Map<Long, Long> counts = new HashMap<>();
    // Word indices that contained a pair at some point; checked again before use (kept lazily).
    Map<Long, Set<Integer>> containing = new HashMap<>();
    for (int wi = 0; wi < n; wi++) {
      countPairs(words[wi], freq[wi], counts);
      indexPairs(words[wi], wi, containing);
    }
    PriorityQueue<Candidate> queue = new PriorityQueue<>(this::rank);
    counts.forEach((p, c) -> offer(queue, p, c));
    List<List<String>> merges = new ArrayList<>();
    while (tokens.size() < capacity && !queue.isEmpty()) {
      Candidate best = queue.poll();
      if (counts.getOrDefault(best.pair(), 0L) != best.count()) {
        continue; // stale entry: the pair's count changed after it was queued
      }
      String left = tokens.get((int) (best.pair() >>> 32));
      String right = tokens.get((int) best.pair());
      merges.add(List.of(left, right));
      Integer existing = ids.get(left + right);
      int merged = existing != null ? existing : add(left + right);
      Map<Long, Long> delta = new HashMap<>();
      for (int wi : List.copyOf(containing.getOrDefault(best.pair(), Set.of()))) {
        int[] word = words[wi];
        int[] next = word.clone();
        int length = mergeInPlace(next, next.length, best.pair(), merged);
        if (length == word.length) {
          continue; // no longer holds the pair
        }
        next = Arrays.copyOf(next, length);
        countPairs(word, -freq[wi], delta);
        countPairs(next, freq[wi], delta);
        indexPairs(next, wi, containing);
        words[wi] = next;
      }
      containing.remove(best.pair());
      delta.forEach((p, d) -> {
        if (d != 0) {
          long c = counts.merge(p, d, Long::sum);
          if (c <= 0) {
            counts.remove(p);
          } else {
            offer(queue, p, c);
          }
        }
      });
    }
    return merges;
  }

  /** Queue order: higher count first, then the smaller merged string, then the smaller left part. */
  private int rank(Candidate a, Candidate b) {
    int byCount = Long.compare(b.count(), a.count());
    if (byCount != 0) {
      return byCount;
    }
    String al = tokens.get((int) (a.pair() >>> 32));
    String bl = tokens.get((int) (b.pair() >>> 32));
    int byMerged = (al + tokens.get((int) a.pair())).compareTo(bl + tokens.get((int) b.pair()));
    return byMerged != 0 ? byMerged : al.compareTo(bl);
  }

  private static void offer(PriorityQueue<Candidate> queue, long pair, long count) {
    if (count >= 2) {
      queue.add(new Candidate(pair, count));
    }
  }

  private static void countPairs(int[] word, long f, Map<Long, Long> counts) {
    for (int i = 0; i + 1 < word.length; i++) {
      if (word[i] != UNK && word[i + 1] != UNK) {
        counts.merge(pair(word[i], word[i + 1]), f, Long::sum);
      }
    }
  }

  private static void indexPairs(int[] word, int wi, Map<Long, Set<Integer>> containing) {
    for (int i = 0; i + 1 < word.length; i++) {
      if (word[i] != UNK && word[i + 1] != UNK) {
        containing.computeIfAbsent(pair(word[i], word[i + 1]), k -> new HashSet<>()).add(wi);
      }
    }
  }

  private int add(String token) {
    int id = tokens.size();
    tokens.add(token);
    ids.put(token, id);
    return id;
  }

  private static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xffffffffL);
  }

  @Override
  public String toString() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("capacity", state.capacity());
    summary.put("size", tokens.size());
    summary.put("merges", state.merges().size());
    return "SubwordTokenizer" + summary;
  }
}
