package io.alignstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import io.alignstream.trainer.metrics.Bleu;
import io.alignstream.trainer.metrics.Chrf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MtModelTest extends TaskModelContract<MtModel> {

  static final MtHyperParameters HP = new MtHyperParameters(256, 64, 128, 24, 1e-2, 1.0, 64);
  static final List<Sample> TRAIN = SyntheticSamples.translationPairs(400, 1);
  static final List<Sample> TEST = SyntheticSamples.translationPairs(100, 2);

  @Override
  MtModel create(long seed) {
    return MtModel.create(HP, seed);
  }

  @Override
  MtModel load(Path dir) {
    return MtModel.load(dir);
  }

  @Override
  List<Sample> trainingData() {
    return TRAIN;
  }

  @Override
  List<Sample> testData() {
    return TEST;
  }

  @Override
  Object predictions(MtModel model, List<Sample> samples) {
    return List.of(model.translate(sources(samples)), model.crossEntropy(samples));
  }

  @Test
  void shouldLearnWordSubstitutionLanguageBeyondCopyingTheSource() {
    List<String> references = targets(TEST);
    double copyChrf = Chrf.defaults().corpusScore(sources(TEST), List.of(references)).score();
    double copyBleu = Bleu.corpusDefaults().corpusScore(sources(TEST), List.of(references)).score();
    double emptyChrf = Chrf.defaults().corpusScore(Collections.nCopies(TEST.size(), ""), List.of(references)).score();
    try (MtModel model = MtModel.create(HP, 7)) {
      model.prepare(TRAIN);
      double crossEntropyBefore = model.crossEntropy(TEST);
      List<Double> epochLosses = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int epoch = 0; epoch < 16; epoch++) {
        double sum = 0;
        for (int from = 0; from < TRAIN.size(); from += BATCH) {
          sum += model.trainBatch(TRAIN.subList(from, from + BATCH));
        }
        epochLosses.add(sum / (TRAIN.size() / BATCH));
      }
      double samplesPerSecond = 16 * TRAIN.size() / ((System.nanoTime() - t0) / 1e9);
      Evaluation e = model.evaluate(TEST);
      System.out.printf("MT: epoch loss %.3f -> %.3f; test cross-entropy %.3f -> %.3f; chrF %.1f, BLEU %.1f "
          + "(copy: chrF %.1f, BLEU %.1f; empty: chrF %.1f); %.0f samples/s%n", epochLosses.get(0),
          epochLosses.get(15), crossEntropyBefore, e.crossEntropy(), e.metric("chrF"), e.metric("BLEU"), copyChrf,
          copyBleu, emptyChrf, samplesPerSecond);

      assertThat(epochLosses.get(15)).isLessThan(epochLosses.get(0) / 3);
      assertThat(e.crossEntropy()).isLessThan(crossEntropyBefore / 3);
      assertThat(e.metric("chrF")).isGreaterThan(Math.max(copyChrf, emptyChrf) + 15);
      assertThat(e.metric("BLEU")).isGreaterThan(copyBleu + 5);
      assertThat(e.samples()).isEqualTo(TEST.size());
    }
  }

  @Test
  void shouldKeepTheTokenizerFittedOnTheDeclaredReference() {
    try (MtModel model = MtModel.create(HP, 7)) {
      model.prepare(TRAIN);
      SubwordTokenizer.State fitted = model.tokenizer().orElseThrow().state();
      model.trainBatch(TEST.subList(0, BATCH));
      assertThat(model.tokenizer().orElseThrow().state()).isEqualTo(fitted);
      assertThat(fitted).isEqualTo(SubwordTokenizer.fit(texts(TRAIN), HP.vocabularySize()).state());
    }
  }

  @Test
  void shouldFitTheTokenizerOnTheFirstBatchWithoutAReference() {
    try (MtModel model = MtModel.create(HP, 7)) {
      assertThat(model.tokenizer()).isEmpty();
      model.trainBatch(TRAIN.subList(0, BATCH));
      assertThat(model.tokenizer().orElseThrow().state())
          .isEqualTo(SubwordTokenizer.fit(texts(TRAIN.subList(0, BATCH)), HP.vocabularySize()).state());
    }
  }

  @Test
  @Tag("slow")
  void shouldTranslateTheSyntheticLanguageWellInASinglePassOverMoreData() {
    List<Sample> train = SyntheticSamples.translationPairs(8000, 3);
    try (MtModel model = MtModel.create(HP, 7)) {
      model.prepare(train);
      for (int from = 0; from < train.size(); from += BATCH) {
        model.trainBatch(train.subList(from, from + BATCH));
      }
      Evaluation e = model.evaluate(TEST);
      System.out.printf("MT (slow, 8000 pairs, one pass): %s%n", e);
      assertThat(e.metric("chrF")).isGreaterThan(75);
      assertThat(e.metric("BLEU")).isGreaterThan(60);
    }
  }

  static List<String> sources(List<Sample> samples) {
    return samples.stream().map(s -> ((TextPair) s.getPayload()).getSrc()).toList();
  }

  static List<String> targets(List<Sample> samples) {
    return samples.stream().map(s -> ((TextPair) s.getPayload()).getTgt()).toList();
  }

  static List<String> texts(List<Sample> samples) {
    List<String> out = new ArrayList<>();
    for (Sample s : samples) {
      out.add(((TextPair) s.getPayload()).getSrc());
      out.add(((TextPair) s.getPayload()).getTgt());
    }
    return out;
  }
}
