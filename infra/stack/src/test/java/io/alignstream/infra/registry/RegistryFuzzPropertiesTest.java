package io.alignstream.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.schemas.security.AccessPolicy;
import io.alignstream.schemas.security.CredentialStore;
import io.alignstream.schemas.security.SecretHashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the registry's REST API over real HTTP: random and mutated paths, methods, bodies and
 * headers against a running server, open and with writes behind Basic auth. Whatever comes in, the
 * answer is a documented status (never 5xx; errors in Confluent's {@code {"error_code","message"}}
 * shape), it comes within a bound (no hang), and the server answers a plain read afterwards. Tries per
 * property: {@code jqwik.tries.default} (200 in src/test/resources/junit-platform.properties; raise
 * it with {@code -Djqwik.tries.default=N}).
 */
class RegistryFuzzPropertiesTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final Set<Integer> DOCUMENTED = Set.of(200, 401, 403, 404, 405, 409, 415, 422);
  private static final String PASSWORD = "fuzz-writer-pw";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(BOUND).build();

  private static SchemaRegistryServer open;
  private static SchemaRegistryServer guarded;

  @BeforeContainer
  static void start() throws Exception {
    open = new SchemaRegistryServer(new InMemorySchemaLog(), "127.0.0.1", 0);
    open.start();
    CredentialStore users = CredentialStore.of(List.of(),
        List.of("svc:write:" + SecretHashes.pbkdf2(PASSWORD.toCharArray(), 1000)), "fuzz");
    guarded = new SchemaRegistryServer(new InMemorySchemaLog(), "127.0.0.1", 0,
        new AccessPolicy(new AccessPolicy.Settings("SchemaRegistry", users, true, List.of(), false, null)));
    guarded.start();
    for (SchemaRegistryServer server : List.of(open, guarded)) {
      RegistryClient client = new RegistryClient(server.url());
      HttpRequest seed = HttpRequest.newBuilder(URI.create(server.url() + "/subjects/users-value/versions"))
          .timeout(BOUND).header("Content-Type", RegistryClient.CONTENT_TYPE)
          .header("Authorization", basic("svc", PASSWORD))
          .POST(HttpRequest.BodyPublishers.ofString(RegistryClient.schemaBody(AvroFixtures.USER_V1))).build();
      assertThat(send(seed).statusCode()).isEqualTo(200);
      assertThat(client.get("/subjects").status()).isEqualTo(200);
    }
  }

  @AfterContainer
  static void stop() {
    open.close();
    guarded.close();
  }

  record Call(String method, String path, String body, List<String[]> headers) {
    @Override
    public String toString() {
      return method + " " + path + " headers=" + headers.stream().map(h -> h[0] + ": " + h[1]).toList()
          + " body=" + (body == null ? "none" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  @Property
  void shouldAnswerEveryWellFormedRequestWithADocumentedStatus(@ForAll("calls") Call call, @ForAll boolean withAuth)
      throws Exception {
    SchemaRegistryServer server = withAuth ? guarded : open;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + call.path())).timeout(BOUND)
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    call.headers().forEach(h -> request.header(h[0], h[1]));

    HttpResponse<String> response = send(request.build());

    int status = response.statusCode();
    // The JDK's HTTP layer reads "//x" as an authority (a network-path reference): for "//" and
    // "//x" it answers its own 400 or 404 page before any handler runs.
    boolean jdkNetworkPath = call.path().startsWith("//") && (status == 400 || status == 404)
        && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
    if (!jdkNetworkPath) {
      assertThat(DOCUMENTED).as("status of %s", call).contains(status);
    }
    if (!call.method().equals("HEAD") && !jdkNetworkPath) {
      assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", call)
          .hasValue(RegistryClient.CONTENT_TYPE);
      JsonNode body = JSON.readTree(response.body());
      if (status >= 400) {
        assertThat(body.path("error_code").isInt()).as("error_code of %s: %s", call, response.body()).isTrue();
        assertThat(body.path("message").isTextual()).as("message of %s: %s", call, response.body()).isTrue();
        assertThat(body.path("error_code").asInt() / (body.path("error_code").asInt() >= 1000 ? 100 : 1))
            .as("error_code of %s", call).isEqualTo(status);
      }
    }
    assertStillServing(server);
  }

  @Property
  void shouldSurviveMalformedHttpOnTheWire(@ForAll("rawRequests") byte[] raw) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", open.port()), (int) BOUND.toMillis());
      socket.setSoTimeout((int) BOUND.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(raw);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException closedEarly) {
        // The server may close a connection it cannot parse before everything was sent.
      }
      String answer = readAll(socket.getInputStream());
      if (answer.startsWith("HTTP/")) {
        int status = Integer.parseInt(answer.substring(9, 12));
        String request = new String(raw, StandardCharsets.ISO_8859_1);
        // The JDK's HTTP layer answers a transfer coding it does not implement with 501 (RFC 9112
        // §6.1) before any handler runs; every other malformed request must be a 4xx.
        if (!(status == 501 && request.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding"))) {
          assertThat(status).as("status for %s", request).isLessThan(500);
        }
      }
    }
    assertStillServing(open);
  }

  @Provide
  Arbitrary<Call> calls() {
    return Combinators.combine(methods(), paths(), bodies(), headers()).as(Call::new);
  }

  @Provide
  Arbitrary<byte[]> rawRequests() {
    Arbitrary<String> line = Combinators.combine(
        Arbitraries.of("GET", "POST", "PUT", "DELETE", "HEAD", "BREW", "", "G E T", "\u0000"),
        Arbitraries.of("/subjects", "/", "*", "/schemas/ids/1", "http://x/subjects", "/%zz", "/subjects/../config", ""),
        Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/9.9", "", "HTTP/1.1 extra"))
        .as((m, p, v) -> m + " " + p + " " + v);
    Arbitrary<String> header = Arbitraries.of("Host: x", "Content-Length: 5", "Content-Length: -1",
        "Content-Length: 99999999999", "Transfer-Encoding: chunked", "Content-Type: application/json",
        "Authorization: Basic ????", "X: " + "y".repeat(5000), ": empty", "NoColon", "Expect: 100-continue");
    Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.of("", "{}", "0\r\n\r\n", "zz\r\nabc\r\n0\r\n\r\n"),
        Arbitraries.strings().ofMaxLength(200));
    Arbitrary<String> text = Combinators.combine(line, header.list().ofMaxSize(4), body, Arbitraries.of("\r\n", "\n", ""))
        .as((l, hs, b, eol) -> l + eol + hs.stream().map(h -> h + eol).collect(Collectors.joining()) + eol + b);
    Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Arbitraries.oneOf(text.map(t -> t.getBytes(StandardCharsets.UTF_8)), garbage);
  }

  private static Arbitrary<String> methods() {
    return Arbitraries.of("GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
        "get", "FETCH");
  }

  private static Arbitrary<String> paths() {
    Arbitrary<String> known = Arbitraries.of("subjects", "versions", "schemas", "ids", "config", "compatibility",
        "mode", "types", "latest", "users-value", "referencedby", "schema", "-1", "0", "1", "2", "2147483647",
        "2147483648", "99999999999999999999", "1e3", "0x10", "latest%20", "%2F", "%00", "..", ".", "%25",
        "users-value%2Fversions", "%E2%82%AC", "%C3%28", "a+b", "~", "@", ":", ";x=1");
    Arbitrary<String> random = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20)
        .map(RegistryFuzzPropertiesTest::pathSafe);
    Arbitrary<String> segment = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, known), net.jqwik.api.Tuple.of(1, random));
    Arbitrary<String> query = Arbitraries.of("", "", "?permanent=true", "?deleted=true", "?normalize=true",
        "?verbose=true", "?permanent=maybe", "?=", "?&&", "?x=%25%00", "?permanent", "?subject=users-value");
    return Combinators.combine(segment.list().ofMaxSize(6), Arbitraries.of("", "/"), query)
        .as((segments, trailing, q) -> "/" + String.join("/", segments) + trailing + q);
  }

  private static Arbitrary<String> bodies() {
    String valid = RegistryClient.schemaBody(AvroFixtures.USER_V1);
    Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, valid.length() - 1),
        Arbitraries.chars(), Arbitraries.of(0, 1, 2))
        .as((at, c, how) -> switch (how) {
          case 0 -> valid.substring(0, at) + valid.substring(at + 1);
          case 1 -> valid.substring(0, at) + c + valid.substring(at);
          default -> valid.substring(0, at);
        });
    Arbitrary<String> schemaOf = Arbitraries.of("\"int\"", "\"nope\"", "{\"type\":\"record\"}", "[]", "null",
        "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}",
        AvroFixtures.USER_WITH_DEFAULTED_AGE, AvroFixtures.USER_WITH_REQUIRED_AGE, "\"" + "x".repeat(3000) + "\"")
        .map(s -> JSON.createObjectNode().put("schema", s).toString());
    Arbitrary<String> shaped = Arbitraries.of("{}", "[]", "null", "1", "\"s\"", "{\"schema\":1}",
        "{\"schema\":null}", "{\"schema\":{\"type\":\"int\"}}", "{\"schema\":\"\\\"int\\\"\",\"schemaType\":\"PROTOBUF\"}",
        "{\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"x\",\"subject\":\"users-value\",\"version\":1}]}",
        "{\"compatibility\":\"NONE\"}", "{\"compatibility\":\"nonsense\"}", "{\"compatibility\":null}",
        "{\"compatibility\":[1]}", "{\"mode\":\"READONLY\"}", "[".repeat(3000), "{\"a\":" .repeat(2000),
        "\u0000\u0001\u0002", "{\"schema\":\"\\ud800\"}");
    Arbitrary<String> random = Arbitraries.strings().ofMaxLength(300);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(valid)),
        net.jqwik.api.Tuple.of(3, mutated),
        net.jqwik.api.Tuple.of(3, schemaOf),
        net.jqwik.api.Tuple.of(3, shaped),
        net.jqwik.api.Tuple.of(2, random));
  }

  private static Arbitrary<List<String[]>> headers() {
    Arbitrary<String[]> contentType = Arbitraries.of(RegistryClient.CONTENT_TYPE, "application/json",
        "application/vnd.schemaregistry+json; charset=utf-8", "application/octet-stream", "text/plain", "",
        "application/json;;;", "*/*", "application/xml", "garbage/\u00e9")
        .map(v -> new String[] {"Content-Type", v});
    Arbitrary<String[]> authorization = Arbitraries.of(basic("svc", PASSWORD), basic("svc", "wrong"),
        basic("nobody", PASSWORD), "Basic", "Basic ", "Basic %%%", "Basic " + b64("no-colon"), "Bearer x",
        "Bearer", "Negotiate abc", "basic " + b64("svc:" + PASSWORD), "Basic " + b64(":"), "  ")
        .map(v -> new String[] {"Authorization", v});
    Arbitrary<String[]> other = Arbitraries.of(new String[] {"Accept", "application/xml"},
        new String[] {"Accept", "*/*"}, new String[] {"X-API-Key", "k"}, new String[] {"Content-Encoding", "gzip"},
        new String[] {"Accept-Encoding", "br"}, new String[] {"X-Long", "v".repeat(4000)});
    return Arbitraries.oneOf(contentType, authorization, other).list().ofMaxSize(3).map(ArrayList::new);
  }

  private static String pathSafe(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", (int) c));
      }
    }
    return out.toString();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String basic(String user, String password) {
    return "Basic " + b64(user + ":" + password);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("No answer within " + BOUND + " to " + request.method() + " " + request.uri(), e);
    }
  }

  private static void assertStillServing(SchemaRegistryServer server) throws Exception {
    HttpResponse<String> alive = send(HttpRequest.newBuilder(URI.create(server.url() + "/config")).timeout(BOUND).GET()
        .build());
    assertThat(alive.statusCode()).as("GET /config after the call").isEqualTo(200);
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0 && answer.size() < 1 << 20; ) {
        answer.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("The server neither answered nor closed within " + BOUND, e);
    } catch (IOException reset) {
      // A reset after a refused request is an answer too.
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }
}
