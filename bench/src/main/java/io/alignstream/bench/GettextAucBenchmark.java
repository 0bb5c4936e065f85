package io.alignstream.bench;

import io.alignstream.ingest.files.GettextFormat;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.scorer.dsir.DsirCounts;
import io.alignstream.scorer.dsir.HashedNgrams;
import io.alignstream.scorer.gzip.GzipReference;
import io.alignstream.scorer.task2vec.Probe;
import io.alignstream.scorer.task2vec.ProbeConfig;
import io.alignstream.scorer.task2vec.ProbeKind;
import io.alignstream.scorer.task2vec.ProbeTrainer;
import io.alignstream.scorer.task2vec.Task2Vec;
import io.alignstream.scorer.text.ScoringText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Do the alignment methods recognise a target's own domain in real data? The machine's gettext
 * catalogs of one language are grouped into domains; a target domain's pairs are split into a
 * target set and held-out positives; pairs of every other domain are negatives. Each method scores
 * every held-out pair against the target exactly as the scorer does, and the ROC AUC of "own domain
 * vs other domains" is reported per method (0.5 = no better than chance).
 */
@Command(name = "gettext-auc", mixinStandardHelpOptions = true,
    description = "AUC per alignment method of own-domain vs other-domain gettext pairs.")
public final class GettextAucBenchmark implements Callable<Integer> {
  @Option(names = "--lang", defaultValue = "fr")
  String lang;

  @Option(names = "--target", defaultValue = "postgres", description = "Target domain group.")
  String target;

  @Option(names = "--targets", defaultValue = "400", description = "Target pairs (the rest of the domain is held out).")
  int targets;

  @Option(names = "--per-class", defaultValue = "600", description = "Held-out positives and negatives scored, each.")
  int perClass;

  @Option(names = "--pool-share", defaultValue = "400", description = "Pool pairs added to the probe's training data.")
  int poolShare;

  @Option(names = "--epochs", defaultValue = "0", description = "Probe training epochs (0: the config default).")
  int epochs;

  @Option(names = "--seed", defaultValue = "42", description = "Probe seed.")
  long seed;

  @Option(names = "--diagnose", description = "Print per-block AUCs and Fisher magnitudes of own vs other domain.")
  boolean diagnose;

