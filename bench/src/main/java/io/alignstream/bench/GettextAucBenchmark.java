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
      dsir[i] = c.total() == 0 ? 0 : DsirCounts.logWeight(p, q, c) / c.total();
      gz[i] = gzip.alignment(text(pool.get(i)));
    }
    double[] t2v = new double[pool.size()];
    // DESIGN §4: the probe is trained on reference data = the targets plus a pool sample (here other
    // domains' pairs that are not among the scored negatives), so it is not specialised to the target.
    List<Object> training = new ArrayList<>(payloads(targetSet));
    training.addAll(payloads(others.subList(negatives.size(), Math.min(others.size(), negatives.size() + poolShare))));
    try (Probe probe = new ProbeTrainer().train(ProbeKind.TEXT, training, ProbeConfig.defaults())) {
      List<float[]> batches = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        batches.add(probe.embedBatch(payloads(targetSet.subList(b * targets / 4, (b + 1) * targets / 4))));
      }
      float[] f = Task2Vec.mean(batches);
      for (int from = 0; from < pool.size(); from += 64) {
        List<Sample> batch = pool.subList(from, Math.min(pool.size(), from + 64));
        float[][] rows = probe.embed(payloads(batch));
        for (int j = 0; j < rows.length; j++) {
          t2v[from + j] = Task2Vec.alignment(rows[j], f);
        }
      }
    }
    System.out.printf("%ngettext %s, target domain %s: %d target pairs, %d held-out own-domain, %d other-domain (%d domains)%n",
        lang, target, targetSet.size(), positives.size(), negatives.size(), byDomain.size() - 1);
    System.out.printf("%-10s %6s%n", "method", "AUC");
    System.out.printf("%-10s %6.3f%n", "task2vec", auc(t2v, positives.size()));
    System.out.printf("%-10s %6.3f%n", "dsir", auc(dsir, positives.size()));
    System.out.printf("%-10s %6.3f%n", "gzip", auc(gz, positives.size()));
    return 0;
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
