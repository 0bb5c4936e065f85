package io.alignstream.infra.registry;

/**
 * The schema log could not be read or written. The registry answers 500 with error code 50002
 * when {@link #timedOut()} and 50001 otherwise, and refuses to start when replay fails.
 */
public class SchemaLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  /** A failure other than a timeout. */
  public SchemaLogException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private SchemaLogException(String message, Throwable cause, boolean timedOut) {
    super(message, cause);
    this.timedOut = timedOut;
  }

  /** The log did not answer within its bounded wait. */
  public static SchemaLogException timeout(String message, Throwable cause) {
    return new SchemaLogException(message, cause, true);
  }

  public boolean timedOut() {
    return timedOut;
  }
}
