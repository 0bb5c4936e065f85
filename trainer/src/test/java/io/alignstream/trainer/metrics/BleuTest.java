package io.alignstream.trainer.metrics;

import static io.alignstream.trainer.metrics.SacreBleuReadmeExample.HYPOTHESES;
import static io.alignstream.trainer.metrics.SacreBleuReadmeExample.REFERENCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corpus BLEU against sacreBLEU's own documented values. Sources (github.com/mjpost/sacrebleu):
 * README.md "Using SacreBLEU from Python" and "Variable Number of References" (2.x), and
 * test/test_bleu.py (2.x: test_corpus_bleu, test_raw_bleu, test_effective_order, test_statistics,
 * test_offset, test_scoring, test_degenerate_statistics, test_max_ngram_order). sacreBLEU's tolerance
 * there is 1e-8 on the 0–100 score (on the 0–1 score for the raw_corpus_bleu cases).
 */
class BleuTest {
  private static final double SACREBLEU_EPSILON = 1e-8;

  /** sacreBLEU's compat.raw_corpus_bleu: no tokenization, floor smoothing, effective order. */
  private static Bleu rawCorpusBleu(double floor) {
    return Bleu.corpusDefaults().withTokenizer(BleuTokenizer.NONE)
        .withSmoothing(BleuSmoothing.FLOOR, floor).withEffectiveOrder(true);
  }

  @Test
  void shouldMatchSacreBleuReadmeExampleCorpusBleu() {
    // README: "Out[3]: BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)";
    // test_bleu.py test_corpus_bleu: 48.530827 with default settings.
    BleuScore bleu = Bleu.corpusDefaults().corpusScore(HYPOTHESES, REFERENCES);

    assertThat(bleu.score()).isCloseTo(48.530827, within(SACREBLEU_EPSILON));
    assertThat(bleu).hasToString(
        "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)");
    assertThat(bleu.sysLen()).isEqualTo(17);
    assertThat(bleu.refLen()).isEqualTo(18);
  }

  @Test
  void shouldSignLikeSacreBleuReadmeWithOwnVersion() {
    // README: "bleu.get_signature() -> nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.0.0".
    BleuScore bleu = Bleu.corpusDefaults().corpusScore(HYPOTHESES, REFERENCES);

    assertThat(bleu.signature().format())
        .isEqualTo("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:alignstream");
  }

  @ParameterizedTest(name = "tokenize={0} gives {1}")
  @CsvSource({"none, 49.1919566", "13a, 48.530827", "intl, 43.91623493"})
  void shouldMatchSacreBleuCorpusScoresPerTokenizer(String tokenizer, double expected) {
    // test_bleu.py test_corpus_bleu, cases {'tokenize': 'none' | '13a' | 'intl'}.
    BleuScore bleu = Bleu.corpusDefaults().withTokenizer(BleuTokenizer.fromName(tokenizer))
        .corpusScore(HYPOTHESES, REFERENCES);

    assertThat(bleu.score()).isCloseTo(expected, within(SACREBLEU_EPSILON));
    assertThat(bleu.signature().get("tok")).isEqualTo(tokenizer);
  }

  @Test
  void shouldGiveSameReadmeScoreWithoutSmoothingBecauseNoPrecisionIsZero() {
    // test_bleu.py test_corpus_bleu, case {'smooth_method': 'none'}: 48.530827.
    BleuScore bleu = Bleu.corpusDefaults().withSmoothing(BleuSmoothing.NONE).corpusScore(HYPOTHESES, REFERENCES);

    assertThat(bleu.score()).isCloseTo(48.530827, within(SACREBLEU_EPSILON));
    assertThat(bleu.signature().get("smooth")).isEqualTo("none");
  }

  @Test
  void shouldKeepEmptyHypothesesAndScoreZero() {
    // test_bleu.py test_corpus_bleu: (('', '', ''), _refs, {}, 0.0) "ensure that empty hypotheses are not removed".
    BleuScore bleu = Bleu.corpusDefaults().corpusScore(List.of("", "", ""), REFERENCES);

    assertThat(bleu.score()).isEqualTo(0.0);
    assertThat(bleu.sysLen()).isZero();
    // Closest to length 0 is each segment's shortest reference: 6 + 5 + 6 tokens.
    assertThat(bleu.refLen()).isEqualTo(17);
    assertThat(bleu.bp()).isEqualTo(0.0);
  }

