package io.alignstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every top-level schema must read data written with its last released version (BACKWARD), the
 * rule the registry enforces too. Released versions are committed under
 * {@code src/test/resources/released/v<N>/<Name>.avsc}; to release, copy the current schemas there
 * with {@code mvn -pl schemas test -Dalignstream.release=v<N>} (see the module README).
 */
class SchemaEvolutionTest {
  private static final Path RELEASED = Path.of("src/test/resources/released");

  @TestFactory
  Stream<DynamicTest> shouldReadEveryRecordWrittenWithTheLastReleasedSchema() throws IOException {
    writeReleaseIfAsked();
    return Contract.topLevelSchemas().stream().map(current -> DynamicTest.dynamicTest(current.getName(), () -> {
      Schema released = lastReleased(current.getName())
          .orElseThrow(() -> new AssertionError("No released version of " + current.getName()
              + " under " + RELEASED + ": release it (module README) before it is used on a topic"));
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
      assertThat(result.getType())
          .as("%s must read data written with its released schema: %s", current.getName(), result.getResult())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }));
  }

  private static Optional<Schema> lastReleased(String name) throws IOException {
    List<Path> versions;
    try (Stream<Path> dirs = Files.list(RELEASED)) {
      versions = dirs.filter(p -> Files.exists(p.resolve(name + ".avsc")))
          .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(1))))
          .toList();
    }
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(versions.get(versions.size() - 1).resolve(name + ".avsc"))) {
      return Optional.of(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  private static void writeReleaseIfAsked() throws IOException {
    String version = System.getProperty("alignstream.release");
    if (version == null || version.isBlank()) {
      return;
    }
    Path dir = RELEASED.resolve(version);
    Files.createDirectories(dir);
    for (Schema schema : Contract.topLevelSchemas()) {
      Files.writeString(dir.resolve(schema.getName() + ".avsc"), schema.toString(true) + "\n");
    }
  }
}
