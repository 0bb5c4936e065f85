package io.alignstream.infra.registry;

/** A version path segment: a positive number, or {@code latest} (Confluent also takes -1). */
record VersionSpec(int number) {
  private static final int LATEST = -1;

  static VersionSpec parse(String text) {
    if ("latest".equalsIgnoreCase(text)) {
      return new VersionSpec(LATEST);
    }
    int number;
    try {
      number = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(text);
    }
    if (number < 1 && number != LATEST) {
      throw RegistryError.invalidVersion(text);
    }
    return new VersionSpec(number);
  }

  boolean latest() {
    return number == LATEST;
  }
}
