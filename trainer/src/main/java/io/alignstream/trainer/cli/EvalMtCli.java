package io.alignstream.trainer.cli;

import io.alignstream.trainer.metrics.Bleu;
import io.alignstream.trainer.metrics.BleuTokenizer;
import io.alignstream.trainer.metrics.Chrf;
import io.alignstream.trainer.metrics.MtScore;
import io.alignstream.trainer.metrics.PyText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code eval-mt --hyp FILE --ref FILE [--ref FILE2 …] [--tokenize 13a|intl|none] [--metrics bleu,chrf]
 * [--json]}: corpus BLEU and chrF of a translation file, printed as sacreBLEU's command line prints a
 * single system ({@code BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:alignstream = 48.5 …},
 * or its {@code -f json} objects). Files are read as sacreBLEU reads them: UTF-8, one segment per
 * {@code \n}-terminated line, trailing whitespace stripped ({@code \r} inside a line is kept as a
 * character). An empty reference line means that segment has one reference fewer.
 *
 * <p>Exit 0 on success, 2 on bad arguments, a missing or unreadable file, or files whose line counts
 * differ. {@link #run(String...)} does the work and returns an {@link EvalMtResult}; {@link #main}
 * only prints it.
 */
@Command(name = "eval-mt", mixinStandardHelpOptions = true, sortOptions = false,
    version = "eval-mt (AlignStream, sacreBLEU-compatible BLEU and chrF)",
    description = "Score a translation against one or more references with sacreBLEU-compatible corpus BLEU and chrF.")
public final class EvalMtCli {

  @Option(names = {"--hyp", "-i"}, required = true, paramLabel = "FILE",
      description = "Hypotheses (system output), one detokenized segment per line.")
  Path hyp;

  @Option(names = {"--ref", "-r"}, required = true, paramLabel = "FILE",
      description = "References, one segment per line; repeat for several references per segment.")
  List<Path> refs;

  @Option(names = {"--tokenize", "-tok"}, defaultValue = "13a", paramLabel = "TOK",
      description = "BLEU tokenizer: 13a (default), intl or none.")
  String tokenize;

  @Option(names = {"--metrics", "-m"}, split = ",", arity = "1..*", defaultValue = "bleu,chrf",
      paramLabel = "METRIC", description = "bleu, chrf or both (default bleu,chrf).")
  List<String> metrics;

  @Option(names = "--json", description = "Print sacreBLEU's JSON (-f json) instead of text lines.")
  boolean json;

  @Option(names = {"--width", "-w"}, defaultValue = "1", paramLabel = "N",
      description = "Digits after the decimal point (default 1, as sacreBLEU's command line).")
  int width;

  @Option(names = {"--score-only", "-b"}, description = "Print only the scores, one per line.")
  boolean scoreOnly;

  @Option(names = {"--lowercase", "-lc"}, description = "Case-insensitive BLEU.")
  boolean lowercase;

  @Option(names = {"--chrf-word-order", "-cw"}, defaultValue = "0", paramLabel = "N",
      description = "chrF word n-gram order; 2 gives chrF++ (default 0).")
  int chrfWordOrder;

  public static void main(String[] args) {
    EvalMtResult result = run(args);
    // UTF-8 whatever the platform locale, as sacreBLEU forces for its own output.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    out.print(result.stdout());
    out.flush();
    err.print(result.stderr());
    err.flush();
    System.exit(result.exitCode());
  }

  /** Parses the arguments, reads the files and scores them; never exits the JVM. */
  public static EvalMtResult run(String... args) {
    EvalMtCli cli = new EvalMtCli();
    CommandLine cmd = new CommandLine(cli);
    try {
      cmd.parseArgs(args);
    } catch (ParameterException e) {
      return EvalMtResult.usageError(e.getMessage() + " (see eval-mt --help)");
    }
    if (cmd.isUsageHelpRequested()) {
      return EvalMtResult.success(cmd.getUsageMessage(), List.of());
    }
    if (cmd.isVersionHelpRequested()) {
      return EvalMtResult.success(String.join("\n", cmd.getCommandSpec().version()) + "\n", List.of());
    }
    try {
      return cli.evaluate();
    } catch (InputException | IllegalArgumentException e) {
      return EvalMtResult.usageError(e.getMessage());
    }
  }

  private EvalMtResult evaluate() throws InputException {
    if (width < 0) {
      throw new InputException("--width must be 0 or more, was " + width);
    }
    if (chrfWordOrder < 0) {
      throw new InputException("--chrf-word-order must be 0 or more, was " + chrfWordOrder);
    }
    BleuTokenizer tokenizer = BleuTokenizer.fromName(tokenize);
    // sacreBLEU prints metrics in name order whatever order they were asked in.
    TreeSet<String> wanted = new TreeSet<>();
    for (String m : metrics) {
      String name = m.trim().toLowerCase(Locale.ROOT);
      if (!name.equals("bleu") && !name.equals("chrf")) {
        throw new InputException("unknown metric '" + m + "' (expected bleu or chrf)");
      }
      wanted.add(name);
    }

    List<String> hypotheses = readLines(hyp, "hypothesis");
    if (hypotheses.isEmpty()) {
      throw new InputException("hypothesis file " + hyp + " has no lines");
    }
    List<List<String>> references = new ArrayList<>();
    for (Path ref : refs) {
      List<String> lines = readLines(ref, "reference");
      if (lines.size() != hypotheses.size()) {
        throw new InputException("reference file " + ref + " has " + lines.size()
            + " lines but hypothesis file " + hyp + " has " + hypotheses.size());
      }
      references.add(lines);
    }

    List<MtScore> scores = new ArrayList<>();
    if (wanted.contains("bleu")) {
      scores.add(Bleu.corpusDefaults().withTokenizer(tokenizer).withLowercase(lowercase)
          .corpusScore(hypotheses, references));
    }
    if (wanted.contains("chrf")) {
      scores.add(Chrf.defaults().withWordOrder(chrfWordOrder).corpusScore(hypotheses, references));
    }
    String out = scoreOnly ? ScoreReport.scoresOnly(scores, width)
        : json ? ScoreReport.json(scores, width) : ScoreReport.text(scores, width);
    return EvalMtResult.success(out, scores);
  }

  /** Lines split on {@code \n} only, each with trailing whitespace stripped, as sacreBLEU reads them. */
  static List<String> readLines(Path file, String role) throws InputException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(role + " file not found: " + file);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InputException(role + " file " + file + " is not valid UTF-8: " + e.getMessage());
    } catch (IOException e) {
      throw new InputException("cannot read " + role + " file " + file + ": " + e.getMessage());
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      lines.add(PyText.rstrip(text.substring(start, end)));
      start = end + 1;
    }
    return lines;
  }

  /** A problem with the arguments or the input files, reported with exit code 2. */
  static final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message);
    }
  }
}
