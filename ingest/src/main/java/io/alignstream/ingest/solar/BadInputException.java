package io.alignstream.ingest.solar;

/**
 * Internal signal that one record (or a whole payload) cannot be read; parsers catch it and turn
 * its message into a {@code Parsed.bad}, so it never leaves the package.
 */
final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  BadInputException(String reason) {
    // No stack trace: this is control flow for expected bad data, thrown once per bad record.
    super(reason, null, false, false);
  }
}
