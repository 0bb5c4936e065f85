package io.alignstream.infra.registry;

import java.util.Locale;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema, as reader, reads data written with
 * the previous one; FORWARD: the previous schema, as reader, reads data written with the new one;
 * FULL: both. Plain levels check against the latest live version, {@code _TRANSITIVE} ones against
 * every live (not soft-deleted) version.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The global level of a registry nobody has configured, as in Confluent. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  public boolean backward() {
    return backward;
  }

  public boolean forward() {
    return forward;
  }

  public boolean transitive() {
    return transitive;
  }

  /**
   * Parses a level name, case-insensitively as Confluent does.
   *
   * @throws RegistryError 422/42203 for a missing or unknown name
   */
  public static CompatibilityLevel parse(String name) {
    if (name == null) {
      throw RegistryError.invalidCompatibilityLevel();
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryError.invalidCompatibilityLevel();
    }
  }
}
