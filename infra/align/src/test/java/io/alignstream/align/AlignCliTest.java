package io.alignstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignCliTest {
  @TempDir
  static Path dir;
  static Path targets;
  static Path near;
  static Path far;
  static Path tiny;

  @BeforeAll
  static void files() throws Exception {
    targets = write("targets.jsonl", 40, "could not connect to the database server number %d", "connexion impossible %d");
    near = write("near.jsonl", 40, "the database query number %d failed", "la requête %d a échoué");
    far = write("far.jsonl", 40, "bake the bread for %d minutes", "cuire le pain %d minutes");
    tiny = write("tiny.jsonl", 3, "a sentence %d", "une phrase %d");
  }

  private static Path write(String name, int n, String src, String tgt) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("{\"src\":\"" + String.format(src, i) + "\",\"tgt\":\"" + String.format(tgt, i) + "\"}");
    }
    return Files.write(dir.resolve(name), lines);
  }

  record Run(int exit, String out, String err) {}

  static Run align(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = AlignCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsOneJsonArrayWithEveryDatasetAndMethod() throws Exception {
    Run r = align("--targets", targets.toString(), "--dataset", "near=" + near, "--dataset", "far=" + far,
        "--method", "dsir,gzip", "--batch-size", "8", "--batches", "3", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows).hasSize(4);
    for (JsonNode row : rows) {
      assertThat(row.fieldNames()).toIterable().contains("dataset", "method", "coefficient", "ciLow", "ciHigh", "n");
      assertThat(row.get("n").asLong()).isEqualTo(40);
      assertThat(row.get("pairs")).hasSize(3);
      assertThat(row.get("ciLow").asDouble()).isLessThanOrEqualTo(row.get("coefficient").asDouble());
    }
    // the near dataset is more aligned than the far one, by both methods
    for (String method : List.of("dsir", "gzip")) {
      assertThat(value(rows, "near", method)).as(method).isGreaterThan(value(rows, "far", method));
    }
    assertThat(r.err()).contains("batches");
  }

  @Test
  void reportsADatasetSmallerThanOneBatchWithoutANumberAndExitCode1() {
    Run r = align("--targets", targets.toString(), "--dataset", "tiny=" + tiny, "--method", "gzip", "--batch-size", "8");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("too small").contains("3 usable samples, fewer than one batch of 8");
  }

  @Test
  void refusesAnUnknownMethodWithExitCode2() {
    Run r = align("--targets", targets.toString(), "--dataset", "near=" + near, "--method", "dsir,magic");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown method 'magic'");
  }

  @Test
  void refusesAnUnreadableFileWithExitCode2() {
    Run r = align("--targets", targets.toString(), "--dataset", "gone=" + dir.resolve("missing.jsonl"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("dataset gone").contains("missing.jsonl");
  }

  @Test
  void refusesADatasetWithoutUsableSamplesWithExitCode2() throws Exception {
    Path bad = Files.write(dir.resolve("bad.jsonl"), List.of("{not json", "{\"src\":\"only a source\"}", ""));
    Run r = align("--targets", targets.toString(), "--dataset", "bad=" + bad, "--method", "gzip");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("dataset bad: no usable samples").contains("skipped");
  }

  @Test
  void refusesAMalformedDatasetOptionWithExitCode2() {
    Run r = align("--targets", targets.toString(), "--dataset", "noPath=");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void ranksACatalogOfTheTargetsDomainAboveAnUnrelatedOneWithTask2VecAndEmbedding() throws Exception {
    Path locale = Path.of("/usr/share/locale/fr/LC_MESSAGES");
    Path psql = locale.resolve("psql-15.mo");
    Path pgDump = locale.resolve("pg_dump-15.mo");
    Path countries = locale.resolve("iso_3166-1.mo");
    assumeTrue(Files.exists(psql) && Files.exists(pgDump) && Files.exists(countries),
        "the machine's French gettext catalogs of PostgreSQL 15 and iso-codes are not installed");
    Run r = align("--format", "gettext", "--targets", psql.toString(), "--dataset", "pg_dump=" + pgDump,
        "--dataset", "countries=" + countries, "--method", "task2vec,embedding", "--batch-size", "64", "--batches", "3",
        "--cache-dir", dir.resolve("cache").toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out());
    for (String method : List.of("task2vec", "embedding")) {
      assertThat(value(rows, "pg_dump", method)).as(method).isGreaterThan(value(rows, "countries", method));
    }
  }

  private static double value(JsonNode rows, String dataset, String method) {
    for (JsonNode row : rows) {
      if (row.get("dataset").asText().equals(dataset) && row.get("method").asText().equals(method)) {
        return row.get("coefficient").asDouble();
      }
    }
    throw new AssertionError("no row for " + dataset + "/" + method);
  }
}
