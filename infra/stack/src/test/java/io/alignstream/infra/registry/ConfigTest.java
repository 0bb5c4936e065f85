package io.alignstream.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.registry.RegistryClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigTest {
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
  void shouldDefaultGlobalLevelToBackward() {
    assertThat(client.get("/config").text()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
  }

  @ParameterizedTest
  @EnumSource(CompatibilityLevel.class)
  void shouldSetGlobalLevel(CompatibilityLevel level) {
    Reply reply = client.setLevel(null, level.name());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("{\"compatibility\":\"" + level + "\"}");
    assertThat(client.get("/config").json().get("compatibilityLevel").asText())
        .isEqualTo(level.name());
  }

  @Test
  void shouldAcceptLevelNamesInAnyCase() {
    assertThat(client.setLevel(null, "full_transitive").text())
        .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
  }

  @Test
  void shouldReturn42203ForInvalidLevel() {
    Reply reply = client.setLevel(null, "SIDEWAYS");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42203);
    assertThat(client.put("/config/s", "{}").errorCode()).isEqualTo(42203);
  }

  @Test
  void shouldReturn40408WhenSubjectHasNoLevelOfItsOwn() {
    Reply reply = client.get("/config/users-value");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40408);
    assertThat(reply.message())
        .isEqualTo("Subject 'users-value' does not have subject-level compatibility configured");
  }

  @Test
  void shouldFallBackToGlobalLevelWhenAskedTo() {
    client.setLevel(null, "FORWARD");

    assertThat(client.get("/config/users-value?defaultToGlobal=true").text())
        .isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
  }

  @Test
  void shouldSetSubjectLevelWithoutChangingGlobalLevel() {
    assertThat(client.setLevel("users-value", "FULL").text())
        .isEqualTo("{\"compatibility\":\"FULL\"}");

    assertThat(client.get("/config/users-value").text())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(client.get("/config").json().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
  }

  @Test
  void shouldReturnRemovedLevelWhenDeletingSubjectLevel() {
    client.setLevel("users-value", "NONE");

    Reply reply = client.delete("/config/users-value");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertThat(client.get("/config/users-value").errorCode()).isEqualTo(40408);
  }

  @Test
  void shouldReturn40401WhenDeletingLevelSubjectNeverHad() {
    assertThat(client.delete("/config/users-value").errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldResetGlobalLevelToBackwardWhenDeleted() {
    client.setLevel(null, "FULL");

    assertThat(client.delete("/config").text()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(client.get("/config").json().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
  }
}
