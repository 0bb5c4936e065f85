package io.alignstream.trainer.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sacreBLEU-compatible BLEU (Papineni et al. 2002, as sacreBLEU 2.x computes it). Corpus BLEU sums
 * clipped n-gram matches, hypothesis n-grams and lengths over all segments, then takes the geometric
 * mean of the precisions times the brevity penalty. Per segment, matches are clipped by the maximum
 * count of the n-gram in any reference, and the reference length is that of the reference closest in
 * length to the hypothesis (the shorter one on a tie). If nothing matched at all the score is 0 with
 * no smoothing (sacreBLEU #141).
 *
 * <p>Defaults ({@link #corpusDefaults()}) are sacreBLEU's: tokenizer 13a, case-sensitive, smoothing
 * exp, 4-grams, no effective order. {@link #sentenceDefaults()} turns effective order on, as
 * sacreBLEU's {@code sentence_bleu} does. Instances are immutable and thread-safe.
 *
 * @param tokenizer how segments are split into tokens
 * @param lowercase whether hypotheses and references are lower-cased first
 * @param smoothing the smoothing method
 * @param smoothValue the value for {@code floor} / {@code add-k}; NaN for the method's default
 * @param maxNgramOrder the highest n-gram order (4)
 * @param effectiveOrder whether orders with no hypothesis n-grams are left out of the mean
 */
public record Bleu(BleuTokenizer tokenizer, boolean lowercase, BleuSmoothing smoothing, double smoothValue,
    int maxNgramOrder, boolean effectiveOrder) {

  /** sacreBLEU floors log(0) to this rather than -infinity; exp of it over the order is 0. */
  private static final double LOG_ZERO = -9999999999.0;

  public Bleu {
    if (tokenizer == null || smoothing == null) {
      throw new IllegalArgumentException("tokenizer and smoothing are required");
    }
    if (maxNgramOrder < 1) {
      throw new IllegalArgumentException("maxNgramOrder must be at least 1, was " + maxNgramOrder);
    }
  }

  /** sacreBLEU's {@code BLEU()}: 13a, mixed case, exp smoothing, 4-grams, no effective order. */
  public static Bleu corpusDefaults() {
    return new Bleu(BleuTokenizer.THIRTEEN_A, false, BleuSmoothing.EXP, Double.NaN, 4, false);
  }

  /** sacreBLEU's {@code sentence_bleu} settings: as {@link #corpusDefaults()} with effective order. */
  public static Bleu sentenceDefaults() {
    return corpusDefaults().withEffectiveOrder(true);
  }

  public Bleu withTokenizer(BleuTokenizer t) {
    return new Bleu(t, lowercase, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
  }

  public Bleu withLowercase(boolean lc) {
    return new Bleu(tokenizer, lc, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
  }

  /** Smoothing with the method's default value. */
  public Bleu withSmoothing(BleuSmoothing s) {
    return withSmoothing(s, Double.NaN);
  }

  public Bleu withSmoothing(BleuSmoothing s, double value) {
    return new Bleu(tokenizer, lowercase, s, value, maxNgramOrder, effectiveOrder);
  }

  public Bleu withMaxNgramOrder(int order) {
    return new Bleu(tokenizer, lowercase, smoothing, smoothValue, order, effectiveOrder);
  }

  public Bleu withEffectiveOrder(boolean eff) {
    return new Bleu(tokenizer, lowercase, smoothing, smoothValue, maxNgramOrder, eff);
  }

  /**
   * Corpus BLEU.
   *
   * @param hypotheses one line per segment (an empty hypothesis counts, with length 0)
   * @param referenceStreams one or more streams, each as long as {@code hypotheses}; an empty entry
   *     means that segment has fewer references
   * @throws IllegalArgumentException on length mismatch or a segment without any reference
   */
  public BleuScore corpusScore(List<String> hypotheses, List<? extends List<String>> referenceStreams) {
    ReferenceSet refs = ReferenceSet.of(hypotheses, referenceStreams);
    long[] correct = new long[maxNgramOrder];
    long[] total = new long[maxNgramOrder];
    long sysLen = 0;
    long refLen = 0;
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> hypTokens = PyText.split(preprocess(hypotheses.get(i)));
      List<Map<String, Integer>> refNgrams = new ArrayList<>();
      for (int n = 0; n < maxNgramOrder; n++) {
        refNgrams.add(new HashMap<>());
      }
      int closestLen = -1;
      int closestDiff = -1;
      for (String ref : refs.bySegment().get(i)) {
        List<String> refTokens = PyText.split(preprocess(ref));
        int len = refTokens.size();
        int diff = Math.abs(hypTokens.size() - len);
        if (closestDiff == -1 || diff < closestDiff || (diff == closestDiff && len < closestLen)) {
          closestDiff = diff;
          closestLen = len;
        }
        List<Map<String, Integer>> these = ngrams(refTokens);
        for (int n = 0; n < maxNgramOrder; n++) {
          Map<String, Integer> max = refNgrams.get(n);
          these.get(n).forEach((g, c) -> max.merge(g, c, Math::max));
        }
      }
      List<Map<String, Integer>> hypNgrams = ngrams(hypTokens);
      for (int n = 0; n < maxNgramOrder; n++) {
        Map<String, Integer> inRefs = refNgrams.get(n);
        for (Map.Entry<String, Integer> e : hypNgrams.get(n).entrySet()) {
          total[n] += e.getValue();
          correct[n] += Math.min(e.getValue(), inRefs.getOrDefault(e.getKey(), 0));
        }
      }
      sysLen += hypTokens.size();
      refLen += closestLen;
    }
    return fromStatistics(toInts(correct), toInts(total), Math.toIntExact(sysLen), Math.toIntExact(refLen),
        refs.nrefs());
  }

  /** Sentence BLEU of one hypothesis against its references (use {@link #sentenceDefaults()}). */
  public BleuScore sentenceScore(String hypothesis, List<String> references) {
    List<List<String>> streams = references.stream().map(List::of).toList();
    return corpusScore(List.of(hypothesis), streams);
  }

  /**
   * BLEU from sufficient statistics (sacreBLEU's {@code compute_bleu}). The signature's nrefs is
   * given by the caller ({@code ?} when unknown).
   */
  public BleuScore fromStatistics(List<Integer> correct, List<Integer> total, int sysLen, int refLen, String nrefs) {
    if (correct.size() != maxNgramOrder || total.size() != maxNgramOrder) {
      throw new IllegalArgumentException("expected " + maxNgramOrder + " counts and totals");
    }
    double value = Double.isNaN(smoothValue) ? smoothing.defaultValue() : smoothValue;
    double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0) : 1.0;
    double[] precisions = new double[maxNgramOrder];
    MetricSignature signature = signature(nrefs);
    if (correct.stream().allMatch(c -> c == 0)) {
      return new BleuScore(0.0, correct, total, boxed(precisions), bp, sysLen, refLen, signature);
    }
    double smoothMteval = 1.0;
    int effOrder = maxNgramOrder;
    for (int n = 1; n <= maxNgramOrder; n++) {
      double c = correct.get(n - 1);
      double t = total.get(n - 1);
      if (smoothing == BleuSmoothing.ADD_K && n > 1) {
        c += value;
        t += value;
      }
      if (t == 0) {
        break;
      }
      if (effectiveOrder) {
        effOrder = n;
      }
      if (c == 0) {
        if (smoothing == BleuSmoothing.EXP) {
          smoothMteval *= 2;
          precisions[n - 1] = 100.0 / (smoothMteval * t);
        } else if (smoothing == BleuSmoothing.FLOOR) {
          precisions[n - 1] = 100.0 * value / t;
        }
      } else {
        precisions[n - 1] = 100.0 * c / t;
      }
    }
    double logSum = 0;
    for (int n = 0; n < effOrder; n++) {
      logSum += precisions[n] == 0.0 ? LOG_ZERO : Math.log(precisions[n]);
    }
    double score = bp * Math.exp(logSum / effOrder);
    return new BleuScore(score, correct, total, boxed(precisions), bp, sysLen, refLen, signature);
  }

  /** The signature for a given {@code nrefs}: {@code nrefs:N|case:…|eff:…|tok:…|smooth:…|version:…}. */
  public MetricSignature signature(String nrefs) {
    String smooth = smoothing.label();
    if (smoothing.takesValue()) {
      double value = Double.isNaN(smoothValue) ? smoothing.defaultValue() : smoothValue;
      smooth += "[" + PyText.fixed(value, 2) + "]";
    }
    return MetricSignature.of(nrefs, List.of(
        Map.entry("case", lowercase ? "lc" : "mixed"),
        Map.entry("eff", effectiveOrder ? "yes" : "no"),
        Map.entry("tok", tokenizer.signature()),
        Map.entry("smooth", smooth)));
  }

  private String preprocess(String segment) {
    String s = lowercase ? segment.toLowerCase(Locale.ROOT) : segment;
    return tokenizer.tokenize(PyText.rstrip(s));
  }

  private List<Map<String, Integer>> ngrams(List<String> tokens) {
    List<Map<String, Integer>> byOrder = new ArrayList<>(maxNgramOrder);
    for (int n = 1; n <= maxNgramOrder; n++) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i + n <= tokens.size(); i++) {
        // Tokens hold no whitespace, so joining with a space keeps n-grams distinct.
        counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
      }
      byOrder.add(counts);
    }
    return byOrder;
  }

  private static List<Integer> toInts(long[] values) {
    List<Integer> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(Math.toIntExact(v));
    }
    return out;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }
}
