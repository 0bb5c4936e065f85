package io.alignstream.infra.registry;

import java.util.List;

/**
 * A failure the registry reports to its client as {@code {"error_code":N,"message":"..."}} with an
 * HTTP status, using Confluent Schema Registry's codes and messages so that Confluent clients
 * (serdes, CLI tools) react to them as they would against the real server.
 */
public final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  /** An error with the HTTP status sent back and Confluent's {@code error_code}. */
  public RegistryError(int httpStatus, int errorCode, String message) {
    // Expected outcomes of client requests: a stack trace would be noise and cost.
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  static RegistryError schemaNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError subjectSoftDeleted(String subject) {
    return new RegistryError(404, 40404, "Subject '" + subject
        + "' was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError subjectNotSoftDeleted(String subject) {
    return new RegistryError(404, 40405, "Subject '" + subject
        + "' was not deleted first before being permanently deleted");
  }

  static RegistryError versionSoftDeleted(String subject, int version) {
    return new RegistryError(404, 40406, "Subject '" + subject + "' Version " + version
        + " was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError versionNotSoftDeleted(String subject, int version) {
    return new RegistryError(404, 40407, "Subject '" + subject + "' Version " + version
        + " was not deleted first before being permanently deleted");
  }

  static RegistryError subjectLevelNotConfigured(String subject) {
    return new RegistryError(404, 40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryError incompatible(String subject, List<String> details) {
    return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier"
        + " schema for subject \"" + subject + "\", details: [" + String.join(", ", details) + "]");
  }

  static RegistryError invalidSchema(String details) {
    return new RegistryError(422, 42201, "Invalid schema " + details);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid"
        + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError invalidCompatibilityLevel() {
    return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none,"
        + " backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
  }

  static RegistryError schemaTooLarge(int limit) {
    return new RegistryError(422, 42209, "Request body is larger than " + limit + " bytes");
  }

  static RegistryError unprocessable(String message) {
    return new RegistryError(422, 422, message);
  }

  static RegistryError notFound() {
    return new RegistryError(404, 404, "HTTP 404 Not Found");
  }

  static RegistryError methodNotAllowed() {
    return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
  }

  static RegistryError unsupportedMediaType() {
    return new RegistryError(415, 415, "HTTP 415 Unsupported Media Type");
  }

  /** A refusal of the access policy: 401 → 40101, 403 → 40301, 429 → 42901, others as their status. */
  static RegistryError accessDenied(int status, String message) {
    int code = switch (status) {
      case 401 -> 40101;
      case 403 -> 40301;
      case 429 -> 42901;
      default -> status;
    };
    return new RegistryError(status, code, message);
  }

  static RegistryError storeError(String message) {
    return new RegistryError(500, 50001, message);
  }

  static RegistryError storeTimeout(String message) {
    return new RegistryError(500, 50002, message);
  }
}
