package io.alignstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alignstream.infra.registry.KafkaSchemaLog;
import io.alignstream.infra.registry.SchemaRegistryServer;
import io.alignstream.infra.testkit.AlignStreamExtension;
import io.alignstream.infra.testkit.TestStack;
import io.alignstream.schemas.registry.RegistryClient;
import io.alignstream.schemas.registry.RegistryException;
import io.alignstream.schemas.registry.RegistrySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry on a real broker: its state lives in the compacted topic and survives a restart. */
@ExtendWith(AlignStreamExtension.class)
class RegistryOnKafkaTest {
  private static final Schema V1 = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
  private static final Schema V2 = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");

  @Test
  void shouldKeepIdsVersionsConfigAndDeletionsAcrossARestart(TestStack stack) throws Exception {
    String topic = TestStack.uniquePrefix() + "_schemas";
    int v1;
    int v2;
    try (SchemaRegistryServer first = start(stack, topic)) {
      RegistryClient client = client(first);
      v1 = client.register("orders-value", V1);
      v2 = client.register("orders-value", V2);
      client.register("gone-value", V1);
      client.setCompatibility("orders-value", "FULL");
      assertThat(http("DELETE", first.url() + "/subjects/gone-value").statusCode()).isEqualTo(200);
    }

    try (SchemaRegistryServer second = start(stack, topic)) {
      RegistryClient client = client(second);
      assertThat(client.register("orders-value", V1)).isEqualTo(v1);
      assertThat(client.schemaById(v2)).isEqualTo(V2);
      assertThat(client.latest("orders-value").version()).isEqualTo(2);
      assertThat(client.subjects()).contains("orders-value").doesNotContain("gone-value");
      assertThat(http("GET", second.url() + "/config/orders-value").body()).contains("FULL");
      // A new schema gets a fresh id after the restart, not a reused one.
      Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}");
      assertThat(client.register("other-value", other)).isGreaterThan(Math.max(v1, v2));
    }
  }

  @Test
  void shouldAnswerConfluentErrorCodesOverTheRealLog(TestStack stack) throws Exception {
    try (SchemaRegistryServer registry = start(stack, TestStack.uniquePrefix() + "_schemas")) {
      RegistryClient client = client(registry);
      client.register("s-value", V1);
      Schema incompatible = new Schema.Parser().parse(
          "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

      assertThatThrownBy(() -> client.register("s-value", incompatible))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.errorCode()).isEqualTo(409);
          });
      assertThatThrownBy(() -> client.lookupId("unknown-value", V1))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
      HttpResponse<String> invalid = http("POST", registry.url() + "/subjects/s-value/versions",
          "{\"schema\":\"{not avro\"}");
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(invalid.body()).contains("42201");
    }
  }

  private static SchemaRegistryServer start(TestStack stack, String topic) throws Exception {
    SchemaRegistryServer server = new SchemaRegistryServer(
        new KafkaSchemaLog(stack.bootstrapServers(), topic), "127.0.0.1", 0);
    server.start();
    return server;
  }

  private static RegistryClient client(SchemaRegistryServer server) {
    return new RegistryClient(RegistrySettings.of(server.url()));
  }

  private static HttpResponse<String> http(String method, String url) throws Exception {
    return http(method, url, null);
  }

  private static HttpResponse<String> http(String method, String url, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", RegistryClient.CONTENT_TYPE);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
