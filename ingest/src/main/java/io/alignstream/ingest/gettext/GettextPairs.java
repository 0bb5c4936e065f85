package io.alignstream.ingest.gettext;

import io.alignstream.schemas.sample.TextPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns catalog entries into English-to-target translation pairs, counting what it leaves out.
 *
 * <p>Each entry is counted in exactly one of {@code header}, {@code fuzzy} (needs review, so not a
 * trustworthy translation, even when filled in), {@code untranslated} (some form empty) and {@code
 * translated}; {@code plural} counts the translated entries that are plural. Only translated entries
 * become pairs.
 *
 * <p>Text is copied verbatim: printf directives ({@code %s}, {@code %1$d}, {@code %-10.3f}, {@code %%}),
 * {@code {0}}, {@code %(name)s}, Qt {@code %1}, markup ({@code <b>}, {@code &amp;}), accelerator marks and
 * surrounding whitespace all stay, because the model must learn to carry them across, and a pair whose
 * placeholders were rewritten would no longer be a real translation.
 *
 * <p>A plural entry gives the pair msgid → msgstr[0] (the singular) and, when the language has a second
 * form, msgid_plural → msgstr[1]. Form 1 is the plural for English's "n != 1" in most languages; in
 * languages with more forms (Slavic, Arabic) it is one of several plural forms, still a correct
 * translation of the plural text for some n. Further forms are not emitted: they have no English
 * counterpart of their own.
 *
 * <p>Metadata of a pair: {@code msgctxt} (when the entry has a context; it disambiguates but is not part of
 * the text), {@code plural} ({@code "0"} or {@code "1"}, the msgstr index, for plural entries only) and
 * {@code flags} (comma-separated, sorted, when the entry has any, e.g. {@code c-format}).
 */
public final class GettextPairs {
  /** gettext msgids are written in English by convention. */
  public static final String SOURCE_LANG = "en";

  private GettextPairs() {}

  /** A translation pair and what the catalog said about it. */
  public record Pair(TextPair pair, Map<String, String> metadata) {
    public Pair {
      metadata = Map.copyOf(metadata);
    }
  }

  /** How many entries of each kind a catalog held; see {@link GettextPairs} for the categories. */
  public record Counts(int translated, int fuzzy, int untranslated, int header, int plural) {
    public int total() {
      return translated + fuzzy + untranslated + header;
    }
  }

  public record Result(List<Pair> pairs, Counts counts) {
    public Result {
      pairs = List.copyOf(pairs);
    }
  }

  /** @param tgtLang the catalog's language, e.g. from {@link CatalogLanguage#fromPath} */
  public static Result toPairs(List<CatalogEntry> entries, String tgtLang) {
    List<Pair> pairs = new ArrayList<>();
    int translated = 0;
    int fuzzy = 0;
    int untranslated = 0;
    int header = 0;
    int plural = 0;
    for (CatalogEntry e : entries) {
      if (e.isHeader()) {
        header++;
      } else if (e.fuzzy()) {
        fuzzy++;
      } else if (!e.isTranslated()) {
        untranslated++;
      } else {
        translated++;
        if (e.isPlural()) {
          plural++;
          pairs.add(pair(e, e.msgid(), 0, tgtLang));
          if (e.msgstr().size() > 1) {
            pairs.add(pair(e, e.msgidPlural(), 1, tgtLang));
          }
        } else {
          pairs.add(pair(e, e.msgid(), 0, tgtLang));
        }
      }
    }
    return new Result(pairs, new Counts(translated, fuzzy, untranslated, header, plural));
  }

  private static Pair pair(CatalogEntry e, String src, int form, String tgtLang) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (e.msgctxt() != null) {
      metadata.put("msgctxt", e.msgctxt());
    }
    if (e.isPlural()) {
      metadata.put("plural", Integer.toString(form));
    }
    if (!e.flags().isEmpty()) {
      metadata.put("flags", String.join(",", new TreeSet<>(e.flags())));
    }
    return new Pair(new TextPair(src, e.msgstr().get(form), SOURCE_LANG, tgtLang), metadata);
  }
}
