package io.alignstream.trainer.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Writes checkpoint directories atomically: built under a temporary name, then swapped in. */
final class Checkpoints {

  /** NaN is a legitimate counter value (no loss yet), so it is written and read as a JSON token. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  interface Writer {
    void write(Path tmp) throws IOException;
  }

  private Checkpoints() {}

  static void replace(Path dir, Writer writer) {
    Path absolute = dir.toAbsolutePath();
    Path parent = absolute.getParent();
    String name = absolute.getFileName().toString();
    Path tmp = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      writer.write(tmp);
      if (Files.exists(absolute)) {
        Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      } else {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException e) {
      try {
        deleteTree(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write checkpoint " + dir, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static void deleteTree(Path root) throws IOException {
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
