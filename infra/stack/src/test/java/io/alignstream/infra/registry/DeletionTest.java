package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_DEFAULTED_AGE;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_REQUIRED_AGE;
import static io.alignstream.infra.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.alignstream.infra.registry.RegistryClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletionTest {
  private static final String SUBJECT = "users-value";

  private RunningRegistry registry;
  private RegistryClient client;
  private int idV1;
  private int idV2;

  @BeforeEach
  void start() {
    registry = RunningRegistry.start();
    client = registry.client;
    idV1 = client.register(SUBJECT, USER_V1);
    idV2 = client.register(SUBJECT, USER_WITH_DEFAULTED_AGE);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldSoftDeleteSubjectAndReturnItsVersions() {
    Reply reply = client.delete("/subjects/" + SUBJECT);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("[1,2]");
    assertThat(client.get("/subjects").text()).isEqualTo("[]");
    assertThat(client.get("/subjects?deleted=true").text()).isEqualTo("[\"users-value\"]");
    assertThat(client.get("/subjects/" + SUBJECT + "/versions").errorCode()).isEqualTo(40401);
    assertThat(client.get("/subjects/" + SUBJECT + "/versions?deleted=true").text())
        .isEqualTo("[1,2]");
    assertThat(client.get("/subjects/" + SUBJECT + "/versions/1").errorCode()).isEqualTo(40401);
    assertThat(client.post("/subjects/" + SUBJECT, schemaBody(USER_V1)).errorCode())
        .isEqualTo(40401);
  }

  @Test
  void shouldKeepIdsOfSoftDeletedSchemasResolvable() {
    client.delete("/subjects/" + SUBJECT);

    assertThat(client.get("/schemas/ids/" + idV1).status()).isEqualTo(200);
    assertThat(client.get("/schemas/ids/" + idV2 + "/schema").status()).isEqualTo(200);
  }

  @Test
  void shouldReturn40404WhenSoftDeletingSoftDeletedSubject() {
    client.delete("/subjects/" + SUBJECT);

    assertThat(client.delete("/subjects/" + SUBJECT).errorCode()).isEqualTo(40404);
  }

  @Test
  void shouldReturn40401WhenDeletingUnknownSubject() {
    assertThat(client.delete("/subjects/nobody").errorCode()).isEqualTo(40401);
    assertThat(client.delete("/subjects/nobody?permanent=true").errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldReturn40405WhenPermanentlyDeletingSubjectNotSoftDeletedFirst() {
    Reply reply = client.delete("/subjects/" + SUBJECT + "?permanent=true");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40405);
    assertThat(reply.message()).isEqualTo(
        "Subject 'users-value' was not deleted first before being permanently deleted");
  }

  @Test
  void shouldRemoveSubjectForGoodAfterSoftDelete() {
    client.setLevel(SUBJECT, "FULL");
    client.delete("/subjects/" + SUBJECT);

    Reply reply = client.delete("/subjects/" + SUBJECT + "?permanent=true");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("[1,2]");
    assertThat(client.get("/subjects?deleted=true").text()).isEqualTo("[]");
    assertThat(client.get("/config/" + SUBJECT).errorCode()).isEqualTo(40408);
    // Numbering starts over once no trace of the subject is left.
    client.register(SUBJECT, USER_V1);
    assertThat(client.get("/subjects/" + SUBJECT + "/versions").text()).isEqualTo("[1]");
  }

  @Test
  void shouldReRegisterSoftDeletedSchemaAsNewVersionWithSameId() {
    client.delete("/subjects/" + SUBJECT);

    int id = client.register(SUBJECT, USER_V1);

    assertThat(id).isEqualTo(idV1);
    assertThat(client.get("/subjects/" + SUBJECT + "/versions").text()).isEqualTo("[3]");
  }

  @Test
  void shouldSoftDeleteOneVersion() {
    Reply reply = client.delete("/subjects/" + SUBJECT + "/versions/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("1");
    assertThat(client.get("/subjects/" + SUBJECT + "/versions").text()).isEqualTo("[2]");
    assertThat(client.get("/subjects/" + SUBJECT + "/versions/1").errorCode()).isEqualTo(40402);
    assertThat(client.get("/subjects/" + SUBJECT + "/versions/1?deleted=true").status())
        .isEqualTo(200);
    assertThat(client.get("/schemas/ids/" + idV1).status()).isEqualTo(200);
  }

  @Test
  void shouldSoftDeleteLatestVersion() {
    assertThat(client.delete("/subjects/" + SUBJECT + "/versions/latest").text()).isEqualTo("2");
    assertThat(client.get("/subjects/" + SUBJECT + "/versions/latest").json().get("version")
        .asInt()).isEqualTo(1);
  }

  @Test
  void shouldReturn40406WhenSoftDeletingSoftDeletedVersion() {
    client.delete("/subjects/" + SUBJECT + "/versions/1");

    assertThat(client.delete("/subjects/" + SUBJECT + "/versions/1").errorCode())
        .isEqualTo(40406);
  }

  @Test
  void shouldReturn40407WhenPermanentlyDeletingVersionNotSoftDeletedFirst() {
    Reply reply = client.delete("/subjects/" + SUBJECT + "/versions/1?permanent=true");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40407);
    assertThat(reply.message()).isEqualTo(
        "Subject 'users-value' Version 1 was not deleted first before being permanently deleted");
  }

  @Test
  void shouldRemoveVersionForGoodAfterSoftDelete() {
    client.delete("/subjects/" + SUBJECT + "/versions/1");

    Reply reply = client.delete("/subjects/" + SUBJECT + "/versions/1?permanent=true");

    assertThat(reply.text()).isEqualTo("1");
    assertThat(client.get("/subjects/" + SUBJECT + "/versions?deleted=true").text())
        .isEqualTo("[2]");
  }

  @Test
  void shouldReturnVersionErrorsWhenDeletingVersions() {
    assertThat(client.delete("/subjects/" + SUBJECT + "/versions/9").errorCode())
        .isEqualTo(40402);
    assertThat(client.delete("/subjects/" + SUBJECT + "/versions/0").errorCode())
        .isEqualTo(42202);
    assertThat(client.delete("/subjects/nobody/versions/1").errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldIgnoreSoftDeletedVersionsInCompatibilityChecks() {
    client.delete("/subjects/" + SUBJECT + "/versions/2");
    client.delete("/subjects/" + SUBJECT + "/versions/1");

    // Incompatible with both deleted versions under BACKWARD, yet nothing live is left to check.
    Reply reply = client.post("/subjects/" + SUBJECT + "/versions",
        schemaBody(USER_WITH_REQUIRED_AGE));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(client.get("/subjects/" + SUBJECT + "/versions").text()).isEqualTo("[3]");
  }
}
