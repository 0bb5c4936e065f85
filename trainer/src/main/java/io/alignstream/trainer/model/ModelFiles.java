package io.alignstream.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The saved form of a model, a directory holding:
 * <ul>
 *   <li>{@code model.json}: {@link Manifest} (kind, architecture, seed, hyper-parameters, step count,
 *       optimizer step count, and the fitted preprocessing: MT tokeniser, solar standardisation,
 *       STEM label scale);
 *   <li>{@code parameters.ndlist}: the named parameter arrays (DJL {@code NDList.encode()});
 *   <li>{@code optimizer.ndlist}: Adam's first then second moments, in parameter order.
 * </ul>
 * The directory is written under a temporary name and swapped into place, so a reader never sees a
 * half-written model and a crash leaves the previous one intact.
 */
final class ModelFiles {

  static final int FORMAT = 1;
  static final String MANIFEST = "model.json";
  static final String PARAMETERS = "parameters.ndlist";
  static final String OPTIMIZER = "optimizer.ndlist";

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * @param format file format version ({@value #FORMAT})
   * @param kind the architecture family
   * @param architecture human-readable architecture line
   * @param seed initialisation seed
   * @param step training steps taken (optimizer updates on this model)
   * @param hyperParameters the kind's hyper-parameter record
   * @param preprocessing the kind's fitted preprocessing state ({@code null} before fitting)
   */
  record Manifest(int format, ModelKind kind, String architecture, long seed, long step, JsonNode hyperParameters,
      JsonNode preprocessing) {}

  /** What {@link #read} returns: arrays owned by the given manager. */
  record Contents(Manifest manifest, NDList parameters, NDList optimizer) {}

  private ModelFiles() {}

  static void write(Path dir, Manifest manifest, NDList parameters, NDList optimizer) {
    Path absolute = dir.toAbsolutePath();
    Path parent = absolute.getParent();
    String name = absolute.getFileName().toString();
    Path tmp = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      JSON.writeValue(tmp.resolve(MANIFEST).toFile(), manifest);
      Files.write(tmp.resolve(PARAMETERS), parameters.encode());
      Files.write(tmp.resolve(OPTIMIZER), optimizer.encode());
      if (Files.exists(absolute)) {
        Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      } else {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      try {
        deleteTree(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new UncheckedIOException("cannot save model to " + dir, e);
    }
  }

  static Manifest readManifest(Path dir) {
    try {
      Manifest m = JSON.readValue(dir.resolve(MANIFEST).toFile(), Manifest.class);
      if (m.format() != FORMAT) {
        throw new IllegalArgumentException("model at " + dir + " has format " + m.format() + ", this build reads "
            + FORMAT);
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model manifest in " + dir, e);
    }
  }

  static Contents read(Path dir, NDManager manager) {
    Manifest manifest = readManifest(dir);
    try {
      NDList parameters = NDList.decode(manager, Files.readAllBytes(dir.resolve(PARAMETERS)));
      NDList optimizer = NDList.decode(manager, Files.readAllBytes(dir.resolve(OPTIMIZER)));
      return new Contents(manifest, parameters, optimizer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model arrays in " + dir, e);
    }
  }

  static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + type.getSimpleName() + " from model manifest", e);
    }
  }

  static JsonNode tree(Object value) {
    return value == null ? null : JSON.valueToTree(value);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
