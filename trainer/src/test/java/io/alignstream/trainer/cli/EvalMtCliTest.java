package io.alignstream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.trainer.metrics.BleuScore;
import io.alignstream.trainer.metrics.SacreBleuReadmeExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eval-mt end to end on temporary files. Expected scores are sacreBLEU's for its README example
 * (BLEU 48.53 / 82.4/50.0/45.5/37.5 …, chrF2 59.73, intl BLEU 43.91623493 from test/test_bleu.py),
 * printed at the command line's default width 1; the line and JSON layouts are those of sacreBLEU's
 * README ("JSON output", "Using multiple metrics").
 */
class EvalMtCliTest {
  private static final String BLEU_SIGNATURE = "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:alignstream";
  private static final String CHRF_SIGNATURE = "nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:alignstream";

  @TempDir
  Path dir;

  private Path hyp;
  private Path ref1;
  private Path ref2;

  @BeforeEach
  void writeReadmeExample() throws IOException {
    hyp = write("hyp.txt", String.join("\n", SacreBleuReadmeExample.HYPOTHESES) + "\n");
    ref1 = write("ref1.txt", String.join("\n", SacreBleuReadmeExample.REFERENCES.get(0)) + "\n");
    // No final newline: the last line still counts.
    ref2 = write("ref2.txt", String.join("\n", SacreBleuReadmeExample.REFERENCES.get(1)));
  }

  @Test
  void shouldPrintBleuAndChrfLinesLikeSacreBleuCommandLine() {
    EvalMtResult result = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--ref", ref2.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).strip()).isEqualTo("BLEU|" + BLEU_SIGNATURE
        + " = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)");
    assertThat(lines.get(1).strip()).isEqualTo("chrF2|" + CHRF_SIGNATURE + " = 59.7");
    // sacreBLEU right-aligns the names so the '=' signs line up.
    assertThat(lines.get(0).indexOf('=')).isEqualTo(lines.get(1).indexOf('='));
    assertThat(result.scores()).hasSize(2);
    assertThat(((BleuScore) result.scores().get(0)).score()).isBetween(48.5308, 48.5309);
  }

  @Test
  void shouldPrintSacreBleuJsonWithSignatureFields() throws IOException {
    EvalMtResult result = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--ref", ref2.toString(),
        "--json");

    assertThat(result.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.stdout());
    assertThat(json.isArray()).isTrue();
    JsonNode bleu = json.get(0);
    assertThat(bleu.get("name").asText()).isEqualTo("BLEU");
    assertThat(bleu.get("score").asDouble()).isEqualTo(48.5);
    assertThat(bleu.get("signature").asText()).isEqualTo(BLEU_SIGNATURE);
    assertThat(bleu.get("verbose_score").asText())
        .isEqualTo("82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)");
    assertThat(bleu.get("nrefs").asText()).isEqualTo("2");
    assertThat(bleu.get("tok").asText()).isEqualTo("13a");
    assertThat(bleu.get("version").asText()).isEqualTo("alignstream");
    JsonNode chrf = json.get(1);
    assertThat(chrf.get("name").asText()).isEqualTo("chrF2");
    assertThat(chrf.get("score").asDouble()).isEqualTo(59.7);
    assertThat(chrf.get("signature").asText()).isEqualTo(CHRF_SIGNATURE);
    // sacreBLEU's README JSON layout: json.dumps(indent=1).
    assertThat(result.stdout()).startsWith("[\n{\n \"name\": \"BLEU\",\n \"score\": 48.5,\n");
  }

  @Test
  void shouldPrintOneJsonObjectForOneMetric() throws IOException {
    EvalMtResult result = EvalMtCli.run("-i", hyp.toString(), "-r", ref1.toString(), "-r", ref2.toString(),
        "--metrics", "bleu", "--tokenize", "intl", "--json", "--width", "4");

    JsonNode bleu = new ObjectMapper().readTree(result.stdout());
    assertThat(bleu.isObject()).isTrue();
    // test_bleu.py test_corpus_bleu {'tokenize': 'intl'}: 43.91623493.
    assertThat(bleu.get("score").asDouble()).isEqualTo(43.9162);
    assertThat(bleu.get("tok").asText()).isEqualTo("intl");
  }

  @Test
  void shouldScoreOnlyTheChosenMetricWithOneReference() {
    EvalMtResult result = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--metrics", "chrf");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:alignstream = ");
    assertThat(result.stdout().lines()).hasSize(1);
  }

  @Test
  void shouldPrintBareScoresWithScoreOnly() {
    EvalMtResult result = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--ref", ref2.toString(),
        "-b", "-w", "2");

    assertThat(result.stdout()).isEqualTo("48.53\n59.73\n");
  }

  @Test
  void shouldReadCarriageReturnInsideALineAsPartOfTheLine() throws IOException {
    // sacreBLEU test.sh "Control character tests": a reference with "\r" inside a line scores the same
    // as without it (the "\r" is not a line break).
    Path h = write("h.txt", "Hello! How are you doing today?\n");
    Path buggy = write("buggy.txt", "Hello! How are you \r doing today?");
    Path okay = write("okay.txt", "Hello! How are you doing today?\n");

    EvalMtResult withCr = EvalMtCli.run("--hyp", h.toString(), "--ref", buggy.toString(), "-b", "-w", "2");
    EvalMtResult without = EvalMtCli.run("--hyp", h.toString(), "--ref", okay.toString(), "-b", "-w", "2");

    assertThat(withCr.exitCode()).isZero();
    assertThat(withCr.stdout()).isEqualTo(without.stdout());
  }

  @Test
  void shouldFailWithExitCodeTwoWhenAFileIsMissing() {
    EvalMtResult result = EvalMtCli.run("--hyp", dir.resolve("nope.txt").toString(), "--ref", ref1.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("hypothesis file not found").contains("nope.txt");
  }

  @Test
  void shouldFailWithExitCodeTwoOnLineCountMismatch() throws IOException {
    Path shortRef = write("short.txt", "The dog bit the man.\nIt was not unexpected.\n");

    EvalMtResult result = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--ref", shortRef.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("short.txt has 2 lines but hypothesis file").contains("has 3");
    assertThat(result.scores()).isEmpty();
  }

  @Test
  void shouldFailWithExitCodeTwoOnBadArguments() {
    EvalMtResult noRef = EvalMtCli.run("--hyp", hyp.toString());
    EvalMtResult badTok = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--tokenize", "zh");
    EvalMtResult badMetric = EvalMtCli.run("--hyp", hyp.toString(), "--ref", ref1.toString(), "--metrics", "ter");

    assertThat(noRef.exitCode()).isEqualTo(2);
    assertThat(noRef.stderr()).contains("--ref");
    assertThat(badTok.exitCode()).isEqualTo(2);
    assertThat(badTok.stderr()).contains("unknown tokenizer 'zh'");
    assertThat(badMetric.exitCode()).isEqualTo(2);
    assertThat(badMetric.stderr()).contains("unknown metric 'ter'");
  }

  @Test
  void shouldFailWithExitCodeTwoWhenASegmentHasNoReference() throws IOException {
    Path gap = write("gap.txt", "The dog bit the man.\n\nThe man bit him first.\n");

    EvalMtResult result = EvalMtCli.run("--hyp", hyp.toString(), "--ref", gap.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("segment 2 has no non-empty reference");
  }

  @Test
  void shouldPrintUsageOnHelp() {
    EvalMtResult result = EvalMtCli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("eval-mt").contains("--hyp").contains("--tokenize");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
