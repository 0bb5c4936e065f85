package io.alignstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alignstream.ingest.files.GettextFormat;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.scorer.coefficient.AlignmentCoefficient;
import io.alignstream.scorer.coefficient.CoefficientMethod;
import io.alignstream.scorer.coefficient.DsirMethod;
import io.alignstream.scorer.coefficient.EmbeddingMethod;
import io.alignstream.scorer.coefficient.GzipMethod;
import io.alignstream.scorer.coefficient.Task2VecTextMethod;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.dsir.HashedNgrams;
import io.alignstream.scorer.embedding.SentenceEncoder;
import io.alignstream.scorer.encoder.MiniLm;
import io.alignstream.scorer.encoder.TextInput;
import io.alignstream.scorer.gzip.GzipReference;
import io.alignstream.scorer.task2vec.EncoderTextProbe;
import io.alignstream.scorer.task2vec.Probe;
import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.task2vec.ProbeKind;
import io.alignstream.scorer.task2vec.ProbeTrainer;
import io.alignstream.scorer.task2vec.Task2Vec;
import io.alignstream.scorer.text.ScoringText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Does each alignment method measure alignment, on data it was not tuned on? For each target domain
 * of a language's gettext catalogs (no stack needed):
 * <ul>
 *   <li><b>controlled mixtures</b>: datasets of {@code mixtureSize} pairs with a given share of the
 *       target's own held-out pairs (same catalog group, disjoint from the targets), the rest other
 *       domains; each method's batch coefficient against the targets, and Spearman ρ of share vs
 *       coefficient. Shares are nested on the same positions (a larger share replaces more of the same
 *       other-domain pairs), so neighbouring shares differ only in the replaced pairs;
 *   <li><b>per-sample AUC</b> of held-out own pairs vs other-domain pairs, with each method's routing
 *       score as the scorer computes it, and the previous Task2Vec probe and DSIR formula for
 *       comparison ("before");
 *   <li><b>calibration</b>: the coefficient of two disjoint halves of the target's own pairs (self), the
 *       all-other-domains mixture (share 0) and the least aligned single domain; per-sample medians of
 *       the calibrated routing scores for own and other pairs.
 * </ul>
 * Sizes, shares and seeds are fixed before any run; the methods' settings were chosen on the
 * development targets (fr/es postgres and gnu-utils) only.
 */
