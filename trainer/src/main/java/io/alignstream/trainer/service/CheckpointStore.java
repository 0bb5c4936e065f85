package io.alignstream.trainer.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.trainer.train.DatasetTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The trainer's checkpoints under {@code <root>/<runId>/}, the only record of how far each dataset
 * got (no offsets are committed to Kafka):
 *
 * <pre>
 * datasets/&lt;datasetId&gt;/CURRENT          name of the generation in force
 * datasets/&lt;datasetId&gt;/g000000000042/state.json   offsets, counters, task, family
 * datasets/&lt;datasetId&gt;/g000000000042/trainer/     DatasetTrainer checkpoint: model + optimizer, pending samples
 * tasks/task-&lt;task&gt;/{reference,fine-tune,test}.avro   the task's frozen target samples
 * </pre>
 *
 * <p>Atomicity: a generation is written completely under a temporary name, renamed into place, and
 * only then named in {@code CURRENT}, which is replaced by an atomic rename. A crash at any point
 * leaves either the old generation or the new one in force, never a mix: the offsets and the model
 * state that goes with them always change together. Files are forced to disk before the renames
 * (the model files are written by the model and are not forced: atomic against process crashes,
 * best effort against power loss).
 */
public final class CheckpointStore {

  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final String CURRENT = "CURRENT";
  private static final String STATE = "state.json";
  private static final String TRAINER = "trainer";
  private static final String[] SPLITS = {"reference", "fine-tune", "test"};

  /**
   * What a dataset's checkpoint records besides the trainer.
   *
   * @param topic the curated topic the offsets belong to
   * @param consumed records taken from the topic (trained, pending or dead-lettered)
   * @param offsets per partition, the next offset to read
   * @param lastEvaluatedSize D of the latest published evaluation (0 = none)
   * @param generation grows with every checkpoint of the dataset
   */
  public record DatasetState(int format, String datasetId, String topic, String task, String family,
      String targetId, long consumed, Map<Integer, Long> offsets, long lastEvaluatedSize, long deadLetters,
      long generation, long savedAtMs) {

    public DatasetState {
      offsets = new TreeMap<>(offsets);
    }
  }

  /**
   * A loaded checkpoint.
   *
   * @param trainerDir the {@link DatasetTrainer} checkpoint, null when the dataset had no model yet
   */
  public record DatasetCheckpoint(DatasetState state, Path trainerDir) {}

  private final Path runDir;

  public CheckpointStore(Path root, String runId) {
    this.runDir = root.toAbsolutePath().resolve(runId);
  }

  public Path runDir() {
    return runDir;
  }

  /**
   * Writes a new generation of the dataset's checkpoint and puts it in force; deletes older ones.
   *
   * @return the trainer checkpoint now in force (null without a trainer): valid until the next save
   */
  public Path save(DatasetState state, DatasetTrainer trainer) {
    Path dir = datasetDir(state.datasetId());
    String name = String.format("g%012d", state.generation());
    Path tmp = dir.resolve("." + name + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      if (trainer != null) {
        trainer.checkpoint(tmp.resolve(TRAINER));
      }
      writeForced(tmp.resolve(STATE), JSON.writeValueAsBytes(state));
      Path generation = dir.resolve(name);
      deleteTree(generation); // a generation that never came into force (crash before CURRENT)
      Files.move(tmp, generation, StandardCopyOption.ATOMIC_MOVE);
      Path pointer = dir.resolve("." + CURRENT + ".tmp-" + UUID.randomUUID());
      writeForced(pointer, name.getBytes(StandardCharsets.UTF_8));
      Files.move(pointer, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(dir);
      removeAllBut(dir, name);
      return trainer == null ? null : generation.resolve(TRAINER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint dataset " + state.datasetId() + " in " + dir, e);
    } finally {
      try {
        deleteTree(tmp);
      } catch (IOException ignored) {
        // a leftover temporary directory is removed by the next save or load
      }
    }
  }

  /** The dataset's checkpoint in force, if any; leftovers of interrupted saves are removed. */
  public Optional<DatasetCheckpoint> load(String datasetId) {
    Path dir = datasetDir(datasetId);
    Path pointer = dir.resolve(CURRENT);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    try {
      String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      Path generation = dir.resolve(name);
      DatasetState state = JSON.readValue(generation.resolve(STATE).toFile(), DatasetState.class);
      removeAllBut(dir, name);
      Path trainer = generation.resolve(TRAINER);
      return Optional.of(new DatasetCheckpoint(state, Files.isDirectory(trainer) ? trainer : null));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint of dataset " + datasetId + " in " + dir, e);
    }
  }

  /** Every dataset checkpoint of the run. */
  public List<DatasetCheckpoint> loadAll() {
    Path root = runDir.resolve("datasets");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<DatasetCheckpoint> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        load(d.getFileName().toString()).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + root, e);
    }
    return out;
  }

  /** Freezes a task's target data (once: a task's targets never change within a run). */
  public void saveTask(TaskTargets targets) {
    Path dir = taskDir(targets.task());
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      List<List<Sample>> lists = List.of(targets.reference(), targets.fineTune(), targets.test());
      for (int i = 0; i < SPLITS.length; i++) {
        Path file = tmp.resolve(SPLITS[i] + ".avro");
        try (DataFileWriter<Sample> w = new DataFileWriter<>(new SpecificDatumWriter<>(Sample.class))) {
          w.create(Sample.getClassSchema(), file.toFile());
          for (Sample s : lists.get(i)) {
            w.append(s);
          }
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the targets of task " + targets.task() + " in " + dir, e);
    } finally {
      try {
        deleteTree(tmp);
      } catch (IOException ignored) {
        // removed by the next load
      }
    }
  }

  /** Every frozen task of the run. */
  public List<TaskTargets> loadTasks() {
    Path root = runDir.resolve("tasks");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<TaskTargets> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.sorted().toList()) {
        String name = d.getFileName().toString();
        if (name.startsWith(".")) {
          deleteTree(d); // an interrupted save
          continue;
        }
        List<List<Sample>> lists = new ArrayList<>();
        for (String split : SPLITS) {
          List<Sample> samples = new ArrayList<>();
          try (DataFileReader<Sample> r = new DataFileReader<>(d.resolve(split + ".avro").toFile(),
              new SpecificDatumReader<>(Sample.class))) {
            r.forEach(samples::add);
          }
          lists.add(samples);
        }
        String task = URLDecoder.decode(name.substring("task-".length()), StandardCharsets.UTF_8);
        out.add(new TaskTargets(task, lists.get(0), lists.get(1), lists.get(2)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read frozen task targets in " + root, e);
    }
    return out;
  }

  private Path datasetDir(String datasetId) {
    // dataset ids are [a-z0-9._-], starting with a letter or digit: safe as a directory name
    return runDir.resolve("datasets").resolve(datasetId);
  }

  private Path taskDir(String task) {
    return runDir.resolve("tasks").resolve("task-" + URLEncoder.encode(task, StandardCharsets.UTF_8));
  }

  private static void writeForced(Path file, byte[] bytes) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(bytes));
      c.force(true);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException ignored) {
      // not every file system lets a directory be opened for syncing; the renames are atomic regardless
    }
  }

  private static void removeAllBut(Path dir, String generation) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String n = p.getFileName().toString();
        if (!n.equals(CURRENT) && !n.equals(generation)) {
          deleteTree(p);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
