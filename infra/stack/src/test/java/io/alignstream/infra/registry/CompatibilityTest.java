package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_DEFAULTED_AGE;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_EMAIL;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_REQUIRED_AGE;
import static io.alignstream.infra.registry.AvroFixtures.user;
import static io.alignstream.infra.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.registry.RegistryClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompatibilityTest {
  private static final String SUBJECT = "users-value";
  private static final String NAME_AS_INT = "{\"name\":\"name\",\"type\":\"int\"}";

  // A v1 -> v2 -> v3 history where v3 suits v2 but not v1: the transitive levels tell them apart.
  private static final String A_INT = user("{\"name\":\"a\",\"type\":\"int\",\"default\":0}");
  private static final String NO_A = user();
  private static final String A_STRING = user("{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"}");

  private RunningRegistry registry;
  private RegistryClient client;

  @BeforeEach
  void start() {
    registry = RunningRegistry.start();
    client = registry.client;
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Reply register(String schema) {
    return client.post("/subjects/" + SUBJECT + "/versions", schemaBody(schema));
  }

  private Reply check(String version, String schema) {
    return client.post("/compatibility/subjects/" + SUBJECT + "/versions/" + version,
        schemaBody(schema));
  }

  @Test
  void shouldAcceptAddedFieldWithDefaultUnderDefaultBackwardLevel() {
    client.register(SUBJECT, USER_V1);

    assertThat(register(USER_WITH_DEFAULTED_AGE).status()).isEqualTo(200);
  }

  @Test
  void shouldReturn409WhenSchemaIsIncompatible() {
    client.register(SUBJECT, USER_V1);

    Reply reply = register(USER_WITH_REQUIRED_AGE);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo(409);
    assertThat(reply.message())
        .startsWith("Schema being registered is incompatible with an earlier schema for subject"
            + " \"users-value\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
        .contains("{oldSchemaVersion: 1}", "compatibility: 'BACKWARD'");
    assertThat(client.get("/subjects/users-value/versions").text()).isEqualTo("[1]");
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} compatible={3}")
  @CsvSource(delimiter = '|', value = {
      // BACKWARD: the new schema reads old data.
      "BACKWARD|V1|DEFAULTED_AGE|true",
      "BACKWARD|V1|REQUIRED_AGE|false",
      "BACKWARD|WITH_EMAIL|V1|true",
      "BACKWARD|V1|NAME_AS_INT|false",
      // FORWARD: old schemas read new data.
      "FORWARD|V1|REQUIRED_AGE|true",
      "FORWARD|V1|DEFAULTED_AGE|true",
      "FORWARD|WITH_EMAIL|V1|false",
      "FORWARD|V1|NAME_AS_INT|false",
      // FULL: both ways.
      "FULL|V1|DEFAULTED_AGE|true",
      "FULL|V1|REQUIRED_AGE|false",
      "FULL|WITH_EMAIL|V1|false",
      "FULL|DEFAULTED_AGE|V1|true",
      // NONE: anything goes.
      "NONE|V1|REQUIRED_AGE|true",
      "NONE|V1|NAME_AS_INT|true",
  })
  void shouldApplyLevelToEvolution(String level, String from, String to, boolean compatible) {
    client.setLevel(SUBJECT, level);
    client.register(SUBJECT, fixture(from));

    Reply checked = check("latest", fixture(to));
    Reply registered = register(fixture(to));

    assertThat(checked.json().get("is_compatible").asBoolean()).isEqualTo(compatible);
    assertThat(registered.status()).isEqualTo(compatible ? 200 : 409);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BACKWARD", "FORWARD", "FULL"})
  void shouldCheckOnlyTheLatestVersionForNonTransitiveLevels(String level) {
    client.setLevel(SUBJECT, level);
    client.register(SUBJECT, A_INT);
    client.register(SUBJECT, NO_A);

    assertThat(register(A_STRING).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE", "FULL_TRANSITIVE"})
  void shouldCheckEveryVersionForTransitiveLevels(String level) {
    client.setLevel(SUBJECT, level);
    client.register(SUBJECT, A_INT);
    client.register(SUBJECT, NO_A);

    Reply reply = register(A_STRING);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.message()).contains("TYPE_MISMATCH", "{oldSchemaVersion: 1}",
        "compatibility: '" + level + "'");
  }

  @Test
  void shouldUseGlobalLevelWhenSubjectHasNone() {
    client.setLevel(null, "FORWARD");
    client.register(SUBJECT, USER_V1);

    assertThat(register(USER_WITH_REQUIRED_AGE).status()).isEqualTo(200);
  }

  @Test
  void shouldCheckAgainstAllVersionsTheLevelDemandsWhenNoVersionIsGiven() {
    client.setLevel(SUBJECT, "BACKWARD_TRANSITIVE");
    client.register(SUBJECT, A_INT);
    client.register(SUBJECT, NO_A);

    Reply all = client.post("/compatibility/subjects/" + SUBJECT + "/versions",
        schemaBody(A_STRING));
    Reply latestOnly = check("2", A_STRING);

    assertThat(all.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(latestOnly.json().get("is_compatible").asBoolean()).isTrue();
  }

  @Test
  void shouldCheckAgainstTheGivenVersion() {
    client.register(SUBJECT, A_INT);
    client.setLevel(SUBJECT, "NONE");
    client.register(SUBJECT, user(NAME_AS_INT));
    client.setLevel(SUBJECT, "BACKWARD");

    assertThat(check("1", A_STRING).json().get("is_compatible").asBoolean()).isFalse();
    assertThat(check("2", user(NAME_AS_INT, AvroFixtures.AGE_WITH_DEFAULT))
        .json().get("is_compatible").asBoolean()).isTrue();
  }

  @Test
  void shouldReportMessagesWhenVerbose() {
    client.register(SUBJECT, USER_V1);

    Reply incompatible = client.post("/compatibility/subjects/" + SUBJECT
        + "/versions/latest?verbose=true", schemaBody(USER_WITH_REQUIRED_AGE));
    Reply compatible = client.post("/compatibility/subjects/" + SUBJECT
        + "/versions/latest?verbose=true", schemaBody(USER_WITH_DEFAULTED_AGE));

    assertThat(incompatible.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(incompatible.json().get("messages").get(0).asText()).isEqualTo(
        "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'age' at path"
            + " '/fields/1' in the new schema has no default value and is missing in the old"
            + " schema', additionalInfo:'age'}");
    assertThat(compatible.text()).isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
  }

  @Test
  void shouldOmitMessagesWhenNotVerbose() {
    client.register(SUBJECT, USER_V1);

    assertThat(check("latest", USER_WITH_REQUIRED_AGE).text())
        .isEqualTo("{\"is_compatible\":false}");
  }

  @Test
  void shouldBeCompatibleWithASubjectThatHasNoVersions() {
    Reply reply = client.post("/compatibility/subjects/new-value/versions",
        schemaBody(USER_V1));

    assertThat(reply.json().get("is_compatible").asBoolean()).isTrue();
  }

  @Test
  void shouldReturn40401WhenCheckingAgainstUnknownSubject() {
    Reply reply = client.post("/compatibility/subjects/nobody/versions/latest",
        schemaBody(USER_V1));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldReturn40402WhenCheckingAgainstUnknownVersion() {
    client.register(SUBJECT, USER_V1);

    Reply reply = check("5", USER_V1);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40402);
  }

  @Test
  void shouldReturn42202WhenCheckingAgainstInvalidVersion() {
    client.register(SUBJECT, USER_V1);

    assertThat(check("0", USER_V1).errorCode()).isEqualTo(42202);
  }

  @Test
  void shouldReturn42201WhenCheckingInvalidSchema() {
    client.register(SUBJECT, USER_V1);

    Reply reply = check("latest", "{\"type\":\"record\"}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42201);
  }

  private static String fixture(String name) {
    return switch (name) {
      case "V1" -> USER_V1;
      case "DEFAULTED_AGE" -> USER_WITH_DEFAULTED_AGE;
      case "REQUIRED_AGE" -> USER_WITH_REQUIRED_AGE;
      case "WITH_EMAIL" -> USER_WITH_EMAIL;
      case "NAME_AS_INT" -> user(NAME_AS_INT);
      default -> throw new IllegalArgumentException(name);
    };
  }
}
