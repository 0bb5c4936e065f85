package io.alignstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubwordTokenizerTest {

  static final List<String> CORPUS = List.of("the cat sat on the mat", "the dog sat on the log",
      "a cat and a dog", "Le chat est sur le tapis.", "the cat, the dog!");

  @Test
  void shouldRestoreWordsOfTheCorpusAfterEncodeAndDecode() {
    SubwordTokenizer t = SubwordTokenizer.fit(CORPUS, 64);
    for (String s : CORPUS) {
      assertThat(t.decode(t.encode(s))).isEqualTo(s);
    }
    assertThat(t.decode(t.encode("  the   cat\tsat "))).isEqualTo("the cat sat");
  }

  @Test
  void shouldNeverExceedTheDeclaredVocabularySize() {
    for (int size : new int[] {8, 20, 40, 1000}) {
      SubwordTokenizer t = SubwordTokenizer.fit(CORPUS, size);
      assertThat(t.size()).isLessThanOrEqualTo(size);
      assertThat(t.capacity()).isEqualTo(size);
      for (String s : CORPUS) {
        assertThat(java.util.Arrays.stream(t.encode(s)).max().orElse(0)).isLessThan(size);
      }
    }
  }

  @Test
  void shouldMergeFrequentWordsIntoSingleTokens() {
    SubwordTokenizer t = SubwordTokenizer.fit(CORPUS, 200);
    assertThat(t.encode("the")).hasSize(1);
    assertThat(t.token(t.encode("the")[0])).isEqualTo("\u2581the");
    assertThat(t.encode("the cat")).hasSize(2);
  }

  @Test
  void shouldLearnTheSameTokenizerFromTheSameCorpus() {
    assertThat(SubwordTokenizer.fit(CORPUS, 60).state()).isEqualTo(SubwordTokenizer.fit(CORPUS, 60).state());
  }

  @Test
  void shouldEncodeIdenticallyAfterRebuildingFromItsState() {
    SubwordTokenizer t = SubwordTokenizer.fit(CORPUS, 50);
    SubwordTokenizer rebuilt = SubwordTokenizer.fromState(t.state());
    assertThat(rebuilt.size()).isEqualTo(t.size());
    for (String s : CORPUS) {
      assertThat(rebuilt.encode(s)).isEqualTo(t.encode(s));
    }
  }

  @Test
  void shouldMapUnseenCharactersToUnknownAndDropThemWhenDecoding() {
    SubwordTokenizer t = SubwordTokenizer.fit(CORPUS, 64);
    int[] ids = t.encode("the ÿat");
    assertThat(ids).contains(SubwordTokenizer.UNK);
    assertThat(t.decode(ids)).isEqualTo("the at");
    assertThat(t.decode(new int[] {SubwordTokenizer.BOS, SubwordTokenizer.EOS, SubwordTokenizer.PAD})).isEmpty();
  }
}
