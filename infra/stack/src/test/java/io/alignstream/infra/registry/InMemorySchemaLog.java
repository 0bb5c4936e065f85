package io.alignstream.infra.registry;

/**
 * The in-memory log with fault injection and close counting for the registry's own tests.
 */
final class InMemorySchemaLog extends MemorySchemaLog {
  private RuntimeException appendFailure;
  private int closes;

  @Override
  public synchronized void append(String key, String value) {
    if (appendFailure != null) {
      throw appendFailure;
    }
    super.append(key, value);
  }

  @Override
  public synchronized void close() {
    closes++;
  }

  /** Every following append throws {@code failure}; null lets appends succeed again. */
  synchronized void failAppendsWith(RuntimeException failure) {
    appendFailure = failure;
  }

  synchronized int closes() {
    return closes;
  }
}
