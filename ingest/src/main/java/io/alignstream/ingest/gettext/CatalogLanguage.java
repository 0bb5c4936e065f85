package io.alignstream.ingest.gettext;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of an installed catalog, from its path {@code .../<locale>/LC_MESSAGES/<domain>.mo}, as a
 * BCP-47 tag (what {@code TextPair.tgtLang} holds). POSIX locale names map as {@code pt_BR → pt-BR},
 * {@code sr@latin → sr-Latn}, {@code sr@cyrillic → sr-Cyrl}; other modifiers become a private-use
 * subtag ({@code ca@valencia → ca-x-valencia}, {@code en@quot → en-x-quot}) so distinct catalogs keep
 * distinct tags; a {@code .codeset} part is dropped.
 */
public final class CatalogLanguage {
  private CatalogLanguage() {}

  /** The language of a catalog installed under {@code <locale>/LC_MESSAGES/}, empty for any other path. */
  public static Optional<String> fromPath(Path catalog) {
    Path dir = catalog.toAbsolutePath().getParent();
    if (dir == null || dir.getParent() == null || !dir.getFileName().toString().equals("LC_MESSAGES")) {
      return Optional.empty();
    }
    String locale = dir.getParent().getFileName().toString();
    return locale.isEmpty() ? Optional.empty() : Optional.of(toBcp47(locale));
  }

  /** Converts a POSIX locale name ({@code language[_TERRITORY][.codeset][@modifier]}) to a BCP-47 tag. */
  public static String toBcp47(String posix) {
    String rest = posix;
    String modifier = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      modifier = rest.substring(at + 1).toLowerCase(Locale.ROOT);
      rest = rest.substring(0, at);
    }
    int dot = rest.indexOf('.');
    if (dot >= 0) {
      rest = rest.substring(0, dot);
    }
    String[] parts = rest.split("_", 2);
    StringBuilder tag = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
    if ("latin".equals(modifier)) {
      tag.append("-Latn");
    } else if ("cyrillic".equals(modifier)) {
      tag.append("-Cyrl");
    }
    if (parts.length > 1 && !parts[1].isEmpty()) {
      tag.append('-').append(parts[1].toUpperCase(Locale.ROOT));
    }
    if (modifier != null && !modifier.equals("latin") && !modifier.equals("cyrillic") && !modifier.isEmpty()) {
      tag.append("-x-").append(modifier);
    }
    return tag.toString();
  }
}
