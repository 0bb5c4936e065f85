package io.alignstream.trainer.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sacreBLEU-compatible chrF (Popović 2015) and chrF++ (Popović 2017), as sacreBLEU 2.x computes them.
 * For each order (character n-grams 1..charOrder, then word n-grams 1..wordOrder) a segment yields
 * [hypothesis n-grams, reference n-grams, matches]; with several references the segment keeps the
 * statistics of the reference with the best F-score (the first one on a tie). Corpus chrF sums the
 * statistics over segments and computes one F-beta from them.
 *
 * <p>Defaults ({@link #defaults()}): char order 6, word order 0, beta 2, case-sensitive, whitespace
 * removed before character n-grams, effective-order averaging (sacreBLEU's default; orders where the
 * hypothesis or the reference has no n-gram are left out). {@code epsSmoothing} switches to the
 * chrF++.py / NLTK / Moses averaging of per-order F-scores with a 1e-16 floor. chrF++ is
 * {@link #chrfPlusPlus()}: word order 2, words split off a leading or trailing ASCII punctuation mark.
 *
 * @param charOrder character n-gram order (6)
 * @param wordOrder word n-gram order (0; 2 for chrF++)
 * @param beta recall is beta times as important as precision (2)
 * @param lowercase whether to lower-case first
 * @param whitespace whether whitespace stays in character n-grams
 * @param epsSmoothing epsilon smoothing instead of effective order
 */
public record Chrf(int charOrder, int wordOrder, int beta, boolean lowercase, boolean whitespace,
    boolean epsSmoothing) {

  private static final double EPS = 1e-16;
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  public Chrf {
    if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0) {
      throw new IllegalArgumentException("need a positive char or word order, got " + charOrder + "/" + wordOrder);
    }
  }

  /** sacreBLEU's {@code CHRF()}: chrF2 with 6 character orders. */
  public static Chrf defaults() {
    return new Chrf(6, 0, 2, false, false, false);
  }

  /** sacreBLEU's {@code CHRF(word_order=2)}: chrF2++. */
  public static Chrf chrfPlusPlus() {
    return defaults().withWordOrder(2);
  }

  public Chrf withCharOrder(int n) {
    return new Chrf(n, wordOrder, beta, lowercase, whitespace, epsSmoothing);
  }

  public Chrf withWordOrder(int n) {
    return new Chrf(charOrder, n, beta, lowercase, whitespace, epsSmoothing);
  }

  public Chrf withBeta(int b) {
    return new Chrf(charOrder, wordOrder, b, lowercase, whitespace, epsSmoothing);
  }

  public Chrf withLowercase(boolean lc) {
    return new Chrf(charOrder, wordOrder, beta, lc, whitespace, epsSmoothing);
  }

  public Chrf withWhitespace(boolean keep) {
    return new Chrf(charOrder, wordOrder, beta, lowercase, keep, epsSmoothing);
  }

  public Chrf withEpsSmoothing(boolean eps) {
    return new Chrf(charOrder, wordOrder, beta, lowercase, whitespace, eps);
  }

  /**
   * Corpus chrF.
   *
   * @param hypotheses one line per segment
   * @param referenceStreams one or more streams as long as {@code hypotheses}; an empty entry means
   *     that segment has fewer references
   * @throws IllegalArgumentException on length mismatch or a segment without any reference
   */
  public ChrfScore corpusScore(List<String> hypotheses, List<? extends List<String>> referenceStreams) {
    ReferenceSet refs = ReferenceSet.of(hypotheses, referenceStreams);
    long[] corpus = new long[3 * (charOrder + wordOrder)];
    for (int i = 0; i < hypotheses.size(); i++) {
      List<Map<String, Integer>> hyp = ngrams(preprocess(hypotheses.get(i)));
      long[] best = null;
      double bestF = -1.0;
      for (String ref : refs.bySegment().get(i)) {
        long[] stats = matchStatistics(hyp, ngrams(preprocess(ref)));
        double f = fScore(stats);
        if (f > bestF) {
          bestF = f;
          best = stats;
        }
      }
      for (int k = 0; k < corpus.length; k++) {
        corpus[k] += best[k];
      }
    }
    return new ChrfScore(fScore(corpus), charOrder, wordOrder, beta, signature(refs.nrefs()));
  }

  /** Sentence chrF of one hypothesis against its references. */
  public ChrfScore sentenceScore(String hypothesis, List<String> references) {
    return corpusScore(List.of(hypothesis), references.stream().map(List::of).toList());
  }

  /** {@code nrefs:N|case:…|eff:…|nc:…|nw:…|space:…|version:…}. */
  public MetricSignature signature(String nrefs) {
    return MetricSignature.of(nrefs, List.of(
        Map.entry("case", lowercase ? "lc" : "mixed"),
        Map.entry("eff", epsSmoothing ? "no" : "yes"),
        Map.entry("nc", Integer.toString(charOrder)),
        Map.entry("nw", Integer.toString(wordOrder)),
        Map.entry("space", whitespace ? "yes" : "no")));
  }

  /** The F-beta score in [0, 100] from [hyp, ref, match] triples, one per order. */
  double fScore(long[] stats) {
    int order = charOrder + wordOrder;
    double factor = (double) beta * beta;
    double epsSum = 0;
    double avgPrec = 0;
    double avgRec = 0;
    int effective = 0;
    for (int i = 0; i < order; i++) {
      long hyp = stats[3 * i];
      long ref = stats[3 * i + 1];
      long match = stats[3 * i + 2];
      double prec = hyp > 0 ? (double) match / hyp : EPS;
      double rec = ref > 0 ? (double) match / ref : EPS;
      double denom = factor * prec + rec;
      epsSum += denom > 0 ? (1 + factor) * prec * rec / denom : EPS;
      if (hyp > 0 && ref > 0) {
        avgPrec += prec;
        avgRec += rec;
        effective++;
      }
    }
    if (epsSmoothing) {
      return 100 * epsSum / order;
    }
    if (effective == 0) {
      return 0.0;
    }
    avgPrec /= effective;
    avgRec /= effective;
    if (avgPrec + avgRec == 0) {
      return 0.0;
    }
    double score = (1 + factor) * avgPrec * avgRec;
    score /= (factor * avgPrec) + avgRec;
    return 100 * score;
  }

  private long[] matchStatistics(List<Map<String, Integer>> hyp, List<Map<String, Integer>> ref) {
    long[] stats = new long[3 * hyp.size()];
    for (int i = 0; i < hyp.size(); i++) {
      Map<String, Integer> r = ref.get(i);
      long hypCount = 0;
      long match = 0;
      for (Map.Entry<String, Integer> e : hyp.get(i).entrySet()) {
        hypCount += e.getValue();
        Integer inRef = r.get(e.getKey());
        if (inRef != null) {
          match += Math.min(e.getValue(), inRef);
        }
      }
      // As sacreBLEU: hypothesis n-grams of an order the reference lacks do not count.
      stats[3 * i] = r.isEmpty() ? 0 : hypCount;
      stats[3 * i + 1] = r.values().stream().mapToLong(Integer::longValue).sum();
      stats[3 * i + 2] = match;
    }
    return stats;
  }

  private String preprocess(String segment) {
    return lowercase ? segment.toLowerCase(Locale.ROOT) : segment;
  }

  /** Character n-gram counts for orders 1..charOrder, then word n-gram counts for 1..wordOrder. */
  private List<Map<String, Integer>> ngrams(String sentence) {
    List<Map<String, Integer>> byOrder = new ArrayList<>(charOrder + wordOrder);
    int[] cps = (whitespace ? sentence : PyText.removeSpaces(sentence)).codePoints().toArray();
    for (int n = 1; n <= charOrder; n++) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i + n <= cps.length; i++) {
        counts.merge(new String(cps, i, n), 1, Integer::sum);
      }
      byOrder.add(counts);
    }
    if (wordOrder > 0) {
      List<String> words = splitPunctuation(sentence);
      for (int n = 1; n <= wordOrder; n++) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
          counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
        }
        byOrder.add(counts);
      }
    }
    return byOrder;
  }

  /**
   * chrF++'s word tokenization (after the reference chrF++.py): whitespace-split words, with one
   * trailing ASCII punctuation mark split off, or else one leading one. {@code (hi)} gives
   * {@code (hi} and {@code )}, as in sacreBLEU (its issue #124).
   */
  static List<String> splitPunctuation(String sentence) {
    List<String> out = new ArrayList<>();
    for (String w : PyText.split(sentence)) {
      if (w.codePointCount(0, w.length()) == 1) {
        out.add(w);
      } else if (PUNCTUATION.indexOf(w.charAt(w.length() - 1)) >= 0) {
        out.add(w.substring(0, w.length() - 1));
        out.add(w.substring(w.length() - 1));
      } else if (PUNCTUATION.indexOf(w.charAt(0)) >= 0) {
        out.add(w.substring(0, 1));
        out.add(w.substring(1));
      } else {
        out.add(w);
      }
    }
    return out;
  }
}
