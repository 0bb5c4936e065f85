package io.alignstream.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Sentence BLEU (effective order, exp smoothing by default) against sacreBLEU's
 * test/test_sentence_bleu.py (github.com/mjpost/sacrebleu), tolerance 1e-3 as there. Its 'char'
 * tokenizer cases are left out: that tokenizer is not implemented here.
 */
class SentenceBleuTest {
  private static final double SACREBLEU_EPSILON = 1e-3;

  // test_sentence_bleu.py: "Example taken from #98".
  private static final String REF = "producţia de zahăr brut se exprimă în zahăr alb;";
  private static final String SYS = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

  // test_sentence_bleu.py: "Example taken from #141".
  private static final String REF_0 = "okay thanks";
  private static final String SYS_0 = "this is a cat";

  @ParameterizedTest(name = "smooth={0} value={1} tok={2} gives {3}")
  @CsvSource({
      "exp,   NaN, 13a,  8.493",
      "none,  NaN, 13a,  0.0",
      "floor, NaN, 13a,  4.51688",
      "floor, 0.1, 13a,  4.51688",
      "floor, 0.5, 13a,  10.10",
      "add-k, NaN, 13a,  14.882",
      "add-k, 1,   13a,  14.882",
      "add-k, 2,   13a,  21.389",
      "exp,   NaN, none, 7.347",
      "exp,   NaN, intl, 8.493"})
  void shouldMatchSacreBleuSentenceBleuCases(String smoothing, double value, String tokenizer, double expected) {
    Bleu bleu = Bleu.sentenceDefaults().withSmoothing(BleuSmoothing.fromName(smoothing), value)
        .withTokenizer(BleuTokenizer.fromName(tokenizer));

    BleuScore score = bleu.sentenceScore(SYS, List.of(REF));

    assertThat(score.score()).isCloseTo(expected, within(SACREBLEU_EPSILON));
  }

  @ParameterizedTest(name = "smooth={0} value={1} gives 0")
  @CsvSource({"exp, NaN", "none, NaN", "floor, NaN", "floor, 0.1", "add-k, NaN", "add-k, 1"})
  void shouldScoreZeroWithoutAnyMatchWhateverTheSmoothing(String smoothing, double value) {
    // test_sentence_bleu.py test_api_sentence_bleu_zero: all 0.0 (sacreBLEU #141).
    Bleu bleu = Bleu.sentenceDefaults().withSmoothing(BleuSmoothing.fromName(smoothing), value);

    assertThat(bleu.sentenceScore(SYS_0, List.of(REF_0)).score()).isEqualTo(0.0);
  }

  @Test
  void shouldSignSentenceBleuWithEffectiveOrder() {
    BleuScore score = Bleu.sentenceDefaults().sentenceScore(SYS, List.of(REF));

    assertThat(score.signature().format())
        .isEqualTo("nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:alignstream");
  }

  @Test
  void shouldShowSmoothingValueInSignatureLikeSacreBleu() {
    // sacreBLEU BLEUSignature: methods with a value print it as [x.xx], e.g. floor[0.10] (#98).
    BleuScore floor = Bleu.sentenceDefaults().withSmoothing(BleuSmoothing.FLOOR).sentenceScore(SYS, List.of(REF));
    BleuScore addK = Bleu.sentenceDefaults().withSmoothing(BleuSmoothing.ADD_K, 2).sentenceScore(SYS, List.of(REF));

    assertThat(floor.signature().get("smooth")).isEqualTo("floor[0.10]");
    assertThat(addK.signature().get("smooth")).isEqualTo("add-k[2.00]");
  }
}
