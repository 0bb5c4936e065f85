package io.alignstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

  @TempDir
  Path root;

  static CheckpointStore.DatasetState state(long generation, long consumed) {
    return new CheckpointStore.DatasetState(1, "ds-1", "curated-ds-1", "solar.flare24h", "fam", "t", consumed,
        Map.of(0, consumed, 1, 7L), 0, 0, generation, 0);
  }

  @Test
  void shouldLoadTheLatestGenerationAndDropTheOlderOnes() {
    CheckpointStore store = new CheckpointStore(root, "run-1");
    store.save(state(1, 10), null);
    store.save(state(2, 20), null);

    CheckpointStore.DatasetCheckpoint cp = store.load("ds-1").orElseThrow();

    assertThat(cp.state().consumed()).isEqualTo(20);
    assertThat(cp.state().offsets()).containsEntry(0, 20L).containsEntry(1, 7L);
    assertThat(cp.trainerDir()).isNull();
    assertThat(root.resolve("run-1/datasets/ds-1").toFile().list()).containsExactlyInAnyOrder("CURRENT",
        "g000000000002");
  }

  @Test
  void shouldKeepThePreviousGenerationWhenASaveDiesBeforeItComesIntoForce() throws Exception {
    CheckpointStore store = new CheckpointStore(root, "run-1");
    store.save(state(1, 10), null);
    Path dir = root.resolve("run-1/datasets/ds-1");
    // what a crash leaves: a half-written temporary generation, and a complete one never named in CURRENT
    Files.createDirectories(dir.resolve(".g000000000002.tmp-x"));
    Files.createDirectories(dir.resolve("g000000000002"));
    Files.writeString(dir.resolve("g000000000002/state.json"), "{\"consumed\": 999");

    CheckpointStore.DatasetCheckpoint cp = store.load("ds-1").orElseThrow();

    assertThat(cp.state().consumed()).isEqualTo(10);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("CURRENT", "g000000000001");
    }
    store.save(state(2, 20), null); // and the next save replaces the leftover cleanly
    assertThat(store.load("ds-1").orElseThrow().state().consumed()).isEqualTo(20);
  }

  @Test
  void shouldRoundTripFrozenTaskTargets() {
    CheckpointStore store = new CheckpointStore(root, "run-1");
    TaskTargets targets = TaskTargets.split("solar.flare24h", TrainerTestData.targets(30, 3), 0.5, 0.25);

    store.saveTask(targets);

    assertThat(store.loadTasks()).containsExactly(targets);
    assertThat(new CheckpointStore(root, "run-2").loadTasks()).isEmpty();
  }
}
