package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_DEFAULTED_AGE;
import static io.alignstream.infra.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.registry.RegistryClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationTest {
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

  @Test
  void shouldReturnIdAndConfluentContentTypeWhenRegistering() {
    Reply reply = client.post("/subjects/users-value/versions", schemaBody(USER_V1));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("id").asInt()).isPositive();
    assertThat(reply.json().size()).isEqualTo(1);
    assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
  }

  @Test
  void shouldReturnExistingIdWithoutNewVersionWhenReRegistering() {
    int first = client.register("users-value", USER_V1);

    int second = client.register("users-value", USER_V1);

    assertThat(second).isEqualTo(first);
    assertThat(client.get("/subjects/users-value/versions").text()).isEqualTo("[1]");
  }

  @Test
  void shouldTreatSchemasDifferingOnlyInWhitespaceAndAttributeOrderAsTheSame() {
    int first = client.register("users-value", USER_V1);
    String reformatted = "{ \"namespace\" : \"io.alignstream.test\", \"type\" : \"record\",\n"
        + "  \"fields\" : [ { \"type\" : \"string\", \"name\" : \"name\" } ], \"name\" : \"User\" }";

    assertThat(client.register("users-value", reformatted)).isEqualTo(first);
  }

  @Test
  void shouldGiveTheSameIdToTheSameSchemaUnderTwoSubjects() {
    int underFirst = client.register("users-value", USER_V1);

    int underSecond = client.register("people-value", USER_V1);

    assertThat(underSecond).isEqualTo(underFirst);
    assertThat(client.get("/subjects/people-value/versions/1").json().get("id").asInt())
        .isEqualTo(underFirst);
  }

  @Test
  void shouldGiveDifferentSchemasDifferentIdsAndVersions() {
    int v1 = client.register("users-value", USER_V1);

    int v2 = client.register("users-value", USER_WITH_DEFAULTED_AGE);

    assertThat(v2).isNotEqualTo(v1);
    assertThat(client.get("/subjects/users-value/versions").text()).isEqualTo("[1,2]");
  }

  @Test
  void shouldAcceptPrimitiveSchemas() {
    int id = client.register("keys-key", "\"string\"");

    assertThat(client.get("/schemas/ids/" + id).json().get("schema").asText())
        .isEqualTo("\"string\"");
  }

  @Test
  void shouldReturn422WithCode42201WhenSchemaIsNotValidAvro() {
    Reply reply = client.post("/subjects/users-value/versions",
        schemaBody("{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"x\"}]}"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42201);
    assertThat(reply.message()).startsWith("Invalid schema");
  }

  @Test
  void shouldReturn42201WhenSchemaTypeIsNotAvro() {
    Reply reply = client.post("/subjects/users-value/versions",
        "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42201);
  }

  @Test
  void shouldAcceptExplicitAvroSchemaTypeAndEmptyReferences() {
    Reply reply = client.post("/subjects/users-value/versions",
        "{\"schemaType\":\"AVRO\",\"references\":[],\"schema\":\"\\\"long\\\"\"}");

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void shouldReturn42201WhenReferencesAreGiven() {
    Reply reply = client.post("/subjects/users-value/versions", "{\"schema\":\"\\\"long\\\"\","
        + "\"references\":[{\"name\":\"a.B\",\"subject\":\"b\",\"version\":1}]}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42201);
  }

  @Test
  void shouldReturn42201WhenSchemaIsMissingOrEmpty() {
    assertThat(client.post("/subjects/s/versions", "{}").errorCode()).isEqualTo(42201);
    assertThat(client.post("/subjects/s/versions", "{\"schema\":\"\"}").errorCode())
        .isEqualTo(42201);
  }

  @Test
  void shouldReturn422WhenBodyIsNotJson() {
    Reply reply = client.post("/subjects/users-value/versions", "{\"schema\": oops");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(422);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.schemaregistry.v1+json",
      "application/vnd.schemaregistry+json", "application/json",
      "application/octet-stream", "application/json; charset=utf-8"})
  void shouldAcceptConfluentRequestContentTypes(String contentType) {
    Reply reply = client.post("/subjects/users-value/versions", schemaBody(USER_V1), contentType);

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void shouldReturn415ForOtherRequestContentTypes() {
    Reply reply = client.post("/subjects/users-value/versions", schemaBody(USER_V1),
        "text/plain");

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.errorCode()).isEqualTo(415);
  }

  @Test
  void shouldDecodeSubjectNamesInThePath() {
    client.register("orders%2Fv1%20value", USER_V1);

    assertThat(client.get("/subjects").json().get(0).asText()).isEqualTo("orders/v1 value");
  }
}