@Command(name = "alignment", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Controlled mixtures, per-sample AUC and calibration of every alignment method on gettext catalogs.")
public final class AlignmentStudy implements Callable<Integer> {

  /** The report targets: not used to choose any design (the development targets were postgres and gnu-utils). */
  static final String REPORT_TARGETS = "fr:git,fr:gtk,fr:binutils,es:gnupg2,es:iso-codes,es:libc";

  @Option(names = "--targets", split = ",", defaultValue = REPORT_TARGETS,
      description = "lang:domain pairs (default: the report set " + REPORT_TARGETS + ").")
  List<String> targets;

  @Option(names = "--methods", split = ",", defaultValue = "task2vec,embedding,dsir,gzip")
  List<String> methods;

  @Option(names = "--batch-size", defaultValue = "256")
  int batchSize;

  @Option(names = "--batches", defaultValue = "10", description = "K for mixtures and self-alignment.")
  int batches;

  @Option(names = "--scan-batches", defaultValue = "2", description = "K for the least-aligned-domain scan.")
  int scanBatches;

  @Option(names = "--target-size", defaultValue = "512")
  int targetSize;

  @Option(names = "--mixture-size", defaultValue = "512")
  int mixtureSize;

  @Option(names = "--auc-size", defaultValue = "250", description = "Held-out own pairs, and as many other pairs, for AUC.")
  int aucSize;

  @Option(names = "--shares", split = ",", defaultValue = "0,10,25,50,100", description = "Target shares in percent.")
  List<Integer> shares;

  @Option(names = "--seed", defaultValue = "0")
  long seed;

  @Option(names = "--no-before", description = "Skip the previous Task2Vec probe and DSIR formula.")
  boolean noBefore;

  @Option(names = "--no-scan", description = "Skip the least-aligned-domain scan.")
  boolean noScan;

  @Option(names = "--no-mixtures", description = "Only the per-sample AUC (no coefficients).")
  boolean noMixtures;

  @Option(names = "--no-self", description = "Skip the self-alignment.")
  boolean noSelf;

  @Option(names = "--mask-rate", description = "Development only: the text probe's mask rate (default: its default).")
  Double maskRate;

  @Option(names = "--head-steps", description = "Development only: the text probe's head fine-tuning steps per batch (default: its default).")
  Integer headSteps;

  @Option(names = "--draws", defaultValue = "1",
      description = "Development only: Monte Carlo draws of the text probe's Fisher per masked position (default 1).")
  int draws;

  @Option(names = "--out", description = "Append one JSON line per target with every figure.")
  Path out;

  @Option(names = "--cache-dir", defaultValue = ".alignstream/probes")
  Path cacheDir;

  private final Map<String, Map<String, List<Object>>> catalogs = new TreeMap<>();

  @Override
  public Integer call() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    List<ObjectNode> all = new ArrayList<>();
    for (String t : targets) {
      String[] lt = t.split(":", 2);
      if (lt.length != 2) {
        System.err.println("--targets takes lang:domain, got " + t);
        return 2;
      }
      ObjectNode row = study(lt[0], lt[1]);
      if (row != null) {
        all.add(row);
        if (out != null) {
          Files.writeString(out, new ObjectMapper().writeValueAsString(row) + "\n", StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        }
      }
    }
    summary(all);
    return 0;
  }

  // ---- one target --------------------------------------------------------------------------------

  private ObjectNode study(String lang, String domain) throws IOException {
    long start = System.nanoTime();
    Map<String, List<Object>> byDomain = catalogs(lang);
    List<Object> own = new ArrayList<>(byDomain.getOrDefault(domain, List.of()));
    int needed = targetSize + mixtureSize + aucSize;
    if (own.size() < needed) {
      System.out.printf("%s:%s has %d usable pairs, the protocol needs %d: skipped%n", lang, domain, own.size(), needed);
      return null;
    }
    Random random = new Random(seed ^ (lang + ":" + domain).hashCode());
    Collections.shuffle(own, random);
    List<Object> others = new ArrayList<>();
    byDomain.forEach((d, list) -> {
      if (!d.equals(domain)) {
        others.addAll(list);
      }
    });
    Collections.shuffle(others, random);
    List<Object> t = own.subList(0, targetSize);
    List<Object> hMix = own.subList(targetSize, targetSize + mixtureSize);
    List<Object> hAuc = own.subList(targetSize + mixtureSize, needed);
    List<Object> oMix = others.subList(0, mixtureSize);
    List<Object> oAuc = others.subList(mixtureSize, mixtureSize + aucSize);

    // nested mixtures: a random order of positions; share s puts own pairs at its first s·M positions
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < mixtureSize; i++) {
      positions.add(i);
    }
    Collections.shuffle(positions, random);
    List<List<Object>> mixtures = new ArrayList<>();
    for (int share : shares) {
      List<Object> d = new ArrayList<>(oMix);
      int k = (int) Math.round(share / 100.0 * mixtureSize);
      for (int i = 0; i < k; i++) {
        d.set(positions.get(i), hMix.get(positions.get(i)));
      }
      mixtures.add(d);
    }

    ObjectMapper json = new ObjectMapper();
    ObjectNode row = json.createObjectNode();
    row.put("lang", lang).put("target", domain).put("ownPairs", own.size()).put("otherPairs", others.size());
    row.put("batchSize", batchSize).put("batches", batches);
    System.out.printf("%n== %s:%s  (%d own pairs, %d of %d other domains; targets %d, mixtures %d, AUC %d+%d)%n",
        lang, domain, own.size(), others.size(), byDomain.size() - 1, targetSize, mixtureSize, aucSize, aucSize);
    AlignmentCoefficient.Settings s = new AlignmentCoefficient.Settings(batchSize, batches, seed);
    List<Object> selfA = new ArrayList<>();
    List<Object> selfB = new ArrayList<>();
    List<Object> ownForSelf = own.subList(0, targetSize + mixtureSize);
    for (int i = 0; i < ownForSelf.size(); i++) {
      (i % 2 == 0 ? selfA : selfB).add(ownForSelf.get(i));
    }
    // DSIR's raw distribution: every distinct pair the mixtures are made of, once
    List<Object> pool = new ArrayList<>(oMix);
    pool.addAll(hMix);
    List<Object> selfPool = new ArrayList<>(pool);
    selfPool.addAll(t);
    for (String name : noMixtures ? List.<String>of() : methods) {
      long m0 = System.nanoTime();
      try (Method m = method(name, pool)) {
        ObjectNode r = row.putObject(name);
        AlignmentCoefficient.Prepared prepared = AlignmentCoefficient.prepare(m.method, t, s, AlignmentCoefficient.Progress.NONE);
        double[] coefficients = new double[mixtures.size()];
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < mixtures.size(); i++) {
          AlignmentCoefficient.Result x = AlignmentCoefficient.against(prepared, mixtures.get(i), AlignmentCoefficient.Progress.NONE);
          coefficients[i] = x.coefficient();
          ObjectNode mx = r.putObject("share" + shares.get(i));
          mx.put("coefficient", x.coefficient()).put("ciLow", x.ciLow()).put("ciHigh", x.ciHigh());
          var pairs = mx.putArray("pairs");
          x.pairValues().forEach(pairs::add);
          line.append(String.format(Locale.ROOT, " %3d%%: %.4f [%.4f, %.4f]", shares.get(i), x.coefficient(), x.ciLow(), x.ciHigh()));
        }
        double rho = spearman(shares.stream().mapToDouble(Integer::doubleValue).toArray(), coefficients);
        r.put("spearman", rho);
        System.out.printf("%-10s rho %5.2f |%s%n", name, rho, line);
        // calibration: self (two halves of the own pairs) vs the all-other mixture and the least aligned domain
        if (noSelf) {
          continue;
        }
        AlignmentCoefficient.Result self = selfAlignment(name, selfPool, selfA, selfB, s);
        r.putObject("self").put("coefficient", self.coefficient()).put("ciLow", self.ciLow()).put("ciHigh", self.ciHigh());
        String least = "";
        if (!noScan) {
          Map.Entry<String, Double> worst = leastAligned(name, t, byDomain, domain);
          r.putObject("leastAligned").put("domain", worst.getKey()).put("coefficient", worst.getValue())
              .put("batches", scanBatches);
          least = String.format(Locale.ROOT, ", least aligned domain %s %.4f (K=%d)", worst.getKey(), worst.getValue(), scanBatches);
        }
        System.out.printf("%-10s calibration: self %.4f [%.4f, %.4f], share 0%% %.4f%s  (%.0f s)%n", "", self.coefficient(),
            self.ciLow(), self.ciHigh(), coefficients[0], least, (System.nanoTime() - m0) / 1e9);
      }
    }
    // the per-sample pool, as the scorer sees one: the scored pairs and 1,000 more of the language's
    // pairs at their natural domain mix (neither targets nor scored pairs)
    List<Object> rest = new ArrayList<>(own.subList(needed, own.size()));
    rest.addAll(others.subList(mixtureSize + aucSize, others.size()));
    Collections.shuffle(rest, random);
    perSample(row, t, hAuc, oAuc, rest.subList(0, Math.min(rest.size(), 1000)),
        others.subList(mixtureSize + aucSize, Math.min(others.size(), mixtureSize + aucSize + 400)));
    row.put("seconds", (System.nanoTime() - start) / 1e9);
    return row;
  }

  /** Two halves of the own pairs; DSIR's raw pool (given) counts both halves once. */
  private AlignmentCoefficient.Result selfAlignment(String name, List<Object> pool, List<Object> a, List<Object> b,
      AlignmentCoefficient.Settings s) {
    try (Method m = method(name, pool)) {
      return AlignmentCoefficient.compute(m.method, a, b, s);
    }
  }

  /** The other domain with the lowest coefficient (DSIR's raw distribution: every pair of the language). */
  private Map.Entry<String, Double> leastAligned(String name, List<Object> t, Map<String, List<Object>> byDomain,
      String domain) {
    List<Object> everything = new ArrayList<>();
    byDomain.values().forEach(everything::addAll);
    try (Method m = method(name, everything)) {
      return leastAligned(m.method, t, byDomain, domain);
    }
  }

  private Map.Entry<String, Double> leastAligned(CoefficientMethod method, List<Object> t,
      Map<String, List<Object>> byDomain, String domain) {
    AlignmentCoefficient.Settings scan = new AlignmentCoefficient.Settings(batchSize, scanBatches, seed);
    AlignmentCoefficient.Prepared prepared = AlignmentCoefficient.prepare(method, t, scan, AlignmentCoefficient.Progress.NONE);
    String worst = null;
    double value = Double.POSITIVE_INFINITY;
    for (var e : byDomain.entrySet()) {
      if (e.getKey().equals(domain) || e.getValue().size() < batchSize) {
        continue;
      }
      AlignmentCoefficient.Result r = AlignmentCoefficient.against(prepared, e.getValue(), AlignmentCoefficient.Progress.NONE);
      if (r.status() != AlignmentCoefficient.Status.OK) {
        continue; // fewer usable pairs than one batch
      }
      double v = r.coefficient();
      if (v < value) {
        value = v;
        worst = e.getKey();
      }
    }
    return Map.entry(worst, value);
  }

  // ---- per-sample routing scores -----------------------------------------------------------------

  private void perSample(ObjectNode row, List<Object> t, List<Object> pos, List<Object> neg, List<Object> poolExtra,
      List<Object> probeExtra) {
    List<Object> scored = new ArrayList<>(pos);
    scored.addAll(neg);
    List<Object> pool = new ArrayList<>(scored); // scored first: score[i] is scored.get(i)
    pool.addAll(poolExtra);
    ObjectNode auc = row.putObject("auc");
    ObjectNode medians = row.putObject("calibratedMedians");
    StringBuilder line = new StringBuilder("per-sample AUC (own vs other):");
    Map<String, double[]> plain = new java.util.LinkedHashMap<>();
    for (String name : methods) {
      double[] score;
      switch (name) {
        case "task2vec" -> {
          EncoderTextProbe probe = new EncoderTextProbe(MiniLm.shared(), probeOptions(), cacheDir);
          try (probe; EncoderTextProbe.Head head = probe.initialHead()) {
            float[][] et = probe.embed(t, head);
            float[][] ep = probe.embed(pool, head);
            score = contrast(et, ep, scored.size(), (a, b) -> 1 - Task2Vec.distance(a, b), Task2Vec::mean);
            plain.put(name, plain(et, ep, scored.size(), (a, b) -> 1 - Task2Vec.distance(a, b), Task2Vec::mean));
          }
        }
        case "embedding" -> {
          SentenceEncoder enc = new SentenceEncoder(MiniLm.shared(), TextInput.DEFAULT, 128);
          float[][] et = enc.embed(t);
          float[][] ep = enc.embed(pool);
          score = contrast(et, ep, scored.size(), SentenceEncoder::cosine, Task2Vec::mean);
          plain.put(name, plain(et, ep, scored.size(), SentenceEncoder::cosine, Task2Vec::mean));
        }
        case "dsir" -> {
          DsirCounts p = DsirMethod.counts(t);
          DsirCounts q = DsirMethod.counts(pool);
          score = scored.stream().mapToDouble(x -> DsirCounts.alignment(p, q, HashedNgrams.of(ScoringText.of(x)), true)).toArray();
        }
        case "gzip" -> {
          GzipReference ref = new GzipReference(32, 1);
          t.forEach(x -> ref.add(ScoringText.of(x)));
          score = scored.stream().mapToDouble(x -> ref.alignment(ScoringText.of(x))).toArray();
        }
        default -> throw new IllegalArgumentException(name);
      }
      double a = auc(score, pos.size());
      auc.put(name, a);
      line.append(String.format(Locale.ROOT, " %s %.3f", name, a));
      if (name.equals("task2vec") || name.equals("embedding")) {
        double[] own = Arrays.copyOfRange(score, 0, pos.size());
        double[] other = Arrays.copyOfRange(score, pos.size(), score.length);
        medians.putObject(name).put("own", median(own)).put("other", median(other));
      }
    }
    plain.forEach((name, score) -> {
      double a = auc(score, pos.size());
      auc.put(name + "Plain", a);
      line.append(String.format(Locale.ROOT, " | %s sim(x,T) alone %.3f", name, a));
    });
    if (!noBefore) {
      double[] old = beforeTask2Vec(t, scored, probeExtra);
      double[] oldDsir = beforeDsir(t, scored, pool);
      auc.put("task2vecBefore", auc(old, pos.size()));
      auc.put("dsirBefore", auc(oldDsir, pos.size()));
      line.append(String.format(Locale.ROOT, " | before: task2vec %.3f dsir %.3f", auc(old, pos.size()), auc(oldDsir, pos.size())));
    }
    System.out.println(line);
    if (medians.size() > 0) {
      StringBuilder m = new StringBuilder("calibrated per-sample scores, median own / other:");
      medians.fields().forEachRemaining(e -> m.append(String.format(Locale.ROOT, " %s %.2f / %.2f", e.getKey(),
          e.getValue().get("own").asDouble(), e.getValue().get("other").asDouble())));
      System.out.println(m);
    }
  }

  /**
   * The scorer's routing score: {@code (sim(x, T) − sim(x, P)) / c_T}, with T the targets' mean, P the
   * pool's mean, and c_T the targets' own mean contrast (so a typical target sample scores 1); for the
   * first {@code scored} rows of the pool.
   */
  private static double[] contrast(float[][] targets, float[][] pool, int scored,
      java.util.function.ToDoubleBiFunction<float[], float[]> sim, java.util.function.Function<List<float[]>, float[]> mean) {
    float[] ft = mean.apply(Arrays.asList(targets));
    float[] fp = mean.apply(Arrays.asList(pool));
    double c = 0;
    for (float[] e : targets) {
      c += sim.applyAsDouble(e, ft) - sim.applyAsDouble(e, fp);
    }
    c /= targets.length;
    double[] out = new double[scored];
    for (int i = 0; i < scored; i++) {
      out[i] = (sim.applyAsDouble(pool[i], ft) - sim.applyAsDouble(pool[i], fp)) / c;
    }
    return out;
  }

  /** {@code sim(x, T)} alone (no pool contrast) for the first {@code scored} rows of the pool. */
  private static double[] plain(float[][] targets, float[][] pool, int scored,
      java.util.function.ToDoubleBiFunction<float[], float[]> sim, java.util.function.Function<List<float[]>, float[]> mean) {
    float[] ft = mean.apply(Arrays.asList(targets));
    double[] out = new double[scored];
    for (int i = 0; i < scored; i++) {
      out[i] = sim.applyAsDouble(pool[i], ft);
    }
    return out;
  }

  /** The previous text probe (hashed-word LM trained on the targets plus a pool sample), 1 − d(e_x, f(T)). */
  private static double[] beforeTask2Vec(List<Object> t, List<Object> scored, List<Object> extra) {
    List<Object> training = new ArrayList<>(t);
    training.addAll(extra);
    try (Probe probe = new ProbeTrainer().train(ProbeKind.TEXT, training, ProbeConfig.defaults())) {
      List<float[]> batches = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        batches.add(probe.embedBatch(t.subList(b * t.size() / 4, (b + 1) * t.size() / 4)));
      }
      float[] f = Task2Vec.mean(batches);
      float[][] rows = probe.embed(scored);
      return Arrays.stream(rows).mapToDouble(r -> Task2Vec.alignment(r, f)).toArray();
    }
  }

  /** The previous DSIR: letter/digit word tokens, add-one smoothing of both sides, pool counting x. */
  private static double[] beforeDsir(List<Object> t, List<Object> scored, List<Object> pool) {
    long[] p = new long[HashedNgrams.BUCKETS];
    long[] q = new long[HashedNgrams.BUCKETS];
    long np = 0;
    long nq = 0;
    for (Object x : t) {
      for (int b : oldNgrams(ScoringText.of(x))) {
        p[b]++;
        np++;
      }
    }
    for (Object x : pool) {
      for (int b : oldNgrams(ScoringText.of(x))) {
        q[b]++;
        nq++;
      }
    }
    double[] out = new double[scored.size()];
    for (int i = 0; i < out.length; i++) {
      int[] grams = oldNgrams(ScoringText.of(scored.get(i)));
      double w = 0;
      for (int b : grams) {
        w += Math.log((p[b] + 1.0) / (np + HashedNgrams.BUCKETS)) - Math.log((q[b] + 1.0) / (nq + HashedNgrams.BUCKETS));
      }
      out[i] = grams.length == 0 ? 0 : w / grams.length;
    }
    return out;
  }

  private static int[] oldNgrams(String text) {
    List<Integer> out = new ArrayList<>();
    String previous = null;
    for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (token.isEmpty()) {
        continue;
      }
      out.add(fnv(token));
      if (previous != null) {
        out.add(fnv(previous + ' ' + token));
      }
      previous = token;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int fnv(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return Math.floorMod(h, HashedNgrams.BUCKETS);
  }

  // ---- methods and data --------------------------------------------------------------------------

  private EncoderTextProbe.Options probeOptions() {
    EncoderTextProbe.Options d = EncoderTextProbe.Options.defaults().withDraws(draws);
    if (headSteps != null) {
      d = new EncoderTextProbe.Options(d.input(), d.maskRate(), headSteps, d.headLearningRate(), d.chunk(), d.seed(),
          d.clusters(), d.sharedForwardTokens(), d.draws());
    }
    return maskRate == null ? d : d.withMaskRate(maskRate);
  }

  private record Method(CoefficientMethod method, AutoCloseable resource) implements AutoCloseable {
    @Override
    public void close() {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception ignored) {
          // a probe's constant arrays
        }
      }
    }
  }

  private Method method(String name, List<Object> pool) {
    return switch (name) {
      case "task2vec" -> {
        EncoderTextProbe probe = new EncoderTextProbe(MiniLm.shared(), probeOptions().withSharedForwardTokens(8192), cacheDir);
        yield new Method(new Task2VecTextMethod(probe), probe);
      }
      case "embedding" -> new Method(new EmbeddingMethod(new SentenceEncoder(MiniLm.shared(), TextInput.DEFAULT, 128)), null);
      case "dsir" -> new Method(new DsirMethod(DsirMethod.counts(pool), true), null);
      case "gzip" -> new Method(new GzipMethod(32), null);
      default -> throw new IllegalArgumentException("unknown method " + name + " (task2vec, embedding, dsir, gzip)");
    };
  }

  /** A language's catalogs by domain group: text pairs every method can use. */
  private Map<String, List<Object>> catalogs(String lang) throws IOException {
    if (catalogs.containsKey(lang)) {
      return catalogs.get(lang);
    }
    Map<String, List<Object>> byDomain = new TreeMap<>();
    GettextFormat format = new GettextFormat();
    ImportOptions options = new ImportOptions("mt.en-" + lang, Role.POOL, null, Map.of(), List.of(), null, lang, null,
        null, null, null);
    TextInput input = TextInput.DEFAULT;
    try (Stream<Path> files = Files.list(Path.of("/usr/share/locale", lang, "LC_MESSAGES"))) {
      for (Path f : files.filter(format::accepts).sorted().toList()) {
        try (Stream<Parsed<Sample>> items = format.read(f, options)) {
          items.filter(Parsed::isOk).map(Parsed::value).forEach(s -> {
            Object p = s.getPayload();
            String text = ScoringText.of(p);
            if (input.rejection(MiniLm.shared().tokenizer(), p) == null && HashedNgrams.of(text).total() > 0
                && !text.isBlank()) {
              byDomain.computeIfAbsent(s.getDomain(), k -> new ArrayList<>()).add(p);
            }
          });
        }
      }
    }
    catalogs.put(lang, byDomain);
    return byDomain;
  }

  // ---- statistics and summary --------------------------------------------------------------------

  static double auc(double[] score, int positives) {
    double wins = 0;
    for (int i = 0; i < positives; i++) {
      for (int j = positives; j < score.length; j++) {
        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
      }
    }
    return wins / (positives * (double) (score.length - positives));
  }

  static double spearman(double[] x, double[] y) {
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    double mx = Arrays.stream(rx).average().orElse(0);
    double my = Arrays.stream(ry).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Average ranks (ties share their mean rank). */
  static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length;) {
      int j = i;
      while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[idx[k]] = (i + j) / 2.0;
      }
      i = j + 1;
    }
    return r;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private void summary(List<ObjectNode> rows) {
    if (rows.isEmpty()) {
      return;
    }
    if (!noMixtures) {
      System.out.printf("%n== summary: Spearman rho of target share vs coefficient (K=%d batch pairs of %d)%n", batches, batchSize);
      System.out.printf("%-22s", "target");
      methods.forEach(m -> System.out.printf(" %10s", m));
      System.out.println();
      for (ObjectNode r : rows) {
        System.out.printf("%-22s", r.get("lang").asText() + ":" + r.get("target").asText());
        methods.forEach(m -> System.out.printf(Locale.ROOT, " %10.2f", r.get(m).get("spearman").asDouble()));
        System.out.println();
      }
    }
    System.out.printf("%n== summary: per-sample AUC, held-out own pairs vs other domains%n%-22s", "target");
    List<String> cols = new ArrayList<>(methods);
    if (!noBefore) {
      cols.add("task2vecBefore");
      cols.add("dsirBefore");
    }
    cols.forEach(m -> System.out.printf(" %14s", m));
    System.out.println();
    for (ObjectNode r : rows) {
      System.out.printf("%-22s", r.get("lang").asText() + ":" + r.get("target").asText());
      cols.forEach(m -> System.out.printf(Locale.ROOT, " %14.3f", r.get("auc").get(m).asDouble()));
      System.out.println();
    }
    Map<String, Double> sums = new LinkedHashMap<>();
    cols.forEach(m -> sums.put(m, rows.stream().mapToDouble(r -> r.get("auc").get(m).asDouble()).average().orElse(0)));
    System.out.printf("%-22s", "mean");
    cols.forEach(m -> System.out.printf(Locale.ROOT, " %14.3f", sums.get(m)));
    System.out.println();
  }
}
