package io.alignstream.ingest.gettext;

/**
 * Bad data inside a catalog. Internal only: the readers turn it into a {@code Parsed.bad}, so their
 * callers never see it. No stack trace: it is a verdict on the input, not a bug.
 */
final class CatalogFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  CatalogFormatException(String message) {
    super(message, null, false, false);
  }
}
