package io.alignstream.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.schemas.sample.TextPair;
import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.topology.EmbeddingScoring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer's Task2Vec: probe trained once from targets, saved, reloaded after a restart. */
class ProbeTask2VecScoringTest {
  private static final String[] DB = {"database", "table", "query", "server", "connection", "index", "column", "row",
      "schema", "transaction", "lock", "user", "password", "backup", "replica", "log"};
  private static final String[] FOOD = {"flour", "sugar", "oven", "sauce", "onion", "pepper", "salt", "butter", "cake",
      "bread", "soup", "garlic", "lemon", "cream", "rice", "pan"};

  @TempDir Path probes;

  @Test
  void shouldTrainOneProbeFromTargetsAndScoreTargetLikeSamplesHigher() {
    try (ProbeTask2VecScoring scoring = new ProbeTask2VecScoring(probes, 32, 4, ProbeConfig.ciSized())) {
      assertThat(scoring.reference("mt.en-fr", texts(DB, 10, 1))).as("too few targets for a probe").isNull();
      EmbeddingScoring.Reference ref = scoring.reference("mt.en-fr", texts(DB, 64, 2));
      assertThat(ref).isNotNull();
      assertThat(ref.batches()).isEqualTo(4);
      assertThat(ref.spread()).isBetween(0.0, 1.0);

      EmbeddingScoring.Embeddings db = scoring.embed("mt.en-fr", texts(DB, 32, 3));
      EmbeddingScoring.Embeddings food = scoring.embed("mt.en-fr", texts(FOOD, 32, 4));
      assertThat(db.probeId()).isEqualTo(ref.probeId()).isEqualTo(food.probeId());
      assertThat(mean(scoring, db, ref)).isGreaterThan(mean(scoring, food, ref));
    }
  }

  @Test
  void shouldReloadTheSameProbeAfterARestart() {
    String id;
    float[] before;
    try (ProbeTask2VecScoring first = new ProbeTask2VecScoring(probes, 32, 4, ProbeConfig.ciSized())) {
      id = first.reference("mt.en-fr", texts(DB, 64, 2)).probeId();
      before = first.embed("mt.en-fr", texts(DB, 4, 9)).rows()[0];
    }
    try (ProbeTask2VecScoring second = new ProbeTask2VecScoring(probes, 32, 4, ProbeConfig.ciSized())) {
      EmbeddingScoring.Embeddings after = second.embed("mt.en-fr", texts(DB, 4, 9));
      assertThat(after.probeId()).isEqualTo(id);
      assertThat(after.rows()[0]).containsExactly(before);
    }
  }

  @Test
  void shouldLeaveNoEmbeddingForATaskWithoutAProbe() {
    try (ProbeTask2VecScoring scoring = new ProbeTask2VecScoring(probes, 32, 4, ProbeConfig.ciSized())) {
      assertThat(scoring.embed("lm.unknown", texts(DB, 2, 1))).isNull();
    }
  }

  private static double mean(ProbeTask2VecScoring s, EmbeddingScoring.Embeddings e, EmbeddingScoring.Reference ref) {
    double sum = 0;
    for (float[] row : e.rows()) {
      sum += s.similarity(row, ref.embedding());
    }
    return sum / e.rows().length;
  }

  private static List<Object> texts(String[] words, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder src = new StringBuilder();
      for (int w = 0; w < 4 + r.nextInt(5); w++) {
        src.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
      }
      out.add(new TextPair(src.toString(), "fr " + src, "en", "fr"));
    }
    return out;
  }
}
