package io.alignstream.infra.registry;

/** Small Avro schemas for evolution tests, each a record named {@code User}. */
final class AvroFixtures {
  static final String NAME = "{\"name\":\"name\",\"type\":\"string\"}";
  static final String EMAIL = "{\"name\":\"email\",\"type\":\"string\"}";
  static final String AGE = "{\"name\":\"age\",\"type\":\"int\"}";
  static final String AGE_WITH_DEFAULT = "{\"name\":\"age\",\"type\":\"int\",\"default\":0}";

  /** {name}. */
  static final String USER_V1 = user(NAME);
  /** {name, age=0}: adds a field with a default. */
  static final String USER_WITH_DEFAULTED_AGE = user(NAME, AGE_WITH_DEFAULT);
  /** {name, age}: adds a field without a default. */
  static final String USER_WITH_REQUIRED_AGE = user(NAME, AGE);
  /** {name, email}. */
  static final String USER_WITH_EMAIL = user(NAME, EMAIL);

  private AvroFixtures() {}

  static String user(String... fields) {
    return record("User", fields);
  }

  static String record(String name, String... fields) {
    return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"io.alignstream.test\","
        + "\"fields\":[" + String.join(",", fields) + "]}";
  }
}
