/**
 * Readers for gettext message catalogs, the real machine-translation data of AlignStream.
 *
 * <p>{@link io.alignstream.ingest.gettext.MoReader} reads compiled {@code .mo} files and {@link
 * io.alignstream.ingest.gettext.PoReader} reads {@code .po} text; both return one {@code
 * Parsed<CatalogEntry>} per entry and never throw for bad data. {@link
 * io.alignstream.ingest.gettext.GettextPairs} turns entries into English-to-target {@code TextPair}s
 * with counts of what it skipped, {@link io.alignstream.ingest.gettext.CatalogLanguage} reads the
 * target language from the catalog path, and {@link io.alignstream.ingest.gettext.DomainGrouping}
 * maps a catalog name (psql-15, iso_3166-1, …) to its domain group.
 */
package io.alignstream.ingest.gettext;
