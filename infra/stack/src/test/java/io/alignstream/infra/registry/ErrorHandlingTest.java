package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.registry.RegistryClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {
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
  void shouldReturn404ForUnknownPath() {
    Reply reply = client.get("/nowhere/at/all");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.text()).isEqualTo("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    assertThat(reply.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
  }

  @Test
  void shouldReturn404ForNonNumericSchemaId() {
    assertThat(client.get("/schemas/ids/abc").errorCode()).isEqualTo(404);
  }

  @Test
  void shouldReturn405ForWrongMethodOnKnownPath() {
    Reply reply = client.method("PATCH", "/subjects");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.errorCode()).isEqualTo(405);
    assertThat(client.delete("/schemas/types").status()).isEqualTo(405);
  }

  @Test
  void shouldReturn50002WithoutChangingStateWhenStoreWriteTimesOut() {
    registry.log.failAppendsWith(
        SchemaLogException.timeout("Writing to schema topic '_schemas' timed out", null));

    Reply reply = client.post("/subjects/users-value/versions", schemaBody(USER_V1));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.errorCode()).isEqualTo(50002);
    assertThat(reply.message()).contains("timed out");
    assertThat(client.get("/subjects").text()).isEqualTo("[]");
  }

  @Test
  void shouldReturn50001WhenStoreWriteFails() {
    registry.log.failAppendsWith(new SchemaLogException("broker said no", null));

    Reply reply = client.setLevel(null, "FULL");

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.errorCode()).isEqualTo(50001);
    assertThat(client.get("/config").json().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
  }

  @Test
  void shouldReturn50001WithoutStackTraceOnUnexpectedFailure() {
    registry.log.failAppendsWith(new IllegalStateException("boom"));

    Reply reply = client.post("/subjects/users-value/versions", schemaBody(USER_V1));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.errorCode()).isEqualTo(50001);
    assertThat(reply.message()).isNotBlank().doesNotContain("boom", "at io.alignstream");
  }

  @Test
  void shouldKeepServingAfterAFailure() {
    registry.log.failAppendsWith(new IllegalStateException("boom"));
    assertThat(client.post("/subjects/ignored/versions", schemaBody(USER_V1)).status())
        .isEqualTo(500);

    registry.log.failAppendsWith(null);

    assertThat(client.register("users-value", USER_V1)).isPositive();
  }
}