  @Override
  public Integer call() throws Exception {
    Map<String, List<Sample>> byDomain = new HashMap<>();
    GettextFormat format = new GettextFormat();
    ImportOptions options = new ImportOptions("mt.en-" + lang, Role.POOL, null, Map.of(), List.of(), null, lang, null,
        null, null, null);
    try (Stream<Path> files = Files.list(Path.of("/usr/share/locale", lang, "LC_MESSAGES"))) {
      for (Path f : files.filter(format::accepts).sorted().toList()) {
        format.read(f, options).filter(Parsed::isOk).map(Parsed::value)
            .forEach(s -> byDomain.computeIfAbsent(s.getDomain(), k -> new ArrayList<>()).add(s));
      }
    }
    List<Sample> own = new ArrayList<>(byDomain.getOrDefault(target, List.of()));
    if (own.size() < targets + 50) {
      System.out.printf("Domain %s has only %d pairs in %s; pick another --target%n", target, own.size(), lang);
      return 1;
    }
    Random random = new Random(7);
    Collections.shuffle(own, random);
    List<Sample> targetSet = own.subList(0, targets);
    List<Sample> positives = own.subList(targets, Math.min(own.size(), targets + perClass));
    List<Sample> others = new ArrayList<>();
    byDomain.forEach((d, list) -> {
      if (!d.equals(target)) {
        others.addAll(list);
      }
    });
    Collections.shuffle(others, random);
    List<Sample> negatives = others.subList(0, Math.min(others.size(), perClass));
    List<Sample> pool = new ArrayList<>(positives);
    pool.addAll(negatives);

    DsirCounts p = new DsirCounts();
    DsirCounts q = new DsirCounts();
    GzipReference gzip = new GzipReference(32, 1);
    for (Sample s : targetSet) {
      p.add(HashedNgrams.of(text(s)), DsirCounts.BucketListener.NONE);
      gzip.add(text(s));
    }
    pool.forEach(s -> q.add(HashedNgrams.of(text(s)), DsirCounts.BucketListener.NONE));
    double[] dsir = new double[pool.size()];
    double[] gz = new double[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      HashedNgrams.Counts c = HashedNgrams.of(text(pool.get(i)));
      dsir[i] = DsirCounts.alignment(p, q, c);
      gz[i] = gzip.alignment(text(pool.get(i)));
    }
    double[] t2v = new double[pool.size()];
    // DESIGN §4: the probe is trained on reference data = the targets plus a pool sample (here other
    // domains' pairs that are not among the scored negatives), so it is not specialised to the target.
    List<Object> training = new ArrayList<>(payloads(targetSet));
    training.addAll(payloads(others.subList(negatives.size(), Math.min(others.size(), negatives.size() + poolShare))));
    ProbeConfig config = ProbeConfig.defaults().withSeed(seed);
    if (epochs > 0) {
      config = config.withEpochs(epochs);
    }
    float[][] all = new float[pool.size()][];
    float[] fT;
    List<float[]> targetRows = new ArrayList<>();
    String probeInfo;
    try (Probe probe = new ProbeTrainer().train(ProbeKind.TEXT, training, config)) {
      probeInfo = probe.metadata().architecture() + "; fisher " + probe.metadata().fisher() + "; dim "
          + probe.embeddingDimension() + "; epochs " + config.epochs();
      List<float[]> batches = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        batches.add(probe.embedBatch(payloads(targetSet.subList(b * targets / 4, (b + 1) * targets / 4))));
      }
      float[] f = Task2Vec.mean(batches);
      fT = f;
      if (diagnose) {
        targetRows.addAll(List.of(probe.embed(payloads(targetSet))));
      }
      for (int from = 0; from < pool.size(); from += 64) {
        List<Sample> batch = pool.subList(from, Math.min(pool.size(), from + 64));
        float[][] rows = probe.embed(payloads(batch));
        for (int j = 0; j < rows.length; j++) {
          t2v[from + j] = Task2Vec.alignment(rows[j], f);
          all[from + j] = rows[j];
        }
      }
    }
    System.out.printf("%ngettext %s, target domain %s: %d target pairs, %d held-out own-domain, %d other-domain (%d domains)%n",
        lang, target, targetSet.size(), positives.size(), negatives.size(), byDomain.size() - 1);
    System.out.println(probeInfo);
    if (diagnose) {
      diagnose(all, fT, targetRows, positives.size(), pool);
    }
    System.out.printf("%-10s %6s%n", "method", "AUC");
    System.out.printf("%-10s %6.3f%n", "task2vec", auc(t2v, positives.size()));
    System.out.printf("%-10s %6.3f%n", "dsir", auc(dsir, positives.size()));
    System.out.printf("%-10s %6.3f%n", "gzip", auc(gz, positives.size()));
    if (diagnose) {
      System.out.printf("length-stratified AUC: task2vec %.3f dsir %.3f gzip %.3f%n", stratifiedAuc(t2v, positives.size(), pool),
          stratifiedAuc(dsir, positives.size(), pool), stratifiedAuc(gz, positives.size(), pool));
    }
    return 0;
  }

  /** Per-block AUCs and magnitudes: which part of the vector drives the ranking. */
  private static void diagnose(float[][] rows, float[] f, List<float[]> targetRows, int positives, List<Sample> pool) {
    int dim = f.length;
    int hidden = 32;
    int vocab = dim - 2 * hidden;
    int[][] ranges = {{0, dim}, {0, vocab}, {vocab, dim}, {vocab, vocab + hidden}, {vocab + hidden, dim}};
    String[] names = {"all", "embedding", "hidden w+b", "hidden w", "hidden b"};
    int fNonZero = 0;
    for (int i = 0; i < vocab; i++) {
      fNonZero += f[i] > 0 ? 1 : 0;
    }
    System.out.printf("f(T): %d of %d embedding rows non-zero%n", fNonZero, vocab);
    for (int r = 0; r < ranges.length; r++) {
      double[] score = new double[rows.length];
      double[] mag = new double[rows.length];
      double[] nz = new double[rows.length];
      float[] fb = java.util.Arrays.copyOfRange(f, ranges[r][0], ranges[r][1]);
      for (int i = 0; i < rows.length; i++) {
        float[] e = java.util.Arrays.copyOfRange(rows[i], ranges[r][0], ranges[r][1]);
        score[i] = Task2Vec.alignment(e, fb);
        for (float v : e) {
          mag[i] += v;
          nz[i] += v > 0 ? 1 : 0;
        }
      }
      double fm = 0;
      for (float v : fb) {
        fm += v;
      }
      System.out.printf("block %-11s AUC %.3f strat %.3f | sum e_x own %.3g other %.3g f(T) %.3g | nonzero own %.1f other %.1f"
          + " | AUC(-sum e_x) %.3f%n", names[r], auc(score, positives), stratifiedAuc(score, positives, pool), mean(mag, 0, positives),
          mean(mag, positives, rows.length), fm, mean(nz, 0, positives), mean(nz, positives, rows.length),
          auc(neg(mag), positives));
    }
    double[] len = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      len[i] = text(pool.get(i)).length();
    }
    System.out.printf("text length own %.1f other %.1f, AUC(-length) %.3f%n", mean(len, 0, positives),
        mean(len, positives, rows.length), auc(neg(len), positives));
    if (!targetRows.isEmpty()) {
      // f(T) as the mean of the per-sample alignments to each target sample (no averaged vector).
      double[] pair = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        double s = 0;
        for (float[] t : targetRows) {
          s += Task2Vec.alignment(rows[i], t);
        }
        pair[i] = s / targetRows.size();
      }
      System.out.printf("mean per-sample-pair alignment AUC %.3f%n", auc(pair, positives));
    }
  }

  /** AUC within 5 equal-count bins of text length, averaged weighted by positive·negative pairs. */
  static double stratifiedAuc(double[] score, int positives, List<Sample> pool) {
    int n = score.length;
    double[] len = new double[n];
    for (int i = 0; i < n; i++) {
      len[i] = text(pool.get(i)).length();
    }
    double[] sorted = len.clone();
    java.util.Arrays.sort(sorted);
    double wins = 0;
    double pairs = 0;
    for (int b = 0; b < 5; b++) {
      double lo = b == 0 ? Double.NEGATIVE_INFINITY : sorted[b * n / 5];
      double hi = b == 4 ? Double.POSITIVE_INFINITY : sorted[(b + 1) * n / 5];
      for (int i = 0; i < positives; i++) {
        if (len[i] < lo || len[i] >= hi) {
          continue;
        }
        for (int j = positives; j < n; j++) {
          if (len[j] < lo || len[j] >= hi) {
            continue;
          }
          wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return wins / pairs;
  }

  private static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }

  private static double[] neg(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  private static String text(Sample s) {
    return ScoringText.of(s.getPayload());
  }

  private static List<Object> payloads(List<Sample> samples) {
    return samples.stream().map(s -> (Object) s.getPayload()).toList();
  }

  /** AUC with the first {@code positives} scores positive: P(score+ > score−), ties count half. */
  static double auc(double[] scores, int positives) {
    double wins = 0;
    for (int i = 0; i < positives; i++) {
      for (int j = positives; j < scores.length; j++) {
        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
      }
    }
    return wins / ((double) positives * (scores.length - positives));
  }
}
