package io.alignstream.schemas.registry;

/**
 * A Schema Registry call failed. {@link #status()} and {@link #errorCode()} carry the registry's answer
 * (Confluent error codes such as 40401 subject not found, 40403 schema not found, 409 incompatible,
 * 42201 invalid schema); both are -1 when the registry could not be reached at all.
 */
public class RegistryException extends RuntimeException {
  private final int status;
  private final int errorCode;

  public RegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.errorCode = -1;
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }

  /** True when the registry answered that the subject, version or schema does not exist. */
  public boolean isNotFound() {
    return status == 404;
  }

  /** True when the registry could not be reached (after all retries). */
  public boolean isUnreachable() {
    return status == -1;
  }
}
