package io.alignstream.analyzer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alignstream.analyzer.SyntheticResults;
import io.alignstream.analyzer.TestRecords;
import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.schemas.topics.TopicCatalogue;
import io.alignstream.schemas.training.TrainingResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The live stream: a new training result reaches SSE and WebSocket clients as a JSON event. */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class LiveStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int BURST = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  TopicCatalogue topics;

  @Inject
  LiveHub hub;

  @Inject
  io.quarkus.websockets.next.OpenConnections connections;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @TestHTTPResource("/api/stream")
  URI stream;

  @TestHTTPResource("/api/ws")
  URI socket;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  /**
   * Records read during the start-up replay are not pushed (a client loads that state over REST), so a
   * result sent before the replay is over may never be an event: wait until readiness says it is over.
   */
  private void awaitReplayOver() {
    HttpClient client = HttpClient.newHttpClient();
    await().atMost(WAIT).until(() -> client.send(HttpRequest.newBuilder(ready).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  @Test
  void shouldPushEveryResultOfABurstAndTheRefitAsServerSentEventsInOrder() throws Exception {
    // HTTP/1.1 as browsers speak it to a plain-http SSE endpoint (no h2c upgrade of a streaming response).
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<Stream<String>> response = client.sendAsync(HttpRequest.newBuilder(stream)
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t ->
        assertThat(t).startsWith("text/event-stream"));
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.matches("event: ?hello")));
      awaitReplayOver();

      // a burst, as when a family of datasets is evaluated at once: read in one poll and pushed in a tight
      // loop while the connection is still writing the first events (an SSE stream that dropped events
      // without demand lost most of these)
      SyntheticResults synthetic = new SyntheticResults("mt.sse-test", "famS");
      List<TrainingResult> burst = new java.util.ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        burst.add(synthetic.result("mt-sse-" + i % 10, "r", i, 1000 + i, Map.of("task2vec", 0.5), 2.5,
            Map.of("BLEU", 4.0)));
      }
      TestRecords.sendAll(bootstrap, topics.trainingResults(), burst, TrainingResult::getDatasetId);

      await().atMost(WAIT).until(() -> sizes(dataAfter(lines, "result")).size() == BURST);
      List<Long> sizes = sizes(dataAfter(lines, "result"));
      for (int d = 0; d < 10; d++) {
        int dataset = d;
        // per dataset (one partition each) in the order written
        List<Long> ofDataset = sizes.stream().filter(x -> (x - 1000) % 10 == dataset).toList();
        assertThat(ofDataset).isSorted().hasSize(BURST / 10);
      }
      String data = dataAfter(lines, "result").stream().filter(x -> x.contains("\"size\":1000,")).findFirst()
          .orElseThrow();
      assertThat(data).contains("\"type\":\"result\"", "\"task\":\"mt.sse-test\"", "\"datasetId\":\"mt-sse-0\"",
          "\"downstreamCrossEntropy\":2.5");
      // the refit that follows is pushed too
      await().atMost(WAIT).until(() -> dataAfter(lines, "analysis").stream().anyMatch(x -> x.contains("mt.sse-test")));
    } finally {
      response.body().close();
    }
  }

  /** The sizes of this test's burst among result events, in the order they arrived. */
  private static List<Long> sizes(List<String> data) throws Exception {
    List<Long> out = new java.util.ArrayList<>();
    for (String d : data) {
      JsonNode event = JSON.readTree(d);
      if (event.path("data").path("task").asText().equals("mt.sse-test")) {
        out.add(event.path("data").path("size").asLong());
      }
    }
    return out;
  }

  @Test
  void shouldPushANewResultOverTheWebSocket() throws Exception {
    List<String> messages = new CopyOnWriteArrayList<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(socket.toString().replaceFirst("^http", "ws")), new Collector(messages))
        .get(30, TimeUnit.SECONDS);
    try {
      await().atMost(WAIT).until(() -> messages.stream().anyMatch(m -> m.contains("\"type\":\"hello\"")));
      awaitReplayOver();

      send(new SyntheticResults("mt.ws-test", "famW").result("mt-ws", "r", 1, 2000, Map.of("task2vec", 0.7), 2.1,
          Map.of("BLEU", 6.0)));

      await().atMost(WAIT).until(() -> messages.stream().anyMatch(m -> m.contains("\"type\":\"result\"")
          && m.contains("\"mt-ws\"")));
    } finally {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldCloseAWebSocketThatStopsReadingOnceItIsFurtherBehindThanItsBuffer() throws Exception {
    // given: a client that reads the hello and then nothing more (marked, to find its server side)
    String mark = java.util.UUID.randomUUID().toString();
    List<String> messages = new CopyOnWriteArrayList<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("X-Test-Mark", mark)
        .buildAsync(URI.create(socket.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages.add(data.toString());
            return null; // and no request(n): the client stops reading, TCP fills up
          }
        }).get(30, TimeUnit.SECONDS);
    java.util.function.BooleanSupplier open = () -> connections.listAll().stream()
        .anyMatch(c -> mark.equals(c.handshakeRequest().header("X-Test-Mark")));
    hub.socketBuffer(50);
    try {
      await().atMost(WAIT).until(() -> !messages.isEmpty() && open.getAsBoolean());

      // when: far more is pushed than the socket buffers and the queue of 50 events hold (20 KB each)
      String pad = "x".repeat(20_000);
      for (int i = 0; i < 2_000 && open.getAsBoolean(); i++) {
        hub.publish("test", Map.of("i", i, "pad", pad));
      }

      // then: the server closed it rather than queue without bound
      await().atMost(WAIT).until(() -> !open.getAsBoolean());
    } finally {
      hub.socketBuffer(LiveHub.SSE_BUFFER);
      ws.abort();
    }
  }

  /** The data lines that follow each {@code event: type} line. */
  private static List<String> dataAfter(List<String> lines, String type) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).matches("event: ?" + type)) {
        for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
          if (lines.get(j).startsWith("data:")) {
            out.add(lines.get(j).substring(5).trim());
          }
        }
      }
    }
    return out;
  }

  private void send(TrainingResult result) throws Exception {
    TestRecords.send(bootstrap, topics.trainingResults(), List.of(result), TrainingResult::getDatasetId);
  }

  /** Collects whole text messages. */
  private static final class Collector implements WebSocket.Listener {
    private final List<String> messages;
    private final StringBuilder partial = new StringBuilder();

    Collector(List<String> messages) {
      this.messages = messages;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