  @Test
  void shouldAllowFewerReferencesForSomeSegmentsAsSacreBleuReadme() {
    // README "Variable Number of References": first reference of the first segment replaced by '':
    // "BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)", nrefs:var.
    List<List<String>> refs = List.of(
        List.of("", "It was not unexpected.", "The man bit him first."),
        REFERENCES.get(1));

    BleuScore bleu = Bleu.corpusDefaults().corpusScore(HYPOTHESES, refs);

    assertThat(bleu).hasToString(
        "BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)");
    assertThat(bleu.signature().format())
        .isEqualTo("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:alignstream");
  }

  @ParameterizedTest(name = "max order {0} gives {1}")
  @CsvSource({"1, 77.65", "2, 60.50", "3, 53.93", "4, 48.53", "5, 46.14", "6, 43.28"})
  void shouldMatchSacreBleuScoresForOtherMaxNgramOrders(int order, String expected) {
    // test_bleu.py test_bleu_max_order: f"{bleu.score:.2f}" per max_ngram_order.
    BleuScore bleu = Bleu.corpusDefaults().withMaxNgramOrder(order).corpusScore(HYPOTHESES, REFERENCES);

    assertThat(PyText.fixed(bleu.score(), 2)).isEqualTo(expected);
    assertThat(bleu.precisions()).hasSize(order);
  }

  static Stream<Arguments> rawBleuCases() {
    // test_bleu.py test_raw_bleu (raw_corpus_bleu(..., .01).score / 100); the first "now returns 0.0 (#141)".
    return Stream.of(
        Arguments.of(List.of("this is a test", "another test"), List.of("ref1", "ref2"), 0.0),
        Arguments.of(List.of("this is a test"), List.of("this is a test"), 1.0),
        Arguments.of(List.of("this is a fest"), List.of("this is a test"), 0.223606797749979));
  }

