package io.alignstream.ingest.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alignstream.ingest.sample.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared solar fixtures, the SWAN-SF test resource, and the contract every parse result keeps. */
final class SolarFixtures {
  /** shared/data/solar, seen from the module directory that surefire runs in. */
  static final Path DIR = Path.of("../../shared/data/solar");
  static final String SWAN_RESOURCE =
      "/solar/swan-sf/partition1/FL/M1.0@265_Primary_ar115_s2010-07-16T124800_e2010-07-17T003600.csv";
  /** The real SWAN-SF name of that file, with its colons. */
  static final String SWAN_REF = "Partition1/FL/M1.0@265:Primary_ar115_s2010-07-16T12:48:00_e2010-07-17T00:36:00.csv";
  static final String HTML_ERROR = """
      <!DOCTYPE html>
      <html><head><title>503 Service Unavailable</title></head>
      <body><h1>Service Unavailable</h1></body></html>
      """;

  private SolarFixtures() {}

  /** A fixture's text; the calling test is skipped (visibly) when the fixtures directory is absent. */
  static String fixture(String name) {
    assumeTrue(Files.isDirectory(DIR), "solar fixtures directory absent: " + DIR.toAbsolutePath());
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String swanResource() {
    try (InputStream in = SolarFixtures.class.getResourceAsStream(SWAN_RESOURCE)) {
      assertThat(in).as("test resource " + SWAN_RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Parsed contract: an item is either a value, or a reason with no value, and knows its place. */
  static <T> void assertWellFormed(List<Parsed<T>> items) {
    assertThat(items).isNotNull().doesNotContainNull();
    for (Parsed<T> item : items) {
      assertThat(item.sourceRef()).isNotBlank();
      if (item.isOk()) {
        assertThat(item.value()).isNotNull();
      } else {
        assertThat(item.value()).isNull();
        assertThat(item.error()).isNotBlank();
      }
    }
  }

  static <T> List<T> values(List<Parsed<T>> items) {
    return items.stream().filter(Parsed::isOk).map(Parsed::value).toList();
  }

  static <T> List<Parsed<T>> bad(List<Parsed<T>> items) {
    return items.stream().filter(p -> !p.isOk()).toList();
  }
}
