package io.alignstream.experiment;

import io.alignstream.ingest.files.GettextFormat;
import io.alignstream.ingest.files.ImportOptions;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.SampleValidator;
import io.alignstream.schemas.sample.Role;
import io.alignstream.schemas.sample.Sample;
import io.alignstream.schemas.sample.TextPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Machine translation on the machine's own gettext catalogs ({@code <locales>/<lang>/LC_MESSAGES/*.mo}):
 * English msgid → translated msgstr, one domain per catalog group (ingest's default grouping, e.g. every
 * {@code psql-15}, {@code pg_dump-15} … catalog is {@code postgres}).
 *
 * <p>The target domain's pairs are shuffled (seeded): the first {@code targets} become the TARGET samples,
 * the rest join the pool as its aligned part. Every other domain joins the pool, each capped at
 * {@code domainShare} of the pool so that one huge catalog (ISO language names) does not swamp it; the
 * pool is shuffled so every part of the stream has the same mix, and cut at {@code maxPool}. Identical
 * pairs (the same msgid/msgstr in two catalogs) are kept once.
 */
final class GettextWorkload {
  private GettextWorkload() {}

  static Workload load(Path locales, String lang, String targetDomain, String task, int targets, int maxPool,
      double domainShare, long seed) {
    Path dir = locales.resolve(lang).resolve("LC_MESSAGES");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("No gettext catalogs for language '" + lang + "' in " + dir
          + " (Debian installs them with the packages' locales; try --lang with one of: " + languages(locales) + ")");
    }
    Map<String, List<Sample>> byDomain = new TreeMap<>();
    GettextFormat format = new GettextFormat();
    ImportOptions options = new ImportOptions(task, Role.POOL, null, Map.of(), List.of(), null, lang, null, null, null,
        null);
    Set<String> seen = new HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(format::accepts).sorted().toList()) {
        try (Stream<Parsed<Sample>> parsed = format.read(f, options)) {
          // Entries ingest would refuse (e.g. whitespace-only msgids) are left out here, not sent to be refused.
          parsed.filter(Parsed::isOk).map(Parsed::value).filter(s -> SampleValidator.validate(s).isEmpty()).forEach(s -> {
            TextPair p = (TextPair) s.getPayload();
            if (seen.add(p.getSrc() + "\u0000" + p.getTgt())) {
              byDomain.computeIfAbsent(s.getDomain(), k -> new ArrayList<>()).add(s);
            }
          });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the catalogs in " + dir, e);
    }
    List<Sample> own = new ArrayList<>(byDomain.getOrDefault(targetDomain, List.of()));
    if (own.size() < targets + 100) {
      Map<String, Integer> sizes = new TreeMap<>();
      byDomain.forEach((d, l) -> sizes.put(d, l.size()));
      throw new IllegalArgumentException("Target domain '" + targetDomain + "' has " + own.size() + " pairs in " + lang
          + "; it needs at least " + (targets + 100) + " (" + targets + " targets + 100 for the pool). Domains: " + sizes);
    }
    Random random = new Random(seed);
    Collections.shuffle(own, random);
    List<Sample> targetSamples = new ArrayList<>();
    for (Sample s : own.subList(0, targets)) {
      s.setRole(Role.TARGET);
      targetSamples.add(s);
    }
    int cap = Math.max(1, (int) Math.round(maxPool * domainShare));
    List<Sample> pool = new ArrayList<>();
    Map<String, Integer> composition = new TreeMap<>();
    for (Map.Entry<String, List<Sample>> e : byDomain.entrySet()) {
      List<Sample> part = e.getKey().equals(targetDomain) ? own.subList(targets, own.size()) : e.getValue();
      List<Sample> shuffled = new ArrayList<>(part);
      Collections.shuffle(shuffled, random);
      pool.addAll(shuffled.subList(0, Math.min(cap, shuffled.size())));
    }
    Collections.shuffle(pool, random);
    if (pool.size() > maxPool) {
      pool = new ArrayList<>(pool.subList(0, maxPool));
    }
    pool.forEach(s -> composition.merge(s.getDomain(), 1, Integer::sum));
    String description = "gettext " + lang + " (" + locales + "), target domain " + targetDomain + ": "
        + targetSamples.size() + " target pairs; pool of " + pool.size() + " pairs from " + composition.size()
        + " domains, " + composition.getOrDefault(targetDomain, 0) + " of them held-out " + targetDomain + " pairs";
    return new Workload("mt", task, description, targetSamples, pool, composition);
  }

  private static String languages(Path locales) {
    try (Stream<Path> dirs = Files.list(locales)) {
      return String.join(", ", dirs.filter(d -> Files.isDirectory(d.resolve("LC_MESSAGES")))
          .map(d -> d.getFileName().toString()).sorted().limit(40).toList());
    } catch (IOException e) {
      return "(none found in " + locales + ")";
    }
  }
}
