package io.alignstream.ingest.gettext;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One gettext catalog entry, as read from a {@code .po} or {@code .mo} file, with escapes resolved
 * and text decoded by the catalog's charset.
 *
 * @param msgctxt the disambiguating context, null when the entry has none
 * @param msgid the untranslated (English) text; empty only for the header entry
 * @param msgidPlural the untranslated plural text, null for a non-plural entry
 * @param msgstr the translation: one element, or one per plural form ({@code msgstr[0]}, {@code msgstr[1]}, …)
 *     for a plural entry; an empty element means that form is untranslated
 * @param fuzzy whether translators marked the entry {@code #, fuzzy} (needs review; never in a .mo)
 * @param flags the other {@code #,} flags such as {@code c-format} or {@code no-c-format}; a .mo keeps no
 *     flags, except {@code c-format} on its system-dependent strings (see {@link MoReader})
 * @param line the line of the entry's first keyword in a .po file, 0 for a .mo file
 */
public record CatalogEntry(
    String msgctxt, String msgid, String msgidPlural, List<String> msgstr, boolean fuzzy, Set<String> flags,
    int line) {

  public CatalogEntry {
    Objects.requireNonNull(msgid, "msgid");
    msgstr = List.copyOf(msgstr);
    if (msgstr.isEmpty()) {
      throw new IllegalArgumentException("an entry has at least one msgstr");
    }
    flags = Set.copyOf(flags);
  }

  /** A non-plural, non-fuzzy entry without flags (handy in tests and generators). */
  public static CatalogEntry of(String msgctxt, String msgid, String msgstr) {
    return new CatalogEntry(msgctxt, msgid, null, List.of(msgstr), false, Set.of(), 0);
  }

  /** The header entry carries the catalog's metadata (charset, plural forms) in its msgstr, not a translation. */
  public boolean isHeader() {
    return msgid.isEmpty() && msgctxt == null;
  }

  public boolean isPlural() {
    return msgidPlural != null;
  }

  /** True when every form has a translation; a plural entry with one empty form is not translated. */
  public boolean isTranslated() {
    return msgstr.stream().noneMatch(String::isEmpty);
  }
}
