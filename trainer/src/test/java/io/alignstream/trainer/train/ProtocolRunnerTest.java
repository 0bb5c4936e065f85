package io.alignstream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.training.TrainingResult;
import io.alignstream.trainer.model.SolarModel;
import io.alignstream.trainer.model.SyntheticSamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolRunnerTest {

  static final ProtocolConfig CONFIG = new ProtocolConfig("run-7", DatasetTrainerTest.TASK, "fam", 8,
      ProtocolConfig.logSpacedSizes(8, 64, 2), 0, 8);
  static final List<Sample> REFERENCE = SyntheticSamples.flareFeatures(50, 9, 0.2);

  @TempDir
  Path dir;

  ProtocolRunner runner() {
    return new ProtocolRunner(CONFIG, new ModelSpec(DatasetTrainerTest.SOLAR, 42, REFERENCE),
        DatasetTrainerTest.SPLITS, DatasetTrainerTest.CLOCK);
  }

  @Test
  void shouldGiveEveryDatasetOfAFamilyAnIdenticalModel() {
    try (ProtocolRunner r = runner()) {
      SolarModel a = (SolarModel) r.trainer("aligned").model();
      SolarModel b = (SolarModel) r.trainer("misaligned").model();
      assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
      assertThat(a.architecture()).isEqualTo(b.architecture());
      assertThat(a.standardizer()).isPresent().isEqualTo(b.standardizer());
      assertThat(r.datasets()).containsExactly("aligned", "misaligned");
    }
  }

  @Test
  void shouldTrainAndEvaluateEachDatasetOnItsOwnStream() {
    List<Sample> aligned = SyntheticSamples.flareFeatures(64, 1, 0.3);
    List<Sample> other = SyntheticSamples.flareFeatures(16, 2, 0.05);
    List<TrainingResult> results = new ArrayList<>();
    try (ProtocolRunner r = runner()) {
      for (int i = 0; i < 64; i++) {
        results.addAll(r.accept("aligned", aligned.get(i), Map.of("task2vec", 0.9)));
        if (i < 16) {
          results.addAll(r.accept("other", other.get(i), Map.of("task2vec", 0.1)));
        }
      }
    }
    assertThat(results).filteredOn(x -> x.getDatasetId().equals("aligned"))
        .extracting(TrainingResult::getSize).containsExactly(8L, 16L, 32L, 64L);
    assertThat(results).filteredOn(x -> x.getDatasetId().equals("other"))
        .extracting(TrainingResult::getSize).containsExactly(8L, 16L);
    assertThat(results).filteredOn(x -> x.getDatasetId().equals("other"))
        .allSatisfy(x -> assertThat(x.getAlignment().get("task2vec")).isCloseTo(0.1, within(1e-12)));
    assertThat(results).allSatisfy(x -> {
      assertThat(x.getRunId()).isEqualTo("run-7");
      assertThat(x.getFamily()).isEqualTo("fam");
    });
  }

  @Test
  void shouldRestoreADatasetFromItsCheckpointAndRefuseAnotherDatasetsCheckpoint() {
    List<Sample> stream = SyntheticSamples.flareFeatures(20, 1, 0.3);
    try (ProtocolRunner r = runner()) {
      for (Sample s : stream) {
        r.accept("a", s, Map.of());
      }
      r.checkpoint("a", dir.resolve("a"));
      String fingerprint = r.trainer("a").model().fingerprint();
      try (ProtocolRunner fresh = runner()) {
        DatasetTrainer t = fresh.restore("a", dir.resolve("a"));
        assertThat(t.size()).isEqualTo(16);
        assertThat(t.pending()).isEqualTo(4);
        assertThat(t.model().fingerprint()).isEqualTo(fingerprint);
        assertThatThrownBy(() -> fresh.restore("b", dir.resolve("a"))).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void shouldSpaceEvaluationSizesLogarithmically() {
    assertThat(ProtocolConfig.logSpacedSizes(16, 1000, 2)).containsExactly(16L, 32L, 64L, 128L, 256L, 512L);
    assertThat(ProtocolConfig.logSpacedSizes(1, 10, Math.sqrt(2))).containsExactly(1L, 2L, 3L, 4L, 6L, 8L);
    assertThatThrownBy(() -> new ProtocolConfig("r", "t", null, 8, List.of(16L, 16L), 0, 8))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
