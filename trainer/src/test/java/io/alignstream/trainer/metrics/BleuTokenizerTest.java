package io.alignstream.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tokenizers, case by case. sacreBLEU ships no per-string tokenizer test, so the expected strings
 * apply the rules as sacreBLEU documents them in its sources (github.com/mjpost/sacrebleu):
 * tokenizers/tokenizer_13a.py + tokenizer_re.py (mteval-v13a: remove {@code <skipped>}, join
 * {@code -\n}, unescape &amp;quot; &amp;amp; &amp;lt; &amp;gt;, split the ASCII punctuation ranges,
 * period/comma unless preceded and followed by a digit, dash after a digit) and
 * tokenizers/tokenizer_intl.py (whose docstring states the year-before-final-period case). Their
 * effect on whole scores is checked against sacreBLEU's numbers in {@link BleuTest} and
 * {@link SentenceBleuTest} (tokenize none/13a/intl).
 */
class BleuTokenizerTest {

  @ParameterizedTest(name = "13a: [{0}] -> [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // the README example segments: the apostrophe is not split, the final period is
      "It wasn't surprising.|It wasn't surprising .",
      "The dog bit the man.|The dog bit the man .",
      // period and comma between digits stay; elsewhere they split
      "It costs 1,000.50 dollars, or so.|It costs 1,000.50 dollars , or so .",
      // padding with spaces makes a final period split off even after a digit (intl differs)
      "The year 2018.|The year 2018 .",
      // a dash splits after a digit only
      "a 5-year well-known plan|a 5 - year well-known plan",
      // ASCII punctuation ranges: quotes, brackets, slash, colon, symbols
      "(see \"A/B\": 50% off!)|( see \" A / B \" : 50 % off ! )",
      "x{y}~z|x { y } ~ z"})
  void shouldTokenizeLikeMteval13a(String line, String expected) {
    assertThat(BleuTokenizer.THIRTEEN_A.tokenize(line)).isEqualTo(expected);
  }

  @Test
  void shouldUnescapeEntitiesAndDropSkippedTagsIn13a() {
    String line = "&quot;Tom &amp; Jerry&quot; &lt;b&gt; <skipped>end";

    assertThat(BleuTokenizer.THIRTEEN_A.tokenize(line)).isEqualTo("\" Tom & Jerry \" < b > end");
  }

  @Test
  void shouldJoinHyphenatedLineBreaksAndTurnNewlinesIntoSpacesIn13a() {
    assertThat(BleuTokenizer.THIRTEEN_A.tokenize("inter-\nnational\nday")).isEqualTo("international day");
  }

  @Test
  void shouldLeaveNonAsciiPunctuationAloneIn13a() {
    assertThat(BleuTokenizer.THIRTEEN_A.tokenize("„Hallo“ ¿qué?")).isEqualTo("„Hallo“ ¿qué ?");
  }

  @ParameterizedTest(name = "intl: [{0}] -> [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "It wasn't surprising.|It wasn ' t surprising .",
      // tokenizer_intl.py docstring: a number followed by a final dot is NOT tokenized
      "The year 2018.|The year 2018.",
      // punctuation between digits stays, elsewhere Unicode punctuation splits
      "It costs 1,000.50 dollars, or so.|It costs 1,000.50 dollars , or so .",
      "„Hallo“ ¿qué?|„ Hallo “ ¿ qué ?",
      // every symbol (Sc, Sm, Sk, So) becomes a token, even between digits
      "5€ + 3$ = 2^3 ©|5 € + 3 $ = 2 ^ 3 ©"})
  void shouldTokenizeLikeMteval14International(String line, String expected) {
    assertThat(BleuTokenizer.INTL.tokenize(line)).isEqualTo(expected);
  }

  @Test
  void shouldLeaveTextUntouchedWithNone() {
    assertThat(BleuTokenizer.NONE.tokenize("It wasn't  surprising.")).isEqualTo("It wasn't  surprising.");
  }

  @Test
  void shouldFindTokenizersBySacreBleuNames() {
    assertThat(BleuTokenizer.fromName("13a")).isEqualTo(BleuTokenizer.THIRTEEN_A);
    assertThat(BleuTokenizer.fromName("intl")).isEqualTo(BleuTokenizer.INTL);
    assertThat(BleuTokenizer.fromName("none")).isEqualTo(BleuTokenizer.NONE);
    assertThatThrownBy(() -> BleuTokenizer.fromName("zh"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("13a, intl, none");
  }
}
