package io.alignstream.infra.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <state dir>/run/stack.json}: what a running {@code up} started, so that {@code status},
 * {@code down} and the other commands find it. Written atomically.
 *
 * @param upPid the process that owns the stack (stopping it stops everything)
 * @param ready false while parts are still starting
 */
public record RunFile(long upPid, boolean ready, String bootstrapServers, String registryUrl, String topicPrefix,
    List<Part> parts) {

  /** One started process. {@code url} is its HTTP base URL, or null for the broker. */
  public record Part(String name, long pid, String url) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static Path path(Path stateDir) {
    return stateDir.resolve("run").resolve("stack.json");
  }

  public static Optional<RunFile> read(Path stateDir) {
    Path file = path(stateDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), RunFile.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (delete it if no stack is running)", e);
    }
  }

  public void write(Path stateDir) {
    Path file = path(stateDir);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("stack.json.tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  public static void delete(Path stateDir) {
    try {
      Files.deleteIfExists(path(stateDir));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path(stateDir), e);
    }
  }

  /** Every pid this run file knows, the owner first. */
  public List<Long> allPids() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(upPid), parts.stream().map(Part::pid)).toList();
  }
}
