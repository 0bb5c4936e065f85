package io.alignstream.align;

import io.alignstream.ingest.files.FileImporter;
import io.alignstream.ingest.files.Formats;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.files.SampleFormat;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import io.alignstream.scorer.coefficient.CoefficientMethod;
import io.alignstream.scorer.coefficient.DsirMethod;
import io.alignstream.scorer.coefficient.EmbeddingMethod;
import io.alignstream.scorer.coefficient.GzipMethod;
import io.alignstream.scorer.coefficient.Task2VecTextMethod;
import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.ProbeKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One {@code align} run: reads the targets and datasets, builds the requested methods and computes
 * every dataset's coefficient per method (targets represented once per method).
 */
final class AlignmentRun {

  static final Set<String> METHODS = Set.of("task2vec", "embedding", "dsir", "gzip");

  /** What to compute. */
  record Request(List<Path> targets, Map<String, List<Path>> datasets, Formats.Name format, String task,
      Map<String, String> fields, List<String> features, String srcLang, String tgtLang, String domainRules,
      List<String> methods, AlignmentCoefficient.Settings settings, boolean pairInput, boolean self, Path cacheDir) {
    Request {
      for (String m : methods) {
        if (!METHODS.contains(m)) {
          throw new IllegalArgumentException("unknown method '" + m + "' (task2vec, embedding, dsir, gzip)");
        }
      }
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("no method given");
      }
      if (datasets.isEmpty()) {
        throw new IllegalArgumentException("no --dataset given");
      }
    }
  }

  /** One output line: a dataset (or the targets' self-alignment) and one method's result. */
  record Row(String dataset, AlignmentCoefficient.Result result) {}

  /** Input that makes the run impossible: the message says which file or dataset and why. */
  static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  /** What a run reports while it works. */
  interface Progress {
    void start(long totalBatches);

    void batch(String what);

    void finish();
  }

  private final Request request;
  private final Progress progress;
  private final PrintStream log;

  AlignmentRun(Request request, Progress progress, PrintStream log) {
    this.request = request;
    this.progress = progress;
    this.log = log;
  }

  List<Row> run() throws BadInput {
    List<Object> targets = read("targets", request.targets());
    Map<String, List<Object>> datasets = new LinkedHashMap<>();
    for (var e : request.datasets().entrySet()) {
      datasets.put(e.getKey(), read("dataset " + e.getKey(), e.getValue()));
    }
    ProbeKind kind = ProbeKind.of(targets.get(0));
    if (kind != ProbeKind.TEXT) {
      throw new BadInput("the targets are " + kind + " samples; align computes text methods only so far "
          + "(Task2Vec for features and images needs a probe pretrained on general data, not built yet)");
    }
    List<Object> pool = new ArrayList<>();
    datasets.values().forEach(pool::addAll);
    AlignmentCoefficient.Settings s = request.settings();
    int sides = datasets.size() + 1 + (request.self() ? 2 : 0);
    progress.start((long) request.methods().size() * sides * s.batches());
    List<Row> rows = new ArrayList<>();
    for (String name : request.methods()) {
      try (Method m = method(name, pool)) {
        AlignmentCoefficient.Progress tick = () -> progress.batch(name);
        AlignmentCoefficient.Prepared prepared = AlignmentCoefficient.prepare(m.method(), targets, s, tick);
        for (var e : datasets.entrySet()) {
          rows.add(new Row(e.getKey(), AlignmentCoefficient.against(prepared, e.getValue(), tick)));
        }
      }
      if (request.self()) {
        List<Object> first = new ArrayList<>();
        List<Object> second = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
          (i % 2 == 0 ? first : second).add(targets.get(i));
        }
        // DSIR's raw distribution must count the scored half too (leave-one-out takes it out again)
        List<Object> withTargets = new ArrayList<>(pool);
        withTargets.addAll(targets);
        try (Method m = method(name, withTargets)) {
          AlignmentCoefficient.Progress tick = () -> progress.batch(name);
          AlignmentCoefficient.Prepared half = AlignmentCoefficient.prepare(m.method(), first, s, tick);
          rows.add(new Row("(targets: half vs half)", AlignmentCoefficient.against(half, second, tick)));
        }
      }
    }
    progress.finish();
    return rows;
  }

  /** A method with whatever it holds open. */
  private record Method(CoefficientMethod method, AutoCloseable resource) implements AutoCloseable {
    @Override
    public void close() {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception ignored) {
          // nothing to do: native memory of a probe's constants
        }
      }
    }
  }

  private Method method(String name, List<Object> pool) {
    TextInput input = new TextInput(request.pairInput(), TextInput.DEFAULT.maxTokens());
    return switch (name) {
      case "task2vec" -> {
        EncoderTextProbe.Options o = EncoderTextProbe.Options.defaults().withInput(input)
            .withSharedForwardTokens(Long.getLong("alignstream.align.shared-forward-tokens", 8192));
        EncoderTextProbe probe = new EncoderTextProbe(MiniLm.shared(), o, request.cacheDir());
        yield new Method(new Task2VecTextMethod(probe), probe);
      }
      case "embedding" -> new Method(new EmbeddingMethod(new SentenceEncoder(MiniLm.shared(), input, 128)), null);
      case "dsir" -> new Method(new DsirMethod(DsirMethod.counts(pool), true), null);
      case "gzip" -> new Method(new GzipMethod(32), null);
      default -> throw new IllegalArgumentException("unknown method " + name);
    };
  }

  /** The valid payloads of some files; bad records are counted and reported, an unreadable file is fatal. */
  private List<Object> read(String what, List<Path> paths) throws BadInput {
    SampleFormat format = Formats.of(request.format());
    ImportOptions options = new ImportOptions(request.task(), Role.POOL, null, request.fields(), request.features(),
        request.srcLang(), request.tgtLang(), null, null, null, request.domainRules());
    List<Path> files;
    try {
      files = FileImporter.expand(paths, format);
    } catch (IOException e) {
      throw new BadInput(what + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new BadInput(what + ": no " + format.name() + " files under " + paths);
    }
    List<Object> payloads = new ArrayList<>();
    long bad = 0;
    String firstBad = null;
    for (Path file : files) {
      try (Stream<Parsed<Sample>> items = format.read(file, options)) {
        for (Parsed<Sample> item : (Iterable<Parsed<Sample>>) items::iterator) {
          String problem = item.isOk() ? String.join("; ", SampleValidator.validate(item.value())) : item.error();
          if (problem.isEmpty()) {
            payloads.add(item.value().getPayload());
          } else {
            bad++;
            firstBad = firstBad == null ? item.sourceRef() + ": " + problem : firstBad;
          }
        }
      } catch (IOException | UncheckedIOException e) {
        throw new BadInput(what + ": cannot read " + file + ": " + e.getMessage());
      }
    }
    if (bad > 0) {
      log.printf("%s: skipped %d bad records (first: %s)%n", what, bad, firstBad);
    }
    if (payloads.isEmpty()) {
      throw new BadInput(what + ": no usable samples in " + paths);
    }
    return payloads;
  }
}
