package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_DEFAULTED_AGE;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestartTest {

  @Test
  void shouldKeepIdsVersionsDeletionsAndConfigAcrossRestart() {
    InMemorySchemaLog log = new InMemorySchemaLog();
    int idV1;
    int idV2;
    int idEmail;
    try (RunningRegistry first = RunningRegistry.on(log)) {
      RegistryClient client = first.client;
      idV1 = client.register("users-value", USER_V1);
      idV2 = client.register("users-value", USER_WITH_DEFAULTED_AGE);
      idEmail = client.register("emails-value", USER_WITH_EMAIL);
      client.register("gone-value", "\"string\"");
      client.delete("/subjects/gone-value");
      client.delete("/subjects/users-value/versions/1");
      client.setLevel(null, "FULL");
      client.setLevel("emails-value", "NONE");
    }
    assertThat(log.closes()).isEqualTo(1);

    try (RunningRegistry second = RunningRegistry.on(log)) {
      RegistryClient client = second.client;

      assertThat(client.get("/subjects").text()).isEqualTo("[\"emails-value\",\"users-value\"]");
      assertThat(client.get("/subjects?deleted=true").text())
          .isEqualTo("[\"emails-value\",\"gone-value\",\"users-value\"]");
      assertThat(client.get("/subjects/users-value/versions").text()).isEqualTo("[2]");
      assertThat(client.get("/subjects/users-value/versions/latest").json().get("id").asInt())
          .isEqualTo(idV2);
      assertThat(client.get("/schemas/ids/" + idV1).status()).isEqualTo(200);
      assertThat(client.get("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("FULL");
      assertThat(client.get("/config/emails-value").json().get("compatibilityLevel").asText())
          .isEqualTo("NONE");
      // Same schema, same id; new schemas get ids never used before.
      assertThat(client.register("copy-value", USER_WITH_EMAIL)).isEqualTo(idEmail);
      assertThat(client.register("fresh-value", "\"bytes\""))
          .isGreaterThan(Math.max(idV1, Math.max(idV2, idEmail)));
      assertThat(client.get("/subjects/users-value/versions?deleted=true").text())
          .isEqualTo("[1,2]");
    }
  }

  @Test
  void shouldReplayPermanentDeletions() {
    InMemorySchemaLog log = new InMemorySchemaLog();
    try (RunningRegistry first = RunningRegistry.on(log)) {
      first.client.register("users-value", USER_V1);
      first.client.register("users-value", USER_WITH_DEFAULTED_AGE);
      first.client.delete("/subjects/users-value/versions/1");
      first.client.delete("/subjects/users-value/versions/1?permanent=true");
    }

    try (RunningRegistry second = RunningRegistry.on(log)) {
      assertThat(second.client.get("/subjects/users-value/versions?deleted=true").text())
          .isEqualTo("[2]");
    }
  }
}
