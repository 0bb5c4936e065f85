package io.alignstream.infra.registry;

import static io.alignstream.infra.registry.AvroFixtures.USER_V1;
import static io.alignstream.infra.registry.AvroFixtures.USER_WITH_DEFAULTED_AGE;
import static io.alignstream.infra.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.launcher.RunFile;
import io.alignstream.infra.registry.RegistryClient.Reply;
import io.alignstream.infra.security.StackSecrets;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.registry.RegistrySettings;
import io.alignstream.schemas.security.AccessPolicy;
import io.alignstream.schemas.security.SecretHashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry with writes (and optionally reads) behind HTTP Basic, as Confluent's basic.auth. */
class RegistryAccessTest {
  private static final String WRITER_PASSWORD = "writer-pw-7b1e2f";
  private static final String READER_PASSWORD = "reader-pw-94c0aa";

  @TempDir Path dir;
  private SchemaRegistryServer server;

  private RegistryClient start(boolean protectReads) throws IOException {
    Path users = dir.resolve("registry-users");
    Files.writeString(users, "# registry users\n"
        + "svc:write:" + SecretHashes.pbkdf2(WRITER_PASSWORD.toCharArray(), 1000) + "\n\n"
        + "viewer:read:" + SecretHashes.pbkdf2(READER_PASSWORD.toCharArray(), 1000) + "\n");
    AccessPolicy access = RegistryMain.accessPolicy(users, protectReads);
    server = new SchemaRegistryServer(new InMemorySchemaLog(), "127.0.0.1", 0, access);
    server.start();
    return new RegistryClient(server.url());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private io.alignstream.schemas.registry.RegistryClient projectClient(String userInfo) {
    return new io.alignstream.schemas.registry.RegistryClient(RegistrySettings.of(server.url()).withBasicAuth(userInfo));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Reply send(String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", RegistryClient.CONTENT_TYPE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()),
        r.headers().firstValue("WWW-Authenticate").orElse(null));
  }

  @Test
  void shouldRefuseSchemaRegistrationWithoutCredential() throws Exception {
    RegistryClient client = start(false);

    Reply reply = client.post("/subjects/users-value/versions", schemaBody(USER_V1));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo(40101);
    assertThat(reply.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
    assertThat(send("POST", "/subjects/users-value/versions", null, schemaBody(USER_V1)).contentType())
        .isEqualTo("Basic realm=\"SchemaRegistry\", charset=\"UTF-8\"");
    assertThat(client.get("/subjects").text()).isEqualTo("[]");
  }

  @Test
  void shouldRefuseEveryWriteMethodWithoutCredentialButKeepReadsOpen() throws Exception {
    RegistryClient client = start(false);
    int id = projectClient("svc:" + WRITER_PASSWORD).register("users-value", new Schema.Parser().parse(USER_V1));

    assertThat(client.put("/config/users-value", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(401);
    assertThat(client.delete("/subjects/users-value").status()).isEqualTo(401);
    assertThat(client.post("/compatibility/subjects/users-value/versions/latest", schemaBody(USER_WITH_DEFAULTED_AGE))
        .status()).isEqualTo(401);
    assertThat(client.get("/subjects").text()).isEqualTo("[\"users-value\"]");
    assertThat(client.get("/schemas/ids/" + id).status()).isEqualTo(200);
    assertThat(client.get("/config").status()).isEqualTo(200);
  }

  @Test
  void shouldAcceptSchemaRegistrationWithCredentialFromTheProjectClient() throws Exception {
    start(false);
    io.alignstream.schemas.registry.RegistryClient client = projectClient("svc:" + WRITER_PASSWORD);

    int id = client.register("users-value", new Schema.Parser().parse(USER_V1));
    client.setCompatibility("users-value", "FULL");

    assertThat(id).isPositive();
    assertThat(client.latest("users-value").id()).isEqualTo(id);
  }

  @Test
  void shouldAnswerWrongPasswordWith401AndReadOnlyUserWith403() throws Exception {
    start(false);

    assertThatThrownBy(() -> projectClient("svc:wrong").register("a-value", new Schema.Parser().parse(USER_V1)))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("40101"));
    Reply forbidden = send("POST", "/subjects/a-value/versions", basic("viewer", READER_PASSWORD), schemaBody(USER_V1));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo(40301);
    assertThat(send("POST", "/subjects/a-value/versions", "Basic %%%", schemaBody(USER_V1)).status()).isEqualTo(401);
    assertThat(send("GET", "/subjects", basic("svc", "wrong"), null).status()).isEqualTo(401);
  }

  @Test
  void shouldRequireLoginForReadsWhenConfigured() throws Exception {
    RegistryClient client = start(true);

    assertThat(client.get("/subjects").status()).isEqualTo(401);
    assertThat(send("GET", "/subjects", basic("viewer", READER_PASSWORD), null).status()).isEqualTo(200);
    projectClient("viewer:" + READER_PASSWORD).ping();
  }

  @Test
  void shouldTakeWritesOnlyWithTheSecureStacksRegistryLoginsAndKeepReadsOpen() throws Exception {
    StackSecrets secrets = StackSecrets.ensure(dir.resolve("secure"));
    server = new SchemaRegistryServer(new InMemorySchemaLog(), "127.0.0.1", 0,
        RegistryMain.accessPolicy(secrets.registryUsersFile(), false));
    server.start();
    RegistryClient anonymous = new RegistryClient(server.url());
    RunFile secure = new RunFile(1, true, "127.0.0.1:9092", server.url(), "", List.of(),
        StackSecrets.clientsDir(secrets.dir()).toString());
    RunFile plain = new RunFile(1, true, "127.0.0.1:9092", server.url(), "", List.of());
    Schema schema = new Schema.Parser().parse(USER_V1);

    int id = new io.alignstream.schemas.registry.RegistryClient(secure.registry(StackSecrets.ADMIN))
        .register("users-value", schema);
    for (String service : List.of("ingest", "scorer", "curator", "trainer", "analyzer")) {
      assertThat(projectClient(secrets.registryLogin(service)).register("users-value", schema)).isEqualTo(id);
    }

    assertThat(anonymous.post("/subjects/other-value/versions", schemaBody(USER_V1)).status()).isEqualTo(401);
    assertThatThrownBy(() -> new io.alignstream.schemas.registry.RegistryClient(plain.registry(StackSecrets.ADMIN))
        .register("other-value", schema))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(anonymous.get("/subjects").text()).isEqualTo("[\"users-value\"]");
    assertThat(anonymous.get("/schemas/ids/" + id).status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseToStartWithAMalformedUsersFileWithoutShowingIt() throws IOException {
    Path users = dir.resolve("bad-users");
    Files.writeString(users, "svc:write:plain-password-oops\n");

    assertThatThrownBy(() -> RegistryMain.accessPolicy(users, false))
        .hasMessageContaining("entry 1 of 1").hasMessageNotContaining("plain-password-oops");
  }

  @Test
  void shouldNotLogRegistryCredential() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      start(false);
      projectClient("svc:" + WRITER_PASSWORD).register("logged-value", new Schema.Parser().parse(USER_V1));
      send("POST", "/subjects/logged-value/versions", basic("svc", WRITER_PASSWORD + "-typo"), schemaBody(USER_V1));
      send("POST", "/subjects/logged-value/versions", basic("viewer", READER_PASSWORD), schemaBody(USER_V1));
      assertThatThrownBy(() -> projectClient("svc:" + WRITER_PASSWORD + "-typo").register("x-value",
          new Schema.Parser().parse(USER_V1))).isInstanceOf(RegistryException.class)
          .hasMessageNotContaining(WRITER_PASSWORD);
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("Schema registry access control", "svc", "viewer");
    assertThat(log).doesNotContain(WRITER_PASSWORD, READER_PASSWORD, "pbkdf2",
        Base64.getEncoder().encodeToString(("svc:" + WRITER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }
}