  @ParameterizedTest
  @MethodSource("rawBleuCases")
  void shouldMatchSacreBleuRawCorpusBleuCases(List<String> hyps, List<String> refs, double expected) {
    BleuScore bleu = rawCorpusBleu(0.01).corpusScore(hyps, List.of(refs));

    assertThat(bleu.score() / 100).isCloseTo(expected, within(SACREBLEU_EPSILON));
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({"test, a test, 0.3678794411714425", "a test, a test, 1.0",
      "a little test, a test, 0.03218297948685433"})
  void shouldMatchSacreBleuEffectiveOrderCases(String hyp, String ref, double expected) {
    // test_bleu.py test_effective_order (raw_corpus_bleu with floor 0.01).
    BleuScore bleu = rawCorpusBleu(0.01).corpusScore(List.of(hyp), List.of(List.of(ref)));

    assertThat(bleu.score() / 100).isCloseTo(expected, within(SACREBLEU_EPSILON));
  }

  @Test
  void shouldCountClippedMatchesAsSacreBleuStatisticsTest() {
    // test_bleu.py test_statistics: Statistics([4, 2, 1, 0], [6, 5, 4, 3]).
    BleuScore bleu = rawCorpusBleu(0.01)
        .corpusScore(List.of("am I am a character sequence"), List.of(List.of("I am a symbol string sequence a a")));

    assertThat(bleu.counts()).containsExactly(4, 2, 1, 0);
    assertThat(bleu.totals()).containsExactly(6, 5, 4, 3);
  }

  @Test
  void shouldApplyFloorOffsetAsSacreBleuOffsetTest() {
    // test_bleu.py test_offset: 0.1555722182 with the default floor 0.1, 0 with floor 0.0.
    List<String> hyp = List.of("am I am a character sequence");
    List<List<String>> ref = List.of(List.of("I am a symbol string sequence a a"));

    double withDefaultFloor = rawCorpusBleu(Double.NaN).corpusScore(hyp, ref).score() / 100;
    double withZeroFloor = rawCorpusBleu(0.0).corpusScore(hyp, ref).score() / 100;

    assertThat(withDefaultFloor).isCloseTo(0.1555722182, within(SACREBLEU_EPSILON));
    assertThat(withZeroFloor).isCloseTo(0.0, within(SACREBLEU_EPSILON));
  }

  @Test
  void shouldComputeBleuFromSufficientStatisticsAsSacreBleuScoringTest() {
    // test_bleu.py test_scoring: compute_bleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11) / 100 = 0.8375922397
    // (compute_bleu's own default smoothing is 'none').
    BleuScore bleu = Bleu.corpusDefaults().withSmoothing(BleuSmoothing.NONE)
        .fromStatistics(List.of(9, 7, 5, 3), List.of(10, 8, 6, 4), 11, 11, "?");

    assertThat(bleu.score() / 100).isCloseTo(0.8375922397, within(SACREBLEU_EPSILON));
  }

  static Stream<Arguments> degenerateStatistics() {
    // test_bleu.py test_degenerate_statistics: (correct, total, sys_len, ref_len), floor value, expected 0.0.
    return Stream.of(
        Arguments.of(List.of(0, 0, 0, 0), List.of(4, 4, 2, 1), 0, 1, 0.0),
        Arguments.of(List.of(0, 0, 0, 0), List.of(10, 11, 12, 0), 14, 10, 0.0),
        Arguments.of(List.of(0, 0, 0, 0), List.of(0, 0, 0, 0), 0, 0, 0.0),
        Arguments.of(List.of(6, 5, 4, 0), List.of(6, 5, 4, 3), 6, 6, 0.0),
        Arguments.of(List.of(0, 0, 0, 0), List.of(0, 0, 0, 0), 0, 0, 0.1),
        Arguments.of(List.of(0, 0, 0, 0), List.of(0, 0, 0, 0), 1, 5, 0.01));
  }

  @ParameterizedTest
  @MethodSource("degenerateStatistics")
  void shouldScoreExactlyZeroOnDegenerateStatistics(List<Integer> correct, List<Integer> total, int sysLen,
      int refLen, double floor) {
    BleuScore bleu = Bleu.corpusDefaults().withSmoothing(BleuSmoothing.FLOOR, floor)
        .fromStatistics(correct, total, sysLen, refLen, "?");

    assertThat(bleu.score()).isEqualTo(0.0);
  }

  @Test
  void shouldTreatCarriageReturnInsideReferenceAsWhitespace() {
    // sacreBLEU test.sh "Control character tests": the reference "Hello! How are you \r doing today?"
    // must score the same as "Hello! How are you doing today?".
    List<String> hyp = List.of("Hello! How are you doing today?");

    BleuScore buggy = Bleu.corpusDefaults().corpusScore(hyp, List.of(List.of("Hello! How are you \r doing today?")));
    BleuScore okay = Bleu.corpusDefaults().corpusScore(hyp, List.of(List.of("Hello! How are you doing today?")));

    assertThat(PyText.fixed(buggy.score(), 2)).isEqualTo(PyText.fixed(okay.score(), 2));
  }

  @Test
  void shouldUseClosestReferenceLengthAndTheShorterOnATie() {
    // sacreBLEU BLEU._get_closest_ref_len: smallest |hyp_len - ref_len|, ties to the shorter reference.
    Bleu bleu = Bleu.corpusDefaults().withTokenizer(BleuTokenizer.NONE);

    BleuScore tie = bleu.corpusScore(List.of("a b c"), List.of(List.of("a b c d"), List.of("a b")));
    BleuScore closest = bleu.corpusScore(List.of("a b c"), List.of(List.of("a b c d e f"), List.of("a b c d")));

    assertThat(tie.refLen()).isEqualTo(2);
    assertThat(closest.refLen()).isEqualTo(4);
  }

  @Test
  void shouldRejectReferenceStreamOfDifferentLength() {
    assertThatThrownBy(() -> Bleu.corpusDefaults().corpusScore(HYPOTHESES, List.of(List.of("only one"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference stream 1 has 1 segments but there are 3 hypotheses");
  }

  @Test
  void shouldRejectSegmentWithoutAnyReference() {
    // sacreBLEU raises "Empty or `None` reference sentence found." in Metric._cache_references.
    assertThatThrownBy(() -> Bleu.corpusDefaults().corpusScore(List.of("a", "b"), List.of(List.of("a", ""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment 2 has no non-empty reference");
  }
}
