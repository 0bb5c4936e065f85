package io.alignstream.schemas.topics;

/** Kafka's cleanup.policy values used by the catalogue. */
public enum CleanupPolicy {
  DELETE("delete"),
  COMPACT("compact");

  private final String config;

  CleanupPolicy(String config) {
    this.config = config;
  }

  public String config() {
    return config;
  }
}
