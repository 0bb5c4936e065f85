package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_DEFAULTED_AGE;
import static io.alignstream.infra.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.registry.RegistryClient.Reply;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadApiTest {
  private static final String CANONICAL_V1 = new Schema.Parser().parse(USER_V1).toString();
  private static final String CANONICAL_V2 =
      new Schema.Parser().parse(USER_WITH_DEFAULTED_AGE).toString();

  private RunningRegistry registry;
  private RegistryClient client;
  private int idV1;
  private int idV2;

  @BeforeEach
  void start() {
    registry = RunningRegistry.start();
    client = registry.client;
    idV1 = client.register("users-value", USER_V1);
    idV2 = client.register("users-value", USER_WITH_DEFAULTED_AGE);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldAnswerRootWithEmptyObject() {
    Reply reply = client.get("/");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("{}");
  }

  @Test
  void shouldListAvroAsTheOnlySchemaType() {
    assertThat(client.get("/schemas/types").text()).isEqualTo("[\"AVRO\"]");
  }

  @Test
  void shouldListSubjectsSorted() {
    client.register("accounts-value", "\"int\"");

    assertThat(client.get("/subjects").text()).isEqualTo("[\"accounts-value\",\"users-value\"]");
  }

  @Test
  void shouldListVersionsOfSubject() {
    assertThat(client.get("/subjects/users-value/versions").text()).isEqualTo("[1,2]");
  }

  @Test
  void shouldReturn40401ForVersionsOfUnknownSubject() {
    Reply reply = client.get("/subjects/nobody/versions");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40401);
    assertThat(reply.message()).isEqualTo("Subject 'nobody' not found.");
  }

  @Test
  void shouldReturnSubjectVersionByNumber() {
    Reply reply = client.get("/subjects/users-value/versions/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("subject").asText()).isEqualTo("users-value");
    assertThat(reply.json().get("version").asInt()).isEqualTo(1);
    assertThat(reply.json().get("id").asInt()).isEqualTo(idV1);
    assertThat(reply.json().get("schema").asText()).isEqualTo(CANONICAL_V1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "-1"})
  void shouldReturnLatestVersion(String version) {
    Reply reply = client.get("/subjects/users-value/versions/" + version);

    assertThat(reply.json().get("version").asInt()).isEqualTo(2);
    assertThat(reply.json().get("id").asInt()).isEqualTo(idV2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "abc", "1.5"})
  void shouldReturn42202ForInvalidVersion(String version) {
    Reply reply = client.get("/subjects/users-value/versions/" + version);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42202);
  }

  @Test
  void shouldReturn40402ForUnknownVersion() {
    Reply reply = client.get("/subjects/users-value/versions/7");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40402);
    assertThat(reply.message()).isEqualTo("Version 7 not found.");
  }

  @Test
  void shouldReturn40401ForVersionOfUnknownSubject() {
    assertThat(client.get("/subjects/nobody/versions/1").errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldReturnRawSchemaOfVersion() {
    Reply reply = client.get("/subjects/users-value/versions/2/schema");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo(CANONICAL_V2);
  }

  @Test
  void shouldReturnSchemaById() {
    Reply reply = client.get("/schemas/ids/" + idV1);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo(Json.object().put("schema", CANONICAL_V1).toString());
  }

  @Test
  void shouldReturnRawSchemaById() {
    assertThat(client.get("/schemas/ids/" + idV2 + "/schema").text()).isEqualTo(CANONICAL_V2);
  }

  @Test
  void shouldReturn40403ForUnknownId() {
    Reply reply = client.get("/schemas/ids/999");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40403);
    assertThat(reply.message()).isEqualTo("Schema 999 not found");
    assertThat(client.get("/schemas/ids/999/versions").errorCode()).isEqualTo(40403);
    assertThat(client.get("/schemas/ids/999/schema").errorCode()).isEqualTo(40403);
  }

  @Test
  void shouldListSubjectVersionsUsingAnId() {
    client.register("people-value", USER_V1);

    Reply reply = client.get("/schemas/ids/" + idV1 + "/versions");

    assertThat(reply.text()).isEqualTo("[{\"subject\":\"people-value\",\"version\":1},"
        + "{\"subject\":\"users-value\",\"version\":1}]");
  }

  @Test
  void shouldFindRegisteredSchemaUnderSubject() {
    Reply reply = client.post("/subjects/users-value", schemaBody(USER_WITH_DEFAULTED_AGE));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("subject").asText()).isEqualTo("users-value");
    assertThat(reply.json().get("version").asInt()).isEqualTo(2);
    assertThat(reply.json().get("id").asInt()).isEqualTo(idV2);
    assertThat(reply.json().get("schema").asText()).isEqualTo(CANONICAL_V2);
  }

  @Test
  void shouldReturn40401WhenLookingUpUnderUnknownSubject() {
    Reply reply = client.post("/subjects/nobody", schemaBody(USER_V1));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldReturn40403WhenSchemaIsNotUnderSubject() {
    Reply reply = client.post("/subjects/users-value", schemaBody("\"string\""));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40403);
    assertThat(reply.message()).isEqualTo("Schema not found");
  }

  @Test
  void shouldReturn42201WhenLookingUpInvalidSchema() {
    assertThat(client.post("/subjects/users-value", schemaBody("{\"type\":\"nope\"}"))
        .errorCode()).isEqualTo(42201);
  }
}
