package io.alignstream.ingest.files;

import io.alignstream.ingest.gettext.CatalogEntry;
import io.alignstream.ingest.gettext.CatalogLanguage;
import io.alignstream.ingest.gettext.DomainGrouping;
import io.alignstream.ingest.gettext.GettextPairs;
import io.alignstream.ingest.gettext.MoReader;
import io.alignstream.ingest.gettext.PoReader;
import io.alignstream.ingest.sample.Parsed;
import io.alignstream.ingest.sample.Samples;
import io.alignstream.schemas.sample.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * gettext catalogs, {@code .po} text or compiled {@code .mo} (read directly): every translated entry
 * becomes a TextPair English msgid → translation; domain = the catalog's group
 * ({@link DomainGrouping}, e.g. psql-15 → postgres); the target language from the path
 * {@code <lang>/LC_MESSAGES/} or {@code --lang}. Header, fuzzy and untranslated entries are skipped
 * and counted; malformed entries are rejected with their line or index.
 */
public final class GettextFormat implements SampleFormat {
  private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "gettext";
  }

  @Override
  public boolean accepts(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".mo") || n.endsWith(".po");
  }

  @Override
  public Stream<Parsed<Sample>> read(Path file, ImportOptions o) {
    String name = file.getFileName().toString();
    // A file given by name may lack the extension (directory walks only pick .po and .mo).
    String catalog = name.lastIndexOf('.') > 0 ? name.substring(0, name.lastIndexOf('.')) : name;
    List<Parsed<CatalogEntry>> entries = name.endsWith(".mo") ? new MoReader().read(file) : new PoReader().read(file);
    String lang = o.tgtLang() != null ? o.tgtLang() : CatalogLanguage.fromPath(file).orElse(null);
    List<Parsed<Sample>> out = new ArrayList<>();
    if (lang == null) {
      return Stream.of(Parsed.bad("cannot tell the catalog's language from its path; give --lang", file.toString(), null));
    }
    DomainGrouping grouping = o.domainRules() == null ? DomainGrouping.defaults() : DomainGrouping.parse(o.domainRules());
    String domain = o.domain() != null ? o.domain() : grouping.groupOf(catalog);
    List<CatalogEntry> good = new ArrayList<>();
    for (Parsed<CatalogEntry> e : entries) {
      if (e.isOk()) {
        good.add(e.value());
      } else {
        out.add(Parsed.bad(e.error(), e.sourceRef(), e.raw()));
      }
    }
    GettextPairs.Result result = GettextPairs.toPairs(good, lang);
    count("gettext header entry", result.counts().header());
    count("gettext fuzzy entry", result.counts().fuzzy());
    count("gettext untranslated entry", result.counts().untranslated());
    Instant time = modified(file);
    String source = ImportOptions.sourceOf(file);
    int i = 0;
    for (GettextPairs.Pair p : result.pairs()) {
      Map<String, String> metadata = new LinkedHashMap<>(p.metadata());
      metadata.put("catalog", catalog);
      out.add(Parsed.ok(Samples.of(o.task(), o.role(), source, domain, p.pair(), time, metadata), file + "#" + i++));
    }
    return out.stream();
  }

  @Override
  public Map<String, Long> skipped() {
    Map<String, Long> counts = new LinkedHashMap<>();
    skipped.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  private void count(String kind, int n) {
    if (n > 0) {
      skipped.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (java.io.IOException e) {
      return Instant.now();
    }
  }
}
